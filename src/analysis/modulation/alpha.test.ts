import { describe, expect, it } from 'vitest';
import { alphaToLogit, logitToAlpha, SEED_ALPHA_PRESETS } from './alpha';

describe('alpha <-> logit (the seed stores alpha as sigmoid(logit))', () => {
  it('round-trips every preset and matches the seed formula', () => {
    for (const a of SEED_ALPHA_PRESETS) {
      expect(logitToAlpha(alphaToLogit(a))).toBeCloseTo(a, 14);
      expect(alphaToLogit(a)).toBe(Math.log(a / (1 - a)));
    }
    expect(alphaToLogit(0.29154)).toBeCloseTo(-0.887916, 5);
    expect(alphaToLogit(0.5)).toBe(0);
  });

  it('is monotone, odd about 1/2, and safe at the ends', () => {
    expect(alphaToLogit(0)).toBe(-Infinity);
    expect(alphaToLogit(1)).toBe(Infinity);
    expect(logitToAlpha(-Infinity)).toBe(0);
    expect(logitToAlpha(Infinity)).toBe(1);
    expect(logitToAlpha(-800)).toBeGreaterThanOrEqual(0);
    expect(logitToAlpha(800)).toBe(1);
    for (const x of [-5, -1, 0.3, 2]) expect(logitToAlpha(x) + logitToAlpha(-x)).toBeCloseTo(1, 15);
    expect(() => alphaToLogit(1.2)).toThrow(/\[0, 1\]/);
    expect(() => alphaToLogit(Number.NaN)).toThrow(RangeError);
  });
});
