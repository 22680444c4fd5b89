import { svd } from './svd';
import { checkShape, type Mat } from './types';

/**
 * Orthogonal Procrustes: the orthogonal R [d, d] minimising ||A R - B||_F for A, B [n, d]
 * row-major. With A^T B = U diag(s) V^T, R = U V^T (Schoenemann 1966).
 */
export function orthogonalProcrustes(a: Mat, b: Mat, n: number, d: number): Float64Array {
  checkShape('orthogonalProcrustes A', a, n, d);
  checkShape('orthogonalProcrustes B', b, n, d);
  // M = A^T B [d, d], accumulated row by row of A and B.
  const m = new Float64Array(d * d);
  for (let r = 0; r < n; r++) {
    const row = r * d;
    for (let i = 0; i < d; i++) {
      const ai = a[row + i];
      if (ai === 0) continue;
      const mi = i * d;
      for (let j = 0; j < d; j++) m[mi + j] += ai * b[row + j];
    }
  }
  const { u, vt } = svd(m, d, d);
  const r = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let l = 0; l < d; l++) {
      const uil = u[i * d + l];
      if (uil === 0) continue;
      const rl = l * d;
      for (let j = 0; j < d; j++) r[i * d + j] += uil * vt[rl + j];
    }
  }
  return r;
}
