import { describe, expect, it } from 'vitest';
import { pca, project } from './pca';
import { Rng } from './rng';
import { matmul, orthonormalityError, transposed } from './test-helpers';
import { gaussian } from './test-matrices';

/** n samples in d dimensions with per-axis scales `scale` then mixed by a fixed matrix. */
function data(seed: number, n: number, d: number): Float64Array {
  const x = gaussian(new Rng(seed), n, d);
  for (let r = 0; r < n; r++) for (let c = 0; c < d; c++) x[r * d + c] = x[r * d + c] * (d - c) + 3 * c;
  return x;
}

describe('pca', () => {
  it('sums the variances to the total variance when k = d, with orthonormal signed components', () => {
    const n = 60;
    const d = 7;
    const p = pca(data(1, n, d), n, d, d);
    let sum = 0;
    for (const v of p.variances) sum += v;
    expect(Math.abs(sum - p.totalVariance) / p.totalVariance).toBeLessThan(1e-13);
    for (let i = 1; i < d; i++) expect(p.variances[i]).toBeLessThanOrEqual(p.variances[i - 1]);
    expect(orthonormalityError(transposed(p.components, d, d), d, d)).toBeLessThan(1e-13);
    for (let j = 0; j < d; j++) {
      const row = Array.from(p.components.subarray(j * d, j * d + d));
      const big = row.reduce((b, v, i) => (Math.abs(v) > Math.abs(row[b]) ? i : b), 0);
      expect(row[big]).toBeGreaterThan(0);
    }
  });

  it('projections have the component variances and zero mean', () => {
    const n = 80;
    const d = 6;
    const x = data(2, n, d);
    const p = pca(x, n, d, 3);
    const y = project(x, n, d, p);
    for (let j = 0; j < 3; j++) {
      let m = 0;
      let v = 0;
      for (let r = 0; r < n; r++) m += y[r * 3 + j];
      for (let r = 0; r < n; r++) v += y[r * 3 + j] ** 2;
      expect(Math.abs(m / n)).toBeLessThan(1e-12);
      expect(Math.abs(v / (n - 1) - p.variances[j]) / p.variances[j]).toBeLessThan(1e-12);
    }
  });

  it('gives the same answer through the n x n route (n < d) as through the d x d one', () => {
    const n = 12;
    const d = 30;
    const x = data(3, n, d);
    const small = pca(x, n, d, 5); // n <= d, k < n: Gram route
    const big = pca(x, n, d, 12); // k >= n: covariance route
    for (let j = 0; j < 5; j++) {
      expect(Math.abs(small.variances[j] - big.variances[j]) / big.variances[j]).toBeLessThan(1e-11);
      for (let c = 0; c < d; c++) expect(Math.abs(small.components[j * d + c] - big.components[j * d + c])).toBeLessThan(1e-9);
    }
    expect(small.totalVariance).toBeCloseTo(big.totalVariance, 10);
    // The covariance of rank n - 1 has (numerically) zero variance past it.
    expect(big.variances[11]).toBeLessThan(1e-10 * big.variances[0]);
  });

  it('recovers the axis of an elongated cloud', () => {
    const n = 500;
    const rng = new Rng(4);
    const x = new Float64Array(n * 2);
    for (let r = 0; r < n; r++) {
      const t = rng.normal() * 10;
      const e = rng.normal() * 0.1;
      x[r * 2] = (t - e) / Math.SQRT2 + 5;
      x[r * 2 + 1] = (t + e) / Math.SQRT2 - 1;
    }
    const p = pca(x, n, 2, 1);
    expect(p.components[0]).toBeCloseTo(Math.SQRT1_2, 3);
    expect(p.components[1]).toBeCloseTo(Math.SQRT1_2, 3);
    expect(matmul(p.components, p.components, 1, 2, 1)[0]).toBeCloseTo(1, 14);
  });
});
