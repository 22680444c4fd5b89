/**
 * Gradient-norm clipping as torch.nn.utils.clip_grad_norm_(params, max_norm) does it (the seed's
 * max_norm 1.0): total L2 norm over every entry; when max_norm / (norm + 1e-6) < 1, every entry is
 * scaled by that factor (so a clipped gradient's norm is just under max_norm).
 */
export interface ClipResult {
  /** [n] the gradient after clipping (a copy) */ grad: Float64Array;
  /** L2 norm before clipping */ norm: number;
  /** the factor applied (1 when not clipped) */ scale: number;
}

export function clipGradNorm(grad: ArrayLike<number>, maxNorm: number): ClipResult {
  let ss = 0;
  for (let i = 0; i < grad.length; i++) ss += grad[i] * grad[i];
  const norm = Math.sqrt(ss);
  const coef = maxNorm / (norm + 1e-6);
  const scale = coef < 1 ? coef : 1;
  return { grad: Float64Array.from(grad, (g) => g * scale), norm, scale };
}
