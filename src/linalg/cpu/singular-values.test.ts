import { describe, expect, it } from 'vitest';
import reference from '../../../fixtures/linalg.reference.json';
import { Rng } from './rng';
import { singularValues } from './singular-values';
import { svd } from './svd';
import { frobenius2, matmul } from './test-helpers';
import { gaussian, logSpectrum, withSpectrum } from './test-matrices';

interface SvdCase {
  name: string;
  kind: string;
  seed: number;
  rows: number;
  cols: number;
  decades?: number;
  spectrum?: number[];
  rank?: number;
  checksum: number;
  frobenius: number;
  s: number[];
}

/** Rebuilds a fixture matrix exactly as scripts/reference_linalg.py does. */
function build(c: SvdCase): Float64Array {
  const rng = new Rng(c.seed);
  switch (c.kind) {
    case 'gaussian':
      return gaussian(rng, c.rows, c.cols);
    case 'gaussian_f32':
      return Float64Array.from(Float32Array.from(gaussian(rng, c.rows, c.cols)));
    case 'log_spectrum':
      return withSpectrum(rng, c.rows, c.cols, logSpectrum(Math.min(c.rows, c.cols), c.decades as number));
    case 'spectrum':
      return withSpectrum(rng, c.rows, c.cols, c.spectrum as number[]);
    case 'low_rank': {
      const r = c.rank as number;
      const a = gaussian(rng, c.rows, r);
      const b = gaussian(rng, r, c.cols);
      return matmul(a, b, c.rows, r, c.cols);
    }
    default:
      throw new Error(c.kind);
  }
}

/** Largest relative error over the values above 1e-6 of the largest (the acceptance contract). */
function contractError(s: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] > 1e-6 * expected[0]) worst = Math.max(worst, Math.abs(s[i] - expected[i]) / expected[i]);
  }
  return worst;
}

describe('singularValues', () => {
  it('handles empty and vector shapes', () => {
    expect(singularValues(new Float64Array(0), 0, 5).length).toBe(0);
    expect(singularValues(new Float64Array(0), 3, 0).length).toBe(0);
    expect(singularValues(new Float32Array([3, 4]), 1, 2)[0]).toBeCloseTo(5, 14);
    expect(singularValues(new Float32Array([3, 4]), 2, 1)[0]).toBeCloseTo(5, 14);
    expect(Array.from(singularValues(new Float64Array(12), 3, 4))).toEqual([0, 0, 0]);
  });

  it('keeps sum s^2 = ||W||_F^2 and descending order, both orientations', () => {
    for (const [r, c] of [[37, 23], [23, 37], [64, 64]]) {
      const w = gaussian(new Rng(r * c), r, c);
      const s = singularValues(w, r, c);
      expect(s.length).toBe(Math.min(r, c));
      for (let i = 1; i < s.length; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
      expect(Math.abs(frobenius2(s) - frobenius2(w)) / frobenius2(w)).toBeLessThan(1e-13);
    }
  });

  it('gives all ones for an orthogonal matrix and zeros past the rank', () => {
    const n = 30;
    const q = withSpectrum(new Rng(1), n, n, new Float64Array(n).fill(1));
    const s = singularValues(q, n, n);
    for (const v of s) expect(Math.abs(v - 1)).toBeLessThan(1e-13);
    const a = gaussian(new Rng(2), 40, 5);
    const b = gaussian(new Rng(3), 5, 25);
    const low = singularValues(matmul(a, b, 40, 5, 25), 40, 25);
    expect(low[4]).toBeGreaterThan(1);
    for (let i = 5; i < 25; i++) expect(low[i]).toBeLessThan(1e-12 * low[0]);
  });

  it('recovers a spectrum spanning 6 decades under random rotations to 1e-4 relative (observed ~1e-9)', () => {
    for (const [r, c] of [[80, 50], [50, 80], [120, 120]]) {
      const s0 = logSpectrum(Math.min(r, c), 6);
      const s = singularValues(withSpectrum(new Rng(r + c), r, c, s0), r, c);
      const err = contractError(s, s0);
      expect(err).toBeLessThan(1e-7);
    }
  });

  it('agrees with svd()', () => {
    const w = gaussian(new Rng(5), 45, 30);
    const a = singularValues(w, 45, 30);
    const b = svd(w, 45, 30).s;
    for (let i = 0; i < 30; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-13 * b[0]);
  });

  it('matches numpy svd(compute_uv=False) on the reference matrices (fixtures/linalg.reference.json)', () => {
    for (const c of reference.svd as SvdCase[]) {
      const w = build(c);
      let sum = 0;
      for (const v of w) sum += v;
      expect(Math.abs(sum - c.checksum)).toBeLessThan(1e-10 * Math.max(1, c.frobenius));
      const s = singularValues(w, c.rows, c.cols);
      expect(contractError(s, c.s), c.name).toBeLessThan(1e-7);
      // Below the contract, values are at least as small as numpy's noise floor allows.
      for (let i = 0; i < s.length; i++) if (c.s[i] <= 1e-6 * c.s[0]) expect(s[i]).toBeLessThan(2e-6 * c.s[0]);
    }
  });

  it('accepts float32 without modifying it', () => {
    const w = Float32Array.from(gaussian(new Rng(8), 12, 9));
    const copy = Float32Array.from(w);
    const s = singularValues(w, 12, 9);
    expect(Array.from(w)).toEqual(Array.from(copy));
    expect(Math.abs(frobenius2(s) - frobenius2(w)) / frobenius2(w)).toBeLessThan(1e-13);
  });

  it('reports progress up to 1 and honours an aborted signal', () => {
    const seen: number[] = [];
    singularValues(gaussian(new Rng(9), 10, 10), 10, 10, { onProgress: (f) => seen.push(f) });
    expect(seen[seen.length - 1]).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    const ctrl = new AbortController();
    ctrl.abort();
    expect(() => singularValues(gaussian(new Rng(9), 10, 10), 10, 10, { signal: ctrl.signal })).toThrow(expect.objectContaining({ name: 'AbortError' }));
  });
});
