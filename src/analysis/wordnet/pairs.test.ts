/**
 * The replayed pairs are the battery's own: on the synthetic mirror vectors the full replay's Pearson r
 * and band means equal relationalBattery's, and thinning keeps evenly spaced pairs of that same list.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWordNetNode } from './node/load-node';
import { prepareRelational, relationalBattery, type RelationalPrep } from './relational';
import { evenlySpaced, relationalPairs, thinPairs } from './pairs';
import { pearson } from '../stats';

const ref = JSON.parse(readFileSync(resolve(process.cwd(), 'fixtures/wordnet-battery.reference.json'), 'utf8')) as { d: number; names: string[]; static: number[]; context: number[] };

describe('relationalPairs', () => {
  let prep: RelationalPrep;
  beforeAll(() => {
    const wn = loadWordNetNode();
    prep = prepareRelational({
      wn, synsets: ref.names.map((n) => wn.synset(n)),
      staticReps: Float64Array.from(ref.static), dStatic: ref.d, contextReps: Float64Array.from(ref.context), dContext: ref.d,
    });
  });

  it('replays the battery\'s pairs: same count, same Pearson r, same band means', () => {
    const sizes = { nRel: 300, nPairs: 6000, nSimplices: 10, nChains: 10 };
    for (const seed of [0, 7]) {
      const run = relationalBattery(prep, { seed, ...sizes });
      const p = relationalPairs(prep, { seed, ...sizes });
      expect(p.measured).toBe(run.pairsValid);
      expect(p.similarity.length).toBe(run.pairsValid);
      const r = (x: Float64Array) => {
        const res = pearson(Array.from(p.similarity), Array.from(x));
        return res.ok ? res.r : null;
      };
      expect(r(p.cosStatic)).toBe(run.pearson.static);
      expect(r(p.cosContext)).toBe(run.pearson.context);
      const high = Array.from(p.similarity.keys()).filter((k) => p.similarity[k] >= 0.25);
      const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
      expect(mean(high.map((k) => p.cosContext[k]))).toBeCloseTo(run.bands[0].context!, 12);
      for (const x of [...p.cosStatic, ...p.cosContext]) expect(Math.abs(x)).toBeLessThanOrEqual(1 + 1e-12);
      for (const s of p.similarity) expect(s > 0 && s <= 1).toBe(true);
    }
  });

  it('thins to evenly spaced pairs of the same list', () => {
    const full = relationalPairs(prep, { seed: 3, nRel: 200, nPairs: 3000 });
    const thin = relationalPairs(prep, { seed: 3, nRel: 200, nPairs: 3000, maxPoints: 100 });
    expect(thin.measured).toBe(full.measured);
    expect(thin.index.length).toBe(100);
    thin.index.forEach((k, i) => {
      expect(thin.similarity[i]).toBe(full.similarity[k]);
      expect(thin.cosContext[i]).toBe(full.cosContext[k]);
    });
    const again = thinPairs(full, 100);
    expect(Array.from(again.index)).toEqual(Array.from(thin.index));
    expect(Array.from(again.cosStatic)).toEqual(Array.from(thin.cosStatic));
    expect(thinPairs(thin, 1000).index.length).toBe(100);
    expect(Array.from(evenlySpaced(10, 4))).toEqual([0, 2, 5, 7]);
    expect(Array.from(evenlySpaced(3, 4))).toEqual([0, 1, 2]);
  });

  it('stops on abort', () => {
    const ctl = new AbortController();
    ctl.abort();
    expect(() => relationalPairs(prep, { signal: ctl.signal })).toThrow(/cancel|abort/i);
  });
});
