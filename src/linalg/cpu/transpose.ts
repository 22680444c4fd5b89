/** Transpose a row-major [rows, cols] matrix into a new row-major [cols, rows] matrix. */
export function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  if (a.length !== rows * cols) throw new Error(`transpose: expected ${rows}x${cols}=${rows * cols} values, got ${a.length}`);
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = a[base + c];
  }
  return out;
}
