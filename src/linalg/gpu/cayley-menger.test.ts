import { describe, expect, it } from 'vitest';
import { cayleyMengerMatrix, simplexVolume } from '../cpu/cayley-menger';
import { determinant } from '../cpu/det';
import { Rng } from '../cpu/rng';
import { volumesFromDeterminants } from './cayley-menger';

describe('volumesFromDeterminants (the CPU half of the GPU Cayley-Menger volumes)', () => {
  it('turns (det of the scaled CM, scale) into the CPU path volume, for 2 to 8 points', () => {
    const rng = new Rng(11);
    for (let m = 2; m <= 8; m++) {
      const d = 12;
      const pts = rng.normals(m * d).map((x) => 3 * x);
      const cm = cayleyMengerMatrix(pts, m, d);
      const s = m + 1;
      let maxD = 0;
      for (let i = 1; i < s; i++) for (let j = 1; j < s; j++) maxD = Math.max(maxD, cm[i * s + j]);
      for (let i = 1; i < s; i++) for (let j = 1; j < s; j++) cm[i * s + j] /= maxD;
      const v = volumesFromDeterminants(Float32Array.from([determinant(cm, s), maxD]), m)[0];
      expect(Math.abs(v - simplexVolume(pts, m, d)) / simplexVolume(pts, m, d)).toBeLessThan(1e-6);
    }
  });

  it('gives 0 for a flat simplex whose rounded V^2 came out negative or zero', () => {
    expect(Array.from(volumesFromDeterminants(Float32Array.from([1e-9, 4, 0, 0]), 5))).toEqual([0, 0]);
  });
});
