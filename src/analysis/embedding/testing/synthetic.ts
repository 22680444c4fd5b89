/** Test support: seeded synthetic matrices for the embedding battery's invariant tests. */
import { Rng } from '../../../linalg/cpu/rng';

/** [rows, cols] row-major N(0, scale^2) entries. */
export function gaussianMatrix(seed: number, rows: number, cols: number, scale = 1): Float64Array {
  const x = new Rng(seed).normals(rows * cols);
  for (let i = 0; i < x.length; i++) x[i] *= scale;
  return x;
}

/** [d, d] a random orthogonal matrix: Gram-Schmidt on the rows of a Gaussian matrix. */
export function randomRotation(seed: number, d: number): Float64Array {
  const q = gaussianMatrix(seed, d, d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += q[i * d + c] * q[j * d + c];
      for (let c = 0; c < d; c++) q[i * d + c] -= dot * q[j * d + c];
    }
    let norm = 0;
    for (let c = 0; c < d; c++) norm += q[i * d + c] ** 2;
    norm = Math.sqrt(norm);
    for (let c = 0; c < d; c++) q[i * d + c] /= norm;
  }
  return q;
}

/** [rows, k] X [rows, d] times M [d, k]. */
export function matmul(x: ArrayLike<number>, rows: number, d: number, m: ArrayLike<number>, k: number): Float64Array {
  const out = new Float64Array(rows * k);
  for (let r = 0; r < rows; r++) for (let l = 0; l < d; l++) {
    const v = x[r * d + l];
    for (let j = 0; j < k; j++) out[r * k + j] += v * m[l * k + j];
  }
  return out;
}

/** X with `shift` [d] added to every row. */
export function translate(x: Float64Array, d: number, shift: ArrayLike<number>): Float64Array {
  return x.map((v, i) => v + shift[i % d]);
}
