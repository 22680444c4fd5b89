import { describe, it, expect } from 'vitest';
import { adamwInit, adamwStep } from './adamw';

describe('AdamW (PyTorch semantics)', () => {
  it('matches a hand computation over two steps', () => {
    // theta 1, grads 0.5 then -0.25, lr 0.1, wd 0.01, betas (0.9, 0.999), eps 1e-8.
    const theta = Float64Array.of(1);
    const s = adamwInit(1, { weightDecay: 0.01 });
    adamwStep(theta, [0.5], s, 0.1);
    // decay: 0.999; m = 0.05, v = 0.00025; m_hat = 0.5, v_hat = 0.25; step 0.1 * 0.5 / (0.5 + 1e-8)
    expect(theta[0]).toBeCloseTo(0.999 - (0.1 * 0.5) / (0.5 + 1e-8), 14);
    const t1 = theta[0];
    adamwStep(theta, [-0.25], s, 0.1);
    const m = 0.9 * 0.05 + 0.1 * -0.25;
    const v = 0.999 * 0.00025 + 0.001 * 0.0625;
    const expected = t1 * (1 - 0.001) - (0.1 / (1 - 0.81)) * (m / (Math.sqrt(v) / Math.sqrt(1 - 0.999 ** 2) + 1e-8));
    expect(theta[0]).toBeCloseTo(expected, 14);
    expect(s.t).toBe(2);
  });

  it('first step moves every coordinate by about lr against its gradient sign, whatever the gradient scale', () => {
    const theta = Float64Array.of(0, 0, 0);
    adamwStep(theta, [1e-4, -3, 50], adamwInit(3, { weightDecay: 0 }), 0.01);
    // |g| = 1e-4: eps 1e-8 takes 1e-4 of the step.
    expect(theta[0]).toBeCloseTo(-0.01 * (1e-4 / (1e-4 + 1e-8)), 12);
    expect(theta[1]).toBeCloseTo(0.01, 9);
    expect(theta[2]).toBeCloseTo(-0.01, 9);
  });

  it('with a zero gradient only the decoupled decay acts: theta *= 1 - lr wd', () => {
    const theta = Float64Array.of(-4.6, 2);
    adamwStep(theta, [0, 0], adamwInit(2, { weightDecay: 0.01 }), 1e-3);
    expect(theta[0]).toBeCloseTo(-4.6 * (1 - 1e-5), 15);
    expect(theta[1]).toBeCloseTo(2 * (1 - 1e-5), 15);
  });

  it('rejects mismatched lengths', () => {
    expect(() => adamwStep(new Float64Array(2), [1], adamwInit(2), 0.1)).toThrow(/grad 1/);
  });
});
