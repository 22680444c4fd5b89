import { describe, expect, it } from 'vitest';
import { covarianceSpectrum, spectrumSummary } from './spectrum';
import { gaussianMatrix, matmul, randomRotation, translate } from './testing/synthetic';

describe('covarianceSpectrum', () => {
  it('isotropic Gaussian: PR close to d, every dimension needed for 99%', () => {
    const n = 20000, d = 16;
    const s = covarianceSpectrum(gaussianMatrix(1, n, d, 0.3), n, d, { sampleRows: n });
    expect(s.participationPerDim).toBeGreaterThan(0.98);
    expect(s.participationRatio).toBeLessThanOrEqual(d);
    expect(s.dimsFor.map((x) => x.fraction)).toEqual([0.8, 0.9, 0.95, 0.99]);
    expect(s.dimsFor[3].dims).toBe(d);
    expect(Math.abs(s.dimsFor[0].dims - 0.8 * d)).toBeLessThanOrEqual(1.5);
    expect(s.totalVariance).toBeCloseTo(d * 0.09, 2);
  });

  it('rank-r data with equal variances: PR = r up to sampling, zero spectrum beyond r', () => {
    const n = 4000, d = 12, r = 3;
    const low = gaussianMatrix(2, n, r);
    const basis = randomRotation(3, d).subarray(0, r * d); // r orthonormal rows of length d
    const s = covarianceSpectrum(matmul(low, n, r, basis, d), n, d);
    expect(s.participationRatio).toBeGreaterThan(r * 0.97);
    expect(s.participationRatio).toBeLessThan(r * 1.0001);
    for (let k = r; k < d; k++) expect(Math.abs(s.eigenvalues[k])).toBeLessThan(1e-12 * s.eigenvalues[0]);
    expect(s.dimsFor.every((x) => x.dims <= r)).toBe(true);
  });

  it('is invariant under rotation and translation; scaling by c scales eigenvalues by c^2 and keeps PR', () => {
    const n = 300, d = 8;
    const x = gaussianMatrix(4, n, d).map((v, i) => v * (1 + (i % d))); // anisotropic
    const a = covarianceSpectrum(x, n, d);
    const moved = translate(matmul(x, n, d, randomRotation(5, d), d), d, [3, -1, 2, 0, 5, 1, 1, -4]);
    const b = covarianceSpectrum(moved, n, d);
    const c = covarianceSpectrum(x.map((v) => 3 * v), n, d);
    a.eigenvalues.forEach((v, k) => {
      expect(b.eigenvalues[k]).toBeCloseTo(v, 9);
      expect(c.eigenvalues[k] / v).toBeCloseTo(9, 10);
    });
    expect(c.participationRatio).toBeCloseTo(a.participationRatio, 12);
    expect(b.participationRatio).toBeCloseTo(a.participationRatio, 9);
  });

  it('trace equals the sum of column variances; ddof only rescales (section 1 vs 13a)', () => {
    const n = 50, d = 5;
    const x = gaussianMatrix(6, n, d);
    const s1 = covarianceSpectrum(x, n, d);
    const s0 = covarianceSpectrum(x, n, d, { ddof: 0 });
    let trace = 0;
    for (let c = 0; c < d; c++) {
      let m = 0;
      for (let r = 0; r < n; r++) m += x[r * d + c] / n;
      for (let r = 0; r < n; r++) trace += (x[r * d + c] - m) ** 2 / (n - 1);
    }
    expect(s1.totalVariance).toBeCloseTo(trace, 12);
    expect([s1.divisor, s0.divisor]).toEqual([n - 1, n]);
    s0.eigenvalues.forEach((v, k) => expect(v).toBeCloseTo((s1.eigenvalues[k] * (n - 1)) / n, 12));
    expect(s0.participationRatio).toBeCloseTo(s1.participationRatio, 12);
    expect(s0.dimsFor).toEqual(s1.dimsFor);
  });

  it('samples sampleRows rows reproducibly when vocab is larger', () => {
    const x = gaussianMatrix(7, 500, 4);
    const a = covarianceSpectrum(x, 500, 4, { sampleRows: 100, seed: 1 });
    expect(a.rows).toBe(100);
    expect(covarianceSpectrum(x, 500, 4, { sampleRows: 100, seed: 1 }).eigenvalues).toEqual(a.eigenvalues);
    expect(covarianceSpectrum(x, 500, 4, { sampleRows: 100, seed: 2 }).eigenvalues).not.toEqual(a.eigenvalues);
  });

  it('spectrumSummary: counts as numpy searchsorted + 1', () => {
    const s = spectrumSummary(Float64Array.from([5, 3, 1, 1]));
    expect(Array.from(s.cumulative)).toEqual([0.5, 0.8, 0.9, 1]);
    expect(s.dimsFor.map((x) => x.dims)).toEqual([2, 3, 4, 4]); // cumvar 0.8 reaches 0.8 exactly at k = 2
    expect(s.participationRatio).toBeCloseTo(100 / 36, 15);
  });
});
