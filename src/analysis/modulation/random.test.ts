import { describe, expect, it } from 'vitest';
import { meanRowNorm, randomGaussianTarget } from './random';
import { Rng } from '../../linalg/cpu/rng';

describe('randomGaussianTarget', () => {
  it('is the seeded Rng stream times norm / sqrt(d), reproducible and seed-dependent', () => {
    const a = randomGaussianTarget({ seed: 1234, dModel: 64, rows: 1, norm: 7 });
    const z = new Rng(1234).normals(64);
    a.forEach((v, j) => expect(v).toBe(Math.fround(z[j] * (7 / 8))));
    expect(randomGaussianTarget({ seed: 1234, dModel: 64, rows: 1, norm: 7 })).toEqual(a);
    expect(randomGaussianTarget({ seed: 1235, dModel: 64, rows: 1, norm: 7 })).not.toEqual(a);
  });

  it('rows have about the requested norm', () => {
    const t = randomGaussianTarget({ seed: 5, dModel: 256, rows: 400, norm: 3 });
    const m = meanRowNorm([t], 256);
    expect(Math.abs(m - 3)).toBeLessThan(0.05);
    expect(() => randomGaussianTarget({ seed: 5, dModel: 4, rows: 1, norm: Number.NaN })).toThrow(/norm/);
  });
});
