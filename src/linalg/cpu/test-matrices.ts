/**
 * Seeded test matrices that scripts/reference_linalg.py builds the same way (from scripts/rng.py),
 * so tests can compare with numpy without committing the matrices themselves.
 */
import { Rng } from './rng';

/** [rows, cols] i.i.d. standard normals from `rng`, row by row. */
export function gaussian(rng: Rng, rows: number, cols: number): Float64Array {
  return rng.normals(rows * cols);
}

/**
 * [rows, cols] W = L diag(s) R with prescribed singular values s (length <= min(rows, cols)), where
 * L and R are products of `rows` and `cols` random Householder reflections:
 * start from W = diag(s) (zero-padded); then for each of `rows` draws v = rng.normals(rows):
 * W -= (2 / v.v) v (v^T W); then for each of `cols` draws v = rng.normals(cols): W -= (2 / v.v) (W v) v^T.
 */
export function withSpectrum(rng: Rng, rows: number, cols: number, s: ArrayLike<number>): Float64Array {
  const w = new Float64Array(rows * cols);
  for (let i = 0; i < s.length; i++) w[i * cols + i] = s[i];
  const t = new Float64Array(Math.max(rows, cols));
  for (let r = 0; r < rows; r++) {
    const v = rng.normals(rows);
    let vv = 0;
    for (let i = 0; i < rows; i++) vv += v[i] * v[i];
    // t = v^T W [cols]
    t.fill(0);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j] += v[i] * w[i * cols + j];
    const f = 2 / vv;
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w[i * cols + j] -= f * v[i] * t[j];
  }
  for (let c = 0; c < cols; c++) {
    const v = rng.normals(cols);
    let vv = 0;
    for (let j = 0; j < cols; j++) vv += v[j] * v[j];
    // t = W v [rows]
    for (let i = 0; i < rows; i++) {
      let acc = 0;
      for (let j = 0; j < cols; j++) acc += w[i * cols + j] * v[j];
      t[i] = acc;
    }
    const f = 2 / vv;
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w[i * cols + j] -= f * t[i] * v[j];
  }
  return w;
}

/** [n] 10^(-decades * i / (n - 1)), i = 0..n-1: a spectrum spanning `decades` decades from 1 down. */
export function logSpectrum(n: number, decades: number): Float64Array {
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = Math.pow(10, n === 1 ? 0 : (-decades * i) / (n - 1));
  return s;
}
