import { describe, expect, it } from 'vitest';
import reference from '../../../fixtures/linalg.reference.json';
import { symmetricEigen, tridiagonalEigenvalues, tridiagonalize } from './eigen';
import { Rng } from './rng';
import { gaussian } from './test-matrices';
import { frobenius2, matmul, maxAbsDiff, orthonormalityError, transposed } from './test-helpers';

function randomSymmetric(seed: number, n: number): Float64Array {
  const a = gaussian(new Rng(seed), n, n);
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = a[i * n + j] + a[j * n + i];
  return s;
}

/** Checks A V = V diag(values), V^T V = I, descending order, trace and Frobenius norm. */
function checkDecomposition(a: Float64Array, n: number, tol: number): void {
  const { values, vectors } = symmetricEigen(a, n, { vectors: true });
  const v = vectors as Float64Array;
  expect(values.length).toBe(n);
  for (let i = 1; i < n; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
  const scale = Math.max(1, Math.sqrt(frobenius2(a)));
  const av = matmul(a, v, n, n, n);
  const vd = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vd[i * n + j] = v[i * n + j] * values[j];
  expect(maxAbsDiff(av, vd)).toBeLessThan(tol * scale);
  expect(orthonormalityError(v, n, n)).toBeLessThan(tol);
  let trace = 0;
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    trace += a[i * n + i];
    sum += values[i];
    sum2 += values[i] ** 2;
  }
  expect(Math.abs(trace - sum)).toBeLessThan(tol * scale * n);
  expect(Math.abs(frobenius2(a) - sum2)).toBeLessThan(tol * scale * scale * n);
  // Values alone (no vectors) are the same numbers.
  expect(maxAbsDiff(symmetricEigen(a, n).values, values)).toBeLessThan(tol * scale);
}

describe('symmetricEigen', () => {
  it('handles n = 0 and n = 1', () => {
    expect(symmetricEigen(new Float64Array(0), 0, { vectors: true }).values.length).toBe(0);
    const one = symmetricEigen(new Float32Array([-3]), 1, { vectors: true });
    expect(Array.from(one.values)).toEqual([-3]);
    expect(Array.from(one.vectors as Float64Array)).toEqual([1]);
  });

  it('decomposes random symmetric matrices (A V = V L, V^T V = I, trace, Frobenius)', () => {
    for (const n of [2, 3, 7, 40, 120]) checkDecomposition(randomSymmetric(n, n), n, 1e-12);
  });

  it('matches the 2x2 closed form', () => {
    const [a, b, c] = [2, -0.75, 5];
    const { values } = symmetricEigen(new Float64Array([a, b, b, c]), 2);
    const mid = (a + c) / 2;
    const rad = Math.hypot((a - c) / 2, b);
    expect(values[0]).toBeCloseTo(mid + rad, 14);
    expect(values[1]).toBeCloseTo(mid - rad, 14);
  });

  it('returns a diagonal matrix unchanged, sorted', () => {
    const d = [3, -1, 7, 0, 2];
    const a = new Float64Array(25);
    d.forEach((v, i) => (a[i * 5 + i] = v));
    expect(Array.from(symmetricEigen(a, 5).values)).toEqual([7, 3, 2, 0, -1]);
    checkDecomposition(a, 5, 1e-14);
  });

  it('handles the zero matrix and repeated eigenvalues', () => {
    const z = symmetricEigen(new Float64Array(36), 6, { vectors: true });
    expect(Array.from(z.values)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(orthonormalityError(z.vectors as Float64Array, 6, 6)).toBeLessThan(1e-15);
    // Q diag(2,2,2,-1,-1,5) Q^T with Q orthogonal: clusters must come out exactly repeated.
    const n = 6;
    const q = symmetricEigen(randomSymmetric(3, n), n, { vectors: true }).vectors as Float64Array;
    const lam = [2, 2, 2, -1, -1, 5];
    const ql = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) ql[i * n + j] = q[i * n + j] * lam[j];
    const a = matmul(ql, transposed(q, n, n), n, n, n);
    const { values } = symmetricEigen(a, n);
    expect(maxAbsDiff(values, [5, 2, 2, 2, -1, -1])).toBeLessThan(1e-14);
    checkDecomposition(a, n, 1e-13);
  });

  it('resolves the clustered pairs of the Wilkinson matrix W21+', () => {
    // W21+: diag |10 - i|, unit off-diagonals; its top eigenvalues come in pairs equal to ~1e-14.
    const n = 21;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = Math.abs(10 - i);
      if (i + 1 < n) a[i * n + i + 1] = a[(i + 1) * n + i] = 1;
    }
    const { values } = symmetricEigen(a, n);
    expect(values[0]).toBeCloseTo(10.746194182903393, 13);
    expect(values[1]).toBeCloseTo(10.746194182903322, 13);
    checkDecomposition(a, n, 1e-13);
    // The tridiagonal path alone gives the same spectrum.
    const tri = tridiagonalize(a, n);
    expect(maxAbsDiff(tridiagonalEigenvalues(tri.diag, tri.offDiag), values)).toBeLessThan(1e-13);
  });

  it('reads float32 input and leaves it unchanged', () => {
    const a = new Float32Array([4, 1, 1, 3]);
    const copy = Float32Array.from(a);
    symmetricEigen(a, 2, { vectors: true });
    expect(Array.from(a)).toEqual(Array.from(copy));
  });

  it('matches numpy eigvalsh (fixtures/linalg.reference.json)', () => {
    for (const c of reference.eigvalsh) {
      const a = randomSymmetric(c.seed, c.rows);
      let sum = 0;
      for (const v of a) sum += v;
      expect(sum).toBeCloseTo(c.checksum, 10);
      const { values } = symmetricEigen(a, c.rows);
      expect(maxAbsDiff(values, c.values)).toBeLessThan(1e-10);
    }
  });
});

describe('symmetricEigen with count', () => {
  it('returns the leading eigenvectors equal (up to sign) to the full decomposition', () => {
    const n = 50;
    const a = randomSymmetric(21, n);
    const full = symmetricEigen(a, n, { vectors: true });
    const part = symmetricEigen(a, n, { vectors: true, count: 7 });
    expect(maxAbsDiff(part.values, full.values)).toBe(0);
    const v = part.vectors as Float64Array;
    expect(v.length).toBe(n * 7);
    const fv = full.vectors as Float64Array;
    for (let j = 0; j < 7; j++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += v[i * 7 + j] * fv[i * n + j];
      expect(Math.abs(Math.abs(dot) - 1)).toBeLessThan(1e-12);
    }
    expect(orthonormalityError(v, n, 7)).toBeLessThan(1e-13);
  });
});

describe('tridiagonalQL on a block of zero eigenvalues', () => {
  it('converges (absolute deflation at eps * ||T||) and keeps the trace', async () => {
    const { readFileSync } = await import('node:fs');
    const { tridiagonalQL } = await import('./tridiagonal-ql');
    const t = JSON.parse(readFileSync('fixtures/linalg-ql-zero-block.json', 'utf8')) as { d: number[]; e: number[] };
    const d = Float64Array.from(t.d);
    tridiagonalQL(d, Float64Array.from(t.e));
    const trace = t.d.reduce((a, b) => a + b, 0);
    expect(Math.abs(d.reduce((a, b) => a + b, 0) - trace) / Math.abs(trace)).toBeLessThan(1e-12);
    const max = Math.max(...d.map(Math.abs));
    expect(d.filter((x) => Math.abs(x) < 1e-12 * max).length).toBe(64);
  });
});
