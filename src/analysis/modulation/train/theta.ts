/**
 * The trained parameters: per-layer alpha logits theta, alpha = sigmoid(theta) (the seed's
 * parametrisation, seed 05 section 7: alpha stays in (0, 1) whatever the optimizer does). Scalar
 * conversions live in ../alpha.ts; these are the vector forms the training uses.
 */
import { alphaToLogit, logitToAlpha } from '../alpha';

/** [n_blocks] theta_i = ln(alpha_i / (1 - alpha_i)) */
export function thetaFromAlphas(alphas: ArrayLike<number>): Float64Array {
  return Float64Array.from(alphas, alphaToLogit);
}

/** [n_blocks] alpha_i = sigmoid(theta_i) */
export function alphasFromTheta(theta: ArrayLike<number>): number[] {
  return Array.from(theta, logitToAlpha);
}

/** d alpha / d theta = alpha (1 - alpha): how a gradient in alpha maps to one in theta. */
export function sigmoidSlope(theta: number): number {
  const a = logitToAlpha(theta);
  return a * (1 - a);
}
