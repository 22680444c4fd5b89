/**
 * The seed's parametrisation of alpha (seed 05 sections 7-10): the modulator stores alpha in logit
 * space, `alpha = sigmoid(logit)`, with `logit = ln(alpha / (1 - alpha))` set from a wanted alpha. The
 * panel shows the logit next to the value so a number can be compared with the seed's stored one.
 */

/** The seed's alpha presets (section 11's sweep plus the 0.29154 constant of section 10). */
export const SEED_ALPHA_PRESETS: readonly number[] = [0.01, 0.05, 0.1, 0.2, 0.29154, 0.5];

/** logit(alpha) = ln(alpha / (1 - alpha)), natural log; -Infinity at 0 and +Infinity at 1. */
export function alphaToLogit(alpha: number): number {
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
  return Math.log(alpha / (1 - alpha));
}

/** sigmoid(logit) = 1 / (1 + e^-logit), the seed's `torch.sigmoid(self.alpha)`. */
export function logitToAlpha(logit: number): number {
  if (Number.isNaN(logit)) throw new RangeError('logit is NaN');
  // The two branches keep exp from overflowing for large |logit|.
  if (logit >= 0) return 1 / (1 + Math.exp(-logit));
  const e = Math.exp(logit);
  return e / (1 + e);
}
