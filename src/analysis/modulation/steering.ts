/**
 * Steering vectors (the common baseline of activation steering): the mean residual over one prompt set
 * minus the mean over a contrasting set, at one block boundary. Means pool every token of every prompt
 * (token-weighted), so a long prompt counts as many tokens, not as one prompt.
 */

/** [d_model] mean over all rows of several [pos, d_model] tensors, accumulated in float64. */
export function pooledMean(tensors: readonly ArrayLike<number>[], dModel: number): Float64Array {
  const sum = new Float64Array(dModel);
  let rows = 0;
  for (const x of tensors) {
    if (x.length % dModel !== 0) throw new Error(`pooledMean: a tensor of ${x.length} values is not [pos, ${dModel}]`);
    for (let i = 0; i < x.length; i++) sum[i % dModel] += x[i];
    rows += x.length / dModel;
  }
  if (rows === 0) throw new Error('pooledMean: no rows (an empty prompt set?)');
  for (let j = 0; j < dModel; j++) sum[j] /= rows;
  return sum;
}

/**
 * [d_model] float32: mean(residuals of set A) - mean(residuals of set B).
 * @param a per prompt of set A: [pos, d_model] residuals at the chosen block
 * @param b the same for set B
 */
export function steeringVector(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[], dModel: number): Float32Array {
  const ma = pooledMean(a, dModel);
  const mb = pooledMean(b, dModel);
  return Float32Array.from(ma, (v, j) => v - mb[j]);
}
