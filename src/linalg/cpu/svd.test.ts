import { describe, expect, it } from 'vitest';
import { Rng } from './rng';
import { svd } from './svd';
import { matmul, maxAbsDiff, orthonormalityError, transposed } from './test-helpers';
import { gaussian, logSpectrum, withSpectrum } from './test-matrices';

function reconstruct(u: Float64Array, s: Float64Array, vt: Float64Array, rows: number, cols: number): Float64Array {
  const k = s.length;
  const us = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) for (let j = 0; j < k; j++) us[i * k + j] = u[i * k + j] * s[j];
  return matmul(us, vt, rows, k, cols);
}

describe('svd', () => {
  it('reconstructs A = U diag(s) V^T with orthonormal U, V, both orientations and a square one', () => {
    for (const [r, c] of [[1, 1], [6, 3], [3, 6], [50, 20], [20, 50], [40, 40]]) {
      const a = gaussian(new Rng(r * 100 + c), r, c);
      const { u, s, vt } = svd(a, r, c);
      const k = Math.min(r, c);
      expect(u.length).toBe(r * k);
      expect(vt.length).toBe(k * c);
      for (let i = 1; i < k; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
      expect(maxAbsDiff(reconstruct(u, s, vt, r, c), a)).toBeLessThan(1e-13 * s[0]);
      expect(orthonormalityError(u, r, k)).toBeLessThan(1e-13);
      expect(orthonormalityError(transposed(vt, k, c), c, k)).toBeLessThan(1e-13);
    }
  });

  it('completes U orthonormally when A is rank deficient', () => {
    const a = matmul(gaussian(new Rng(1), 12, 3), gaussian(new Rng(2), 3, 8), 12, 3, 8);
    const { u, s, vt } = svd(a, 12, 8);
    for (let i = 3; i < 8; i++) expect(s[i]).toBeLessThan(1e-13 * s[0]);
    expect(orthonormalityError(u, 12, 8)).toBeLessThan(1e-13);
    expect(maxAbsDiff(reconstruct(u, s, vt, 12, 8), a)).toBeLessThan(1e-13 * s[0]);
    const zero = svd(new Float64Array(6), 2, 3);
    expect(Array.from(zero.s)).toEqual([0, 0]);
    expect(orthonormalityError(zero.u, 2, 2)).toBeLessThan(1e-15);
  });

  it('keeps small singular values relatively accurate (6 decades)', () => {
    const s0 = logSpectrum(40, 6);
    const { s } = svd(withSpectrum(new Rng(4), 60, 40, s0), 60, 40);
    for (let i = 0; i < 40; i++) expect(Math.abs(s[i] - s0[i]) / s0[i]).toBeLessThan(1e-9);
  });
});
