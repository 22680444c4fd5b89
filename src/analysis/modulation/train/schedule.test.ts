import { describe, it, expect } from 'vitest';
import { cosineAnnealingLr } from './schedule';

describe('cosine annealing (CosineAnnealingLR, stepped per epoch)', () => {
  it('starts at the base rate, halves at T_max / 2, reaches eta_min at T_max', () => {
    expect(cosineAnnealingLr(1e-3, 0, 10)).toBe(1e-3);
    expect(cosineAnnealingLr(1e-3, 5, 10)).toBeCloseTo(5e-4, 15);
    expect(cosineAnnealingLr(1e-3, 10, 10)).toBeCloseTo(0, 15);
    expect(cosineAnnealingLr(1e-3, 10, 10, 1e-5)).toBeCloseTo(1e-5, 15);
  });

  it('equals PyTorch recursive form and decreases monotonically', () => {
    // PyTorch's chainable update: lr_e = (1 + cos(pi e/T)) / (1 + cos(pi (e-1)/T)) * lr_{e-1} (eta_min 0).
    const T = 10;
    let lr = 1e-3;
    for (let e = 1; e < T; e++) {
      lr = ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * lr;
      expect(cosineAnnealingLr(1e-3, e, T)).toBeCloseTo(lr, 15);
      expect(cosineAnnealingLr(1e-3, e, T)).toBeLessThan(cosineAnnealingLr(1e-3, e - 1, T));
    }
  });
});
