import { describe, expect, it } from 'vitest';
import { normGainStats } from './norm-gains';
import { maxRel, storiesCatalog, weightsReference } from './test-fixtures';

describe('normGainStats', () => {
  it('counts high, low, near-one and negative gains', () => {
    const g = Float32Array.from([1, 1.1, 0.9, 2, 0.3, -0.5, 0.05, 1.3]);
    const s = normGainStats(g);
    expect([s.n, s.nHigh, s.nLow, s.nNearOne, s.nNegative]).toEqual([8, 1, 3, 3, 1]);
    expect(s.min).toBe(-0.5);
    expect(s.max).toBe(2);
    expect(s.absBelow.map((t) => t.count)).toEqual([0, 0, 0, 0, 1]);
  });

  it('uses the population standard deviation (numpy w.std(), as seed 05 prints it)', () => {
    const s = normGainStats([1, 3]);
    expect(s.mean).toBe(2);
    expect(s.std).toBe(1);
  });

  it('an identity gain is all near one', () => {
    const s = normGainStats(new Float32Array(64).fill(1));
    expect([s.mean, s.std, s.nNearOne, s.nHigh, s.nLow]).toEqual([1, 0, 64, 0, 0]);
  });
});

describe('stories260K norm gains against numpy', () => {
  it('matches every gain vector', () => {
    const ref = weightsReference().models.stories260K.norms;
    const { norms } = storiesCatalog();
    expect(Object.keys(norms).sort()).toEqual(Object.keys(ref).sort());
    let worst = 0;
    for (const [name, g] of Object.entries(norms)) {
      const s = normGainStats(g);
      const r = ref[name];
      expect([s.n, s.nHigh, s.nLow, s.nNearOne, s.nNegative], name).toEqual([r.n, r.n_high, r.n_low, r.n_near_one, r.n_negative]);
      expect(s.absBelow.map((t) => t.count), name).toEqual(r.abs_below_counts);
      worst = Math.max(worst, maxRel([s.mean, s.std, s.min, s.max], [r.mean, r.std, r.min, r.max]));
    }
    expect(worst).toBeLessThan(1e-8);
  });
});
