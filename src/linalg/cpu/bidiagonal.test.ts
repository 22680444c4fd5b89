import { describe, expect, it } from 'vitest';
import { bidiagonalSingularValues, bidiagonalize, singularValuesBidiagonal } from './bidiagonal';
import { Rng } from './rng';
import { singularValues } from './singular-values';
import { frobenius2 } from './test-helpers';
import { gaussian, logSpectrum, withSpectrum } from './test-matrices';

describe('bidiagonal route (independent cross-check of singularValues)', () => {
  it('preserves the Frobenius norm and agrees with the Gram route', () => {
    for (const [r, c] of [[30, 20], [20, 30], [1, 5], [5, 1]]) {
      const w = gaussian(new Rng(r + 2 * c), r, c);
      const b = bidiagonalize(w, r, c);
      expect(Math.abs(frobenius2(b.d) + frobenius2(b.e) - frobenius2(w)) / frobenius2(w)).toBeLessThan(1e-13);
      const s = singularValuesBidiagonal(w, r, c);
      const g = singularValues(w, r, c);
      for (let i = 0; i < s.length; i++) expect(Math.abs(s[i] - g[i]) / g[i]).toBeLessThan(1e-12);
    }
  });

  it('keeps relative accuracy over 14 decades and returns zeros for a zero matrix', () => {
    const s0 = logSpectrum(50, 14);
    const s = singularValuesBidiagonal(withSpectrum(new Rng(5), 50, 50, s0), 50, 50);
    // Building the matrix already perturbs s_i by ~eps * s_max, i.e. relatively by ~1e-16 / s_i.
    for (let i = 0; i < 50; i++) if (s0[i] >= 1e-10) expect(Math.abs(s[i] - s0[i]) / s0[i]).toBeLessThan(1e-13 / s0[i]);
    expect(Array.from(singularValuesBidiagonal(new Float64Array(12), 3, 4))).toEqual([0, 0, 0]);
  });

  it('solves a bidiagonal matrix with tiny entries relatively accurately', () => {
    // B = [[1, 1], [0, 1e-20]]: s_max = sqrt(2) and s_min = det / s_max = 1e-20 / sqrt(2).
    const s = bidiagonalSingularValues({ d: new Float64Array([1, 1e-20]), e: new Float64Array([1, 0]) });
    const smax = Math.SQRT2;
    expect(s[0]).toBeCloseTo(smax, 14);
    expect(Math.abs(s[1] - 1e-20 / smax) / (1e-20 / smax)).toBeLessThan(1e-13);
  });
});
