import { describe, expect, it } from 'vitest';
import { cayleyMengerDeterminant, simplexVolume } from './cayley-menger';
import { Rng } from './rng';
import { matmul } from './test-helpers';
import { gaussian, withSpectrum } from './test-matrices';

/** Vertices of the regular k-simplex with unit edges: e_i / sqrt(2) in R^(k+1). */
function regularSimplex(k: number): Float64Array {
  const d = k + 1;
  const p = new Float64Array(d * d);
  for (let i = 0; i < d; i++) p[i * d + i] = Math.SQRT1_2;
  return p;
}

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}

describe('Cayley-Menger', () => {
  it('gives the closed-form volume sqrt(k+1) / (k! 2^(k/2)) of a regular simplex with unit edges', () => {
    for (let k = 1; k <= 8; k++) {
      const expected = Math.sqrt(k + 1) / (factorial(k) * 2 ** (k / 2));
      const v = simplexVolume(regularSimplex(k), k + 1, k + 1);
      expect(Math.abs(v - expected) / expected).toBeLessThan(1e-12);
    }
  });

  it('matches the classic triangle and determinant values', () => {
    const tri = new Float64Array([0, 0, 3, 0, 0, 4]); // right triangle, area 6
    expect(simplexVolume(tri, 3, 2)).toBeCloseTo(6, 12);
    // For a segment of length L the CM determinant is 2 L^2.
    expect(cayleyMengerDeterminant(new Float64Array([0, 0, 3, 4]), 2, 2)).toBeCloseTo(50, 12);
  });

  it('scales by c^k and is invariant under rotation and translation', () => {
    const m = 5;
    const d = 12;
    const k = m - 1;
    const p = gaussian(new Rng(1), m, d);
    const v = simplexVolume(p, m, d);
    expect(v).toBeGreaterThan(0);
    for (const c of [0.01, 3, 1000]) {
      const scaled = p.map((x) => x * c);
      expect(Math.abs(simplexVolume(scaled, m, d) - v * c ** k) / (v * c ** k)).toBeLessThan(1e-10);
    }
    const q = withSpectrum(new Rng(2), d, d, new Float64Array(d).fill(1));
    const moved = matmul(p, q, m, d, d);
    const shift = gaussian(new Rng(3), 1, d);
    for (let i = 0; i < m; i++) for (let j = 0; j < d; j++) moved[i * d + j] += 10 * shift[j];
    expect(Math.abs(simplexVolume(moved, m, d) - v) / v).toBeLessThan(1e-10);
  });

  it('gives 0 for degenerate (collinear or repeated) points', () => {
    const line = new Float64Array([0, 0, 0, 1, 2, 3, 2, 4, 6, -1, -2, -3]);
    expect(simplexVolume(line, 4, 3)).toBeLessThan(1e-7);
    expect(simplexVolume(line.subarray(0, 9), 3, 3)).toBeLessThan(1e-7);
    expect(simplexVolume(new Float64Array(10), 5, 2)).toBe(0);
    // Five points in a plane span no 4-volume.
    const planar = gaussian(new Rng(4), 5, 2);
    expect(simplexVolume(planar, 5, 2)).toBeLessThan(1e-7);
  });
});
