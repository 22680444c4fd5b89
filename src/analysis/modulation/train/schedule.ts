/**
 * The seed's learning-rate schedule: torch.optim.lr_scheduler.CosineAnnealingLR(T_max = epochs),
 * stepped once per epoch, so every step of epoch e (0-based) uses
 *   lr_e = eta_min + (lr - eta_min) * (1 + cos(pi * e / T_max)) / 2   (eta_min = 0 in the seed).
 * This is the closed form PyTorch documents; its recursive update gives the same values.
 */
export function cosineAnnealingLr(baseLr: number, epoch: number, tMax: number, etaMin = 0): number {
  if (!(tMax > 0)) throw new RangeError(`cosine schedule: T_max must be positive, got ${tMax}`);
  return etaMin + ((baseLr - etaMin) * (1 + Math.cos((Math.PI * epoch) / tMax))) / 2;
}
