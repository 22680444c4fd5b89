import { describe, expect, it } from 'vitest';
import { orthogonalProcrustes } from './procrustes';
import { Rng } from './rng';
import { matmul, maxAbsDiff, orthonormalityError } from './test-helpers';
import { gaussian, withSpectrum } from './test-matrices';

describe('orthogonalProcrustes', () => {
  it('recovers a known rotation to 1e-10', () => {
    for (const [n, d] of [[50, 8], [300, 64]]) {
      const q = withSpectrum(new Rng(d), d, d, new Float64Array(d).fill(1));
      const a = gaussian(new Rng(n), n, d);
      const r = orthogonalProcrustes(a, matmul(a, q, n, d, d), n, d);
      expect(maxAbsDiff(r, q)).toBeLessThan(1e-10);
    }
  });

  it('returns an orthogonal matrix that beats the identity on noisy data', () => {
    const n = 40;
    const d = 5;
    const a = gaussian(new Rng(1), n, d);
    const b = gaussian(new Rng(2), n, d);
    const r = orthogonalProcrustes(Float32Array.from(a), Float32Array.from(b), n, d);
    expect(orthonormalityError(r, d, d)).toBeLessThan(1e-13);
    const cost = (m: Float64Array) => {
      let s = 0;
      for (let i = 0; i < m.length; i++) s += (m[i] - b[i]) ** 2;
      return s;
    };
    expect(cost(matmul(a, r, n, d, d))).toBeLessThan(cost(a));
  });

  it('gives an orthogonal R even when A^T B is rank deficient', () => {
    const a = new Float64Array([1, 0, 0, 0, 0, 0]); // [2, 3], rank 1
    const r = orthogonalProcrustes(a, a, 2, 3);
    expect(orthonormalityError(r, 3, 3)).toBeLessThan(1e-14);
    expect(r[0]).toBeCloseTo(1, 14);
  });
});
