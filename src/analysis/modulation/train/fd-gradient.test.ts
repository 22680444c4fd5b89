import { describe, it, expect } from 'vitest';
import { centralDifferenceGradient } from './fd-gradient';

describe('central-difference gradient', () => {
  it('is exact (to rounding) on a quadratic, with 2 n evaluations', async () => {
    // f = 1/2 x^T A x + b^T x, grad = A x + b
    const A = [[2, 0.5, 0], [0.5, 1, -0.3], [0, -0.3, 4]];
    const b = [1, -2, 0.5];
    let calls = 0;
    const f = async (x: Float64Array) => {
      calls++;
      let s = 0;
      for (let i = 0; i < 3; i++) {
        s += b[i] * x[i];
        for (let j = 0; j < 3; j++) s += 0.5 * x[i] * A[i][j] * x[j];
      }
      return s;
    };
    const x = Float64Array.of(0.3, -1.2, 2);
    const r = await centralDifferenceGradient(f, x, 0.1);
    expect(calls).toBe(6);
    expect(r.evaluations).toBe(6);
    for (let i = 0; i < 3; i++) expect(r.grad[i]).toBeCloseTo(A[i].reduce((s, a, j) => s + a * x[j], 0) + b[i], 12);
    expect(Array.from(x)).toEqual([0.3, -1.2, 2]);
  });

  it('has truncation error h^2 / 6 f\'\'\' on a cubic', async () => {
    const f = async (x: Float64Array) => x[0] ** 3;
    for (const h of [0.1, 0.01]) {
      const r = await centralDifferenceGradient(f, Float64Array.of(1.5), h);
      expect(r.grad[0] - 3 * 1.5 ** 2).toBeCloseTo((h * h * 6) / 6, 10);
    }
  });

  it('stops when the signal aborts and rejects a non-positive step', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(centralDifferenceGradient(async () => 0, Float64Array.of(0), 0.1, abort.signal)).rejects.toThrow();
    await expect(centralDifferenceGradient(async () => 0, Float64Array.of(0), 0)).rejects.toThrow(/positive/);
  });
});
