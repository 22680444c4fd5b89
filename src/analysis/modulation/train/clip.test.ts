import { describe, it, expect } from 'vitest';
import { clipGradNorm } from './clip';

const norm = (g: ArrayLike<number>) => Math.hypot(...Array.from(g));

describe('clip_grad_norm_', () => {
  it('leaves a gradient under the limit unchanged', () => {
    const r = clipGradNorm([0.3, -0.4], 1.0);
    expect(r.norm).toBeCloseTo(0.5, 15);
    expect(r.scale).toBe(1);
    expect(Array.from(r.grad)).toEqual([0.3, -0.4]);
  });

  it('scales a long gradient to max_norm * norm / (norm + 1e-6), keeping its direction', () => {
    const g = [3, 4, 12];
    const r = clipGradNorm(g, 1.0);
    expect(r.norm).toBeCloseTo(13, 14);
    expect(r.scale).toBeCloseTo(1 / (13 + 1e-6), 15);
    expect(norm(r.grad)).toBeCloseTo(13 / (13 + 1e-6), 14);
    expect(norm(r.grad)).toBeLessThan(1);
    r.grad.forEach((x, i) => expect(x / g[i]).toBeCloseTo(r.scale, 15));
  });

  it('does not touch its input', () => {
    const g = Float64Array.of(10, 0);
    clipGradNorm(g, 1);
    expect(g[0]).toBe(10);
  });
});
