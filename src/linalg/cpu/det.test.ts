import { describe, expect, it } from 'vitest';
import { determinant } from './det';
import { Rng } from './rng';
import { matmul } from './test-helpers';
import { gaussian, logSpectrum, withSpectrum } from './test-matrices';

describe('determinant', () => {
  it('handles small closed forms', () => {
    expect(determinant(new Float64Array(0), 0)).toBe(1);
    expect(determinant(new Float32Array([-2.5]), 1)).toBe(-2.5);
    expect(determinant(new Float64Array([1, 2, 3, 4]), 2)).toBeCloseTo(-2, 14);
    expect(determinant(new Float64Array([0, 1, 1, 0]), 2)).toBe(-1); // needs a pivot swap
    expect(determinant(new Float64Array([1, 2, 3, 2, 4, 6, 0, 1, 5]), 3)).toBe(0);
  });

  it('is multiplicative and equals the product of singular values up to sign', () => {
    const n = 8;
    const a = gaussian(new Rng(1), n, n);
    const b = gaussian(new Rng(2), n, n);
    const dab = determinant(matmul(a, b, n, n, n), n);
    expect(Math.abs(dab - determinant(a, n) * determinant(b, n)) / Math.abs(dab)).toBeLessThan(1e-12);
    const s = logSpectrum(n, 3);
    const prod = s.reduce((p, v) => p * v, 1);
    expect(Math.abs(Math.abs(determinant(withSpectrum(new Rng(3), n, n, s), n)) - prod) / prod).toBeLessThan(1e-10);
  });
});
