/** A weight matrix as the weight catalog hands it out. */
export interface Matrix {
  /** [rows, cols] row-major, [out, in] (a Linear weight; ONNX MatMul initializers are transposed back) */
  data: Float32Array | Float64Array;
  rows: number;
  cols: number;
}

/** Thresholds of the sparsity counts (|w| below each), seed 05 section 4. */
export const SPARSITY_THRESHOLDS = [1e-6, 1e-4, 1e-3, 1e-2, 1e-1] as const;

/** How many entries lie below one threshold. */
export interface ThresholdCount {
  threshold: number;
  /** entries with |w| < threshold (compared in float64) */
  count: number;
  /** count / number of entries */
  fraction: number;
}

/** Counts of |x| < t for each of SPARSITY_THRESHOLDS. */
export function countBelow(x: ArrayLike<number>): ThresholdCount[] {
  const counts = SPARSITY_THRESHOLDS.map(() => 0);
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    for (let t = 0; t < SPARSITY_THRESHOLDS.length; t++) if (a < SPARSITY_THRESHOLDS[t]) counts[t]++;
  }
  return SPARSITY_THRESHOLDS.map((threshold, t) => ({ threshold, count: counts[t], fraction: x.length ? counts[t] / x.length : 0 }));
}

/** Throws when a Matrix does not hold rows * cols values. */
export function checkMatrix(name: string, m: Matrix): void {
  if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.rows < 1 || m.cols < 1 || m.data.length !== m.rows * m.cols) {
    throw new Error(`${name}: expected a ${m.rows}x${m.cols} matrix with ${m.rows * m.cols} values, got ${m.data.length}`);
  }
}
