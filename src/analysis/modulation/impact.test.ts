import { describe, expect, it } from 'vitest';
import { modulationImpact } from './impact';
import { Rng } from '../../linalg/cpu/rng';

const S = 6;
const D = 8;
const x = Float32Array.from(new Rng(3).normals(S * D));

describe('modulationImpact (seed 05 measure_modulator_impact)', () => {
  it('is the identity point when nothing changed', () => {
    const m = modulationImpact(x, x, S, D);
    for (const c of m.cosPerToken) expect(c).toBeCloseTo(1, 12);
    for (const r of m.normRatio) expect(r).toBeCloseTo(1, 7);
    expect(m.pairwiseCosShift).toHaveLength((S * (S - 1)) / 2);
    for (const p of m.pairwiseCosShift) expect(Math.abs(p)).toBeLessThan(1e-12);
    expect(m.cosStd).toBeLessThan(1e-12);
  });

  it('a uniform scale changes only the norm ratio; a per-token sign flip changes cosines and pairs', () => {
    const scaled = x.map((v) => 2 * v); // exact in float32
    const m = modulationImpact(x, scaled, S, D);
    expect(m.cosMean).toBeCloseTo(1, 12);
    expect(m.normRatioMean).toBeCloseTo(2, 6);
    expect(Math.max(...m.pairwiseCosShift.map(Math.abs))).toBeLessThan(1e-12);
    const flipped = x.map((v, k) => (Math.floor(k / D) === 0 ? -v : v));
    const f = modulationImpact(x, flipped, S, D);
    expect(f.cosPerToken[0]).toBeCloseTo(-1, 12);
    expect(f.cosPerToken.slice(1).every((c) => Math.abs(c - 1) < 1e-12)).toBe(true);
    expect(f.cosMean).toBeCloseTo((S - 2) / S, 12); // (-1 + 5 * 1) / 6
    // pairs (0, t) change sign: shift = -2 cos(x0, xt); the other pairs do not move
    const cos0 = (t: number) => {
      let a = 0, b = 0, c = 0;
      for (let j = 0; j < D; j++) { a += x[j] * x[t * D + j]; b += x[j] ** 2; c += x[t * D + j] ** 2; }
      return a / Math.sqrt(b * c);
    };
    for (let t = 1; t < S; t++) expect(f.pairwiseCosShift[t - 1]).toBeCloseTo(-2 * cos0(t), 6);
    expect(f.pairwiseCosShift.slice(S - 1).every((p) => Math.abs(p) < 1e-12)).toBe(true);
  });

  it('one token has no pairs; shapes are checked', () => {
    const m = modulationImpact(x.subarray(0, D), x.subarray(D, 2 * D), 1, D);
    expect(m.pairwiseCosShift).toEqual([]);
    expect(m.pairwiseShiftMean).toBeNaN();
    expect(() => modulationImpact(x, x.subarray(0, D), S, D)).toThrow(/6x8 = 48 values/);
  });
});
