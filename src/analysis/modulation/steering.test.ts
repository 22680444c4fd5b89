import { describe, expect, it } from 'vitest';
import { pooledMean, steeringVector } from './steering';
import { Rng } from '../../linalg/cpu/rng';

describe('steering vector', () => {
  it('equals the difference of the token-pooled means', () => {
    const D = 5;
    const rng = new Rng(2);
    const a = [Float32Array.from(rng.normals(3 * D)), Float32Array.from(rng.normals(1 * D))];
    const b = [Float32Array.from(rng.normals(4 * D))];
    const v = steeringVector(a, b, D);
    for (let j = 0; j < D; j++) {
      const meanA = (a[0][j] + a[0][D + j] + a[0][2 * D + j] + a[1][j]) / 4;
      const meanB = (b[0][j] + b[0][D + j] + b[0][2 * D + j] + b[0][3 * D + j]) / 4;
      expect(v[j]).toBeCloseTo(meanA - meanB, 6);
    }
  });

  it('is antisymmetric, zero for equal sets, and shifts with a constant offset of one set', () => {
    const D = 4;
    const x = [Float32Array.from(new Rng(5).normals(6 * D))];
    expect([...steeringVector(x, x, D)].every((v) => v === 0)).toBe(true);
    const shifted = [x[0].map((v, i) => v + (i % D === 2 ? 3 : 0))];
    const s = steeringVector(shifted, x, D);
    [0, 0, 3, 0].forEach((w, j) => expect(s[j]).toBeCloseTo(w, 5));
    steeringVector(x, shifted, D).forEach((v, j) => expect(v).toBeCloseTo(-s[j], 12));
    expect(() => pooledMean([], D)).toThrow(/no rows/);
    expect(() => pooledMean([new Float32Array(5)], D)).toThrow(/not \[pos, 4\]/);
  });
});
