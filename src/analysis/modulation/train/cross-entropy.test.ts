import { describe, it, expect } from 'vitest';
import { crossEntropy } from './cross-entropy';

describe('last-position cross-entropy', () => {
  it('is ln V for uniform logits and the mean of the per-example losses', () => {
    const r = crossEntropy(new Float32Array(2 * 8).fill(3), 8, [0, 5]);
    expect(r.perExample[0]).toBeCloseTo(Math.log(8), 14);
    expect(r.mean).toBeCloseTo(Math.log(8), 14);
  });

  it('equals -log softmax computed directly, is shift invariant and stable for large logits', () => {
    const logits = [1.5, -2, 0.25, 3];
    const direct = -Math.log(Math.exp(logits[2]) / logits.reduce((s, x) => s + Math.exp(x), 0));
    expect(crossEntropy(logits, 4, [2]).mean).toBeCloseTo(direct, 14);
    expect(crossEntropy(logits.map((x) => x + 1000), 4, [2]).mean).toBeCloseTo(direct, 11);
    expect(crossEntropy([0, 50, 0], 3, [1]).mean).toBeCloseTo(0, 15);
    expect(crossEntropy([0, -1e4, 0], 3, [1]).mean).toBeCloseTo(1e4 + Math.log(2), 9);
  });

  it('rejects a label outside the vocabulary and a wrong logits length', () => {
    expect(() => crossEntropy([0, 0], 2, [2])).toThrow(/label 2/);
    expect(() => crossEntropy([0, 0, 0], 2, [1])).toThrow(/batch 1/);
  });
});
