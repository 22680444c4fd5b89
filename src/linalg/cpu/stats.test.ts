import { describe, expect, it } from 'vitest';
import reference from '../../../fixtures/linalg.reference.json';
import { Rng } from './rng';
import { histogram, mean, percentile, sortedCopy, std } from './stats';

const ref = reference.stats;

describe('stats', () => {
  const rng = new Rng(ref.seed);
  const x = Float64Array.from({ length: ref.n }, () => 4 * rng.next() - 2);

  it('percentile matches numpy (linear method)', () => {
    const sorted = sortedCopy(x);
    ref.percentiles.forEach((p, i) => expect(Math.abs(percentile(sorted, p) - ref.percentile[i])).toBeLessThan(1e-15));
    expect(percentile(new Float64Array([5]), 50)).toBe(5);
    expect(Number.isNaN(percentile(new Float64Array(0), 50))).toBe(true);
    expect(percentile(new Float64Array([1, 2, 3, 4]), 50)).toBe(2.5);
  });

  it('mean and std match numpy', () => {
    expect(Math.abs(mean(x) - ref.mean)).toBeLessThan(1e-15);
    expect(Math.abs(std(x) - ref.std0)).toBeLessThan(1e-14);
    expect(Math.abs(std(x, 1) - ref.std1)).toBeLessThan(1e-14);
    expect(std(new Float64Array([2, 2, 2]))).toBe(0);
  });

  it('histogram matches numpy.histogram, including values on the edges', () => {
    for (const [h, want] of [
      [histogram(x, 10), ref.hist10],
      [histogram(x, 7, [-1, 2]), ref.hist7_range],
      [histogram(Float64Array.from({ length: 11 }, (_, i) => i / 10), 5), ref.edgy5],
    ] as const) {
      expect(Array.from(h.edges)).toEqual(want.edges);
      expect(Array.from(h.counts)).toEqual(want.counts);
    }
    const flat = histogram(new Float64Array([3, 3]), 2);
    expect(Array.from(flat.edges)).toEqual([2.5, 3, 3.5]);
    expect(Array.from(flat.counts)).toEqual([0, 2]);
  });
});
