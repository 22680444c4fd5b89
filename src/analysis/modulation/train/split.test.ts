import { describe, it, expect } from 'vitest';
import { Rng } from '../../../linalg/cpu/rng';
import { batches, epochBatches, splitExamples } from './split';

describe('split and batches', () => {
  it('splits floor(0.9 n) / rest, disjoint and covering, the same for the same seed', () => {
    const s = splitExamples(51, new Rng(42));
    expect(s.train.length).toBe(45);
    expect(s.val.length).toBe(6);
    expect([...s.train, ...s.val].sort((a, b) => a - b)).toEqual(Array.from({ length: 51 }, (_, i) => i));
    expect(splitExamples(51, new Rng(42))).toEqual(s);
    expect(splitExamples(51, new Rng(43))).not.toEqual(s);
  });

  it('cuts batches in order with a smaller last one', () => {
    expect(batches([5, 6, 7, 8, 9], 2)).toEqual([[5, 6], [7, 8], [9]]);
    expect(() => batches([1], 0)).toThrow();
  });

  it('shuffles every epoch from the same stream: each epoch is a permutation of the training set', () => {
    const rng = new Rng(1);
    const train = [10, 11, 12, 13, 14, 15, 16];
    const e1 = epochBatches(train, 3, rng).flat();
    const e2 = epochBatches(train, 3, rng).flat();
    expect([...e1].sort()).toEqual(train);
    expect([...e2].sort()).toEqual(train);
    expect(e1).not.toEqual(e2);
  });
});
