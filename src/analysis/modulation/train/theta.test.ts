import { describe, it, expect } from 'vitest';
import { alphasFromTheta, sigmoidSlope, thetaFromAlphas } from './theta';

describe('alpha logits', () => {
  it('round-trips alpha -> theta -> alpha, with logit(0.5) = 0 and logit(0.01) = ln(1/99)', () => {
    const alphas = [0.01, 0.29154, 0.5, 0.9, 1e-6];
    const theta = thetaFromAlphas(alphas);
    expect(theta[2]).toBe(0);
    expect(theta[0]).toBeCloseTo(Math.log(1 / 99), 15);
    alphasFromTheta(theta).forEach((a, i) => expect(a).toBeCloseTo(alphas[i], 15));
  });

  it('sigmoid is odd around 1/2 and stays in (0, 1) for large |theta|', () => {
    const [a, b] = alphasFromTheta([1.7, -1.7]);
    expect(a + b).toBeCloseTo(1, 15);
    const [hi, lo] = alphasFromTheta([800, -800]);
    expect(hi).toBe(1);
    expect(lo).toBeGreaterThanOrEqual(0);
  });

  it('slope alpha (1 - alpha) equals a central difference of the sigmoid', () => {
    for (const t of [-4.6, -1, 0, 2.5]) {
      const h = 1e-5;
      const [p, m] = alphasFromTheta([t + h, t - h]);
      expect(sigmoidSlope(t)).toBeCloseTo((p - m) / (2 * h), 10);
    }
  });
});
