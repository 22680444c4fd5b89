/** Small dense helpers for the linalg tests (float64, row-major). */

/** C = A B for A [m, k], B [k, n]. */
export function matmul(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < k; l++) {
      const f = a[i * k + l];
      for (let j = 0; j < n; j++) c[i * n + j] += f * b[l * n + j];
    }
  }
  return c;
}

/** [cols, rows] transpose of A [rows, cols]. */
export function transposed(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}

/** max |A - B| over all entries. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** max |Q^T Q - I| for Q [rows, cols] (orthonormal columns give ~eps). */
export function orthonormalityError(q: ArrayLike<number>, rows: number, cols: number): number {
  const g = matmul(transposed(q, rows, cols), q, cols, rows, cols);
  for (let i = 0; i < cols; i++) g[i * cols + i] -= 1;
  return maxAbsDiff(g, new Float64Array(g.length));
}

export function frobenius2(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}
