import { checkShape, type Mat } from './types';

/** Determinant of a square [n, n] row-major matrix by LU with partial pivoting in float64 (1 for n = 0). */
export function determinant(a: Mat, n: number): number {
  checkShape('determinant', a, n, n);
  const lu = Float64Array.from(a);
  let det = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (best === 0) return 0;
    if (p !== k) {
      for (let j = k; j < n; j++) {
        const t = lu[k * n + j];
        lu[k * n + j] = lu[p * n + j];
        lu[p * n + j] = t;
      }
      det = -det;
    }
    const pivot = lu[k * n + k];
    det *= pivot;
    for (let i = k + 1; i < n; i++) {
      const f = lu[i * n + k] / pivot;
      if (f === 0) continue;
      const ri = i * n;
      const rk = k * n;
      for (let j = k + 1; j < n; j++) lu[ri + j] -= f * lu[rk + j];
    }
  }
  return det;
}
