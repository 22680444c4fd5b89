import { describe, expect, it } from 'vitest';
import { cosineMatrix, rowNorms, summarize, upperTriangleStats } from './distribution';
import { gaussianMatrix } from './testing/synthetic';

describe('summarize', () => {
  it('matches hand-computed numpy values on 1..100', () => {
    const x = Float64Array.from({ length: 100 }, (_, i) => 100 - i); // unsorted on purpose
    const s = summarize(x, [1, 25, 50, 99], 10);
    expect([s.n, s.mean, s.min, s.max, s.median]).toEqual([100, 50.5, 1, 100, 50.5]);
    expect(s.std).toBeCloseTo(Math.sqrt((100 * 100 - 1) / 12), 12); // population std of 1..n
    // numpy: np.percentile(np.arange(1, 101), [1, 25, 50, 99]) = [1.99, 25.75, 50.5, 99.01]
    s.percentiles.forEach((p, i) => expect(p.value).toBeCloseTo([1.99, 25.75, 50.5, 99.01][i], 12));
    expect(Array.from(s.histogram.counts)).toEqual(Array(10).fill(10));
    expect(x[0]).toBe(100); // input untouched
  });

  it('gives NaN statistics, not a throw, for an empty sample', () => {
    const s = summarize(new Float64Array(0));
    expect(s.n).toBe(0);
    expect(s.mean).toBeNaN();
    expect(s.median).toBeNaN();
  });
});

describe('cosine helpers', () => {
  const x = gaussianMatrix(3, 6, 5);

  it('cosine matrix is symmetric with a diagonal of 1 (up to the seed epsilon) and equals scaled-row cosines', () => {
    const ids = [0, 1, 2, 3, 4, 5];
    const c = cosineMatrix(x, 5, ids);
    const scaled = x.map((v, i) => v * (1 + Math.floor(i / 5))); // row r scaled by r + 1
    const c2 = cosineMatrix(scaled, 5, ids);
    for (let i = 0; i < 6; i++) {
      expect(c[i * 6 + i]).toBeCloseTo(1, 7);
      for (let j = 0; j < 6; j++) {
        expect(c[i * 6 + j]).toBe(c[j * 6 + i]);
        expect(c2[i * 6 + j]).toBeCloseTo(c[i * 6 + j], 7);
      }
    }
  });

  it('row norms and upper-triangle statistics', () => {
    expect(Array.from(rowNorms([3, 4, 0, 0, 1, 0], 2, 3))).toEqual([5, 1]);
    const a = Float64Array.from([1, 0.5, 0.1, 0.5, 1, 0.3, 0.1, 0.3, 1]);
    const s = upperTriangleStats(a, 3);
    expect(s.n).toBe(3);
    expect(s.mean).toBeCloseTo(0.3, 15);
    expect(s.std).toBeCloseTo(Math.sqrt((0.04 + 0.04 + 0) / 3), 15);
  });
});
