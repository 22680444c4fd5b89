import { symmetricEigen } from './eigen';
import { rowGram, transposeToF64 } from './gram';
import { checkShape, type Mat } from './types';

export interface Svd {
  /** [rows, k] left singular vectors, orthonormal columns. */
  u: Float64Array;
  /** [k] singular values, descending. */
  s: Float64Array;
  /** [k, cols] right singular vectors as rows (V^T), orthonormal rows. */
  vt: Float64Array;
}

const EPS = 2.220446049250313e-16;

/**
 * Thin SVD A = U diag(s) V^T of a row-major [rows, cols] matrix, k = min(rows, cols), in float64.
 * One-sided (Hestenes) Jacobi on the columns of A V0, where V0 (the eigenvectors of A^T A) already
 * nearly diagonalises it, so a few sweeps suffice; Jacobi keeps the small singular values relatively
 * accurate. Left vectors of (numerically) zero singular values are completed to an orthonormal set.
 */
export function svd(a: Mat, rows: number, cols: number): Svd {
  checkShape('svd', a, rows, cols);
  if (rows >= cols) return tallSvd(a, rows, cols);
  // A^T = U' S V'^T  =>  A = V' S U'^T.
  const t = tallSvd(transposeToF64(a, rows, cols), cols, rows);
  const k = rows;
  return { u: transposeToF64(t.vt, k, rows), s: t.s, vt: transposeToF64(t.u, cols, k) };
}

/** SVD for rows >= cols (k = cols). */
function tallSvd(a: Mat, rows: number, cols: number): Svd {
  const k = cols;
  // X [k, rows]: row j is column j of A V; Y [k, k]: row j is column j of V.
  const at = transposeToF64(a, rows, cols);
  let x: Float64Array;
  let y: Float64Array;
  if (k > 16) {
    const v0 = symmetricEigen(rowGram(at, k, rows), k, { vectors: true }).vectors as Float64Array;
    y = transposeToF64(v0, k, k);
    x = new Float64Array(k * rows);
    // X = V0^T A^T: row j = sum_i V0[i, j] * (row i of A^T).
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < k; i++) {
        const f = y[j * k + i];
        if (f === 0) continue;
        for (let r = 0; r < rows; r++) x[j * rows + r] += f * at[i * rows + r];
      }
    }
  } else {
    x = at;
    y = new Float64Array(k * k);
    for (let i = 0; i < k; i++) y[i * k + i] = 1;
  }
  jacobiSweeps(x, y, k, rows);
  const norms = new Float64Array(k);
  for (let j = 0; j < k; j++) norms[j] = Math.sqrt(dot(x, j * rows, x, j * rows, rows));
  const order = Array.from({ length: k }, (_, i) => i).sort((i, j) => norms[j] - norms[i]);
  const s = new Float64Array(k);
  const ut = new Float64Array(k * rows); // rows of ut are the columns of U
  const vt = new Float64Array(k * k);
  const tiny = (norms[order[0]] ?? 0) * EPS * Math.max(rows, cols);
  const zero: number[] = [];
  for (let jj = 0; jj < k; jj++) {
    const j = order[jj];
    s[jj] = norms[j];
    vt.set(y.subarray(j * k, j * k + k), jj * k);
    if (norms[j] > tiny) {
      for (let r = 0; r < rows; r++) ut[jj * rows + r] = x[j * rows + r] / norms[j];
    } else zero.push(jj);
  }
  completeOrthonormal(ut, rows, zero);
  return { u: transposeToF64(ut, k, rows), s, vt };
}

/** Rotates pairs of rows of X [k, len] (and of Y [k, k] alongside) until all rows are mutually orthogonal. */
function jacobiSweeps(x: Float64Array, y: Float64Array, k: number, len: number): void {
  const norm2 = new Float64Array(k);
  // LAPACK's one-sided Jacobi convergence threshold: pairs orthogonal to sqrt(len) eps are left alone.
  const tol = EPS * Math.sqrt(len);
  for (let sweep = 0; sweep < 60; sweep++) {
    for (let j = 0; j < k; j++) norm2[j] = dot(x, j * len, x, j * len, len);
    let rotated = false;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const alpha = norm2[p];
        const beta = norm2[q];
        const gamma = dot(x, p * len, x, q * len, len);
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha * beta) || gamma === 0) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotateRows(x, p * len, q * len, len, c, s);
        rotateRows(y, p * k, q * k, k, c, s);
        norm2[p] = alpha - t * gamma;
        norm2[q] = beta + t * gamma;
      }
    }
    if (!rotated) return;
  }
}

function rotateRows(m: Float64Array, p: number, q: number, len: number, c: number, s: number): void {
  for (let i = 0; i < len; i++) {
    const a = m[p + i];
    const b = m[q + i];
    m[p + i] = c * a - s * b;
    m[q + i] = s * a + c * b;
  }
}

function dot(a: Float64Array, ia: number, b: Float64Array, ib: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += a[ia + i] * b[ib + i];
  return s;
}

/** Fills the listed rows of Q [k, n] with unit vectors orthogonal to every other row (Gram-Schmidt, twice). */
function completeOrthonormal(q: Float64Array, n: number, missing: number[]): void {
  if (missing.length === 0) return;
  const k = q.length / n;
  const isMissing = new Set(missing);
  const filled: number[] = [];
  for (let j = 0; j < k; j++) if (!isMissing.has(j)) filled.push(j);
  let e = 0;
  for (const j of missing) {
    for (; e < n; e++) {
      const row = j * n;
      q.fill(0, row, row + n);
      q[row + e] = 1;
      for (let pass = 0; pass < 2; pass++) {
        for (const f of filled) {
          const d = dot(q, row, q, f * n, n);
          for (let i = 0; i < n; i++) q[row + i] -= d * q[f * n + i];
        }
      }
      const norm = Math.sqrt(dot(q, row, q, row, n));
      if (norm > 0.5) {
        for (let i = 0; i < n; i++) q[row + i] /= norm;
        filled.push(j);
        e++;
        break;
      }
    }
  }
}
