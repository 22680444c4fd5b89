/**
 * L2 norms of residual-stream vectors. Activations arrive as float32; the sum of squares
 * is accumulated in float64 so the norm itself adds no rounding beyond the activations'.
 */

/** Norm of each row of x [pos, d_model] -> [pos]. */
export function tokenNorms(x: Float32Array, seqLen: number, dModel: number): Float64Array {
  if (x.length !== seqLen * dModel) throw new Error(`tokenNorms: expected ${seqLen}x${dModel} values, got ${x.length}`);
  const out = new Float64Array(seqLen);
  for (let t = 0; t < seqLen; t++) {
    let s = 0;
    const base = t * dModel;
    for (let j = 0; j < dModel; j++) s += x[base + j] * x[base + j];
    out[t] = Math.sqrt(s);
  }
  return out;
}

/** Mean over positions. */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}
