import { describe, it, expect } from 'vitest';
import { crossEntropy, labelCrossEntropy } from './cross-entropy';

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

describe('label cross-entropy (the flattened T5 loss of the seed)', () => {
  it('equals the last-position cross-entropy of all label rows stacked: a mean over tokens, not over examples', () => {
    const V = 5;
    const a = [0.5, -1, 2, 0, 1, 3, 0.1, -0.2, 0.4, 0.9]; // 2 label rows
    const b = [1, 1, -2, 0.3, 0.7]; // 1 label row
    const r = labelCrossEntropy([a, b], V, [[2, 0], [4]]);
    const stacked = crossEntropy([...a, ...b], V, [2, 0, 4]);
    expect(r.tokens).toBe(3);
    expect(r.mean).toBeCloseTo(stacked.mean, 14);
    expect(Array.from(r.perToken[0])).toEqual(Array.from(stacked.perExample.subarray(0, 2)));
    const perExampleMean = (r.perToken[0][0] + r.perToken[0][1]) / 4 + r.perToken[1][0] / 2;
    expect(Math.abs(r.mean - perExampleMean)).toBeGreaterThan(1e-3);
  });

  it('rejects mismatched lists and is NaN for an empty batch', () => {
    expect(() => labelCrossEntropy([[0, 0]], 2, [])).toThrow(/1 logit blocks for 0/);
    expect(() => labelCrossEntropy([[0, 0, 0]], 2, [[1, 1]])).toThrow(/batch 2/);
    expect(labelCrossEntropy([], 2, []).mean).toBeNaN();
  });
});
