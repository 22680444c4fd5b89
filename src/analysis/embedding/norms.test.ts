import { describe, expect, it } from 'vitest';
import { embeddingNorms } from './norms';
import { gaussianMatrix } from './testing/synthetic';

describe('embeddingNorms', () => {
  it('gives each row norm, first argmin/argmax on ties, and counts zero rows', () => {
    // rows: norm 5, 0, 1, 5, 1e-7
    const e = Float32Array.from([3, 4, 0, 0, 0, 1, 4, 3, 1e-7, 0]);
    const r = embeddingNorms(e, 5, 2);
    expect(Array.from(r.norms).map((v) => +v.toPrecision(7))).toEqual([5, 0, 1, 5, 1e-7]);
    expect([r.argmin, r.argmax, r.zeroCount]).toEqual([1, 0, 2]);
    expect(r.summary.n).toBe(5);
    expect(r.summary.max).toBe(5);
  });

  it('scales every statistic by c when E is scaled by c > 0', () => {
    const e = gaussianMatrix(1, 200, 16);
    const a = embeddingNorms(e, 200, 16);
    const b = embeddingNorms(e.map((v) => 2.5 * v), 200, 16);
    for (const k of ['mean', 'std', 'min', 'max', 'median'] as const) expect(b.summary[k]).toBeCloseTo(2.5 * a.summary[k], 12);
    b.summary.percentiles.forEach((p, i) => expect(p.value).toBeCloseTo(2.5 * a.summary.percentiles[i].value, 12));
    expect(Array.from(b.summary.histogram.counts)).toEqual(Array.from(a.summary.histogram.counts));
  });

  it('rejects a matrix of the wrong size', () => {
    expect(() => embeddingNorms(new Float32Array(10), 3, 4)).toThrow(/3x4/);
  });
});
