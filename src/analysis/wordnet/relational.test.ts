/**
 * The relational battery and its stability wrapper: against the numpy/scipy/NLTK mirror on synthetic
 * vectors (fixtures/wordnet-battery.reference.json, scripts/reference_wordnet_battery.py), and invariants.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWordNetNode } from './node/load-node';
import { prepareRelational, relationalBattery, SECTION2_BANDS, staticContextCosine, type RelationalPrep, type RelationalResult } from './relational';
import { relationalStability, summarize, tUpperQuantile, type StatSummary } from './stability';

interface BatteryReference {
  d: number;
  names: string[];
  static: number[];
  context: number[];
  chains: number[][];
  section3Small: { options: { nRel: number; nPairs: number; nSimplices: number; nChains: number; depths: number[]; bandMinCount: number }; result: RelationalResult };
  section2Small: { options: { nRel: number; nPairs: number; nSimplices: number; nChains: null; depths: number[]; bandMinCount: number }; result: RelationalResult };
  stability: { seeds: number[]; perSeed: Record<string, number | null>[]; summary: Record<string, StatSummary> };
}

const ref = JSON.parse(readFileSync(resolve(process.cwd(), 'fixtures/wordnet-battery.reference.json'), 'utf8')) as BatteryReference;

/** |a - b| <= tol * max(1, |b|), nulls equal. */
function close(a: number | null, b: number | null, what: string, tol = 1e-9): number {
  if (b === null) {
    expect(a, what).toBeNull();
    return 0;
  }
  expect(a, what).not.toBeNull();
  const err = Math.abs(a! - b) / Math.max(1, Math.abs(b));
  expect(err, `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(tol);
  return err;
}

function compareRun(got: RelationalResult, want: RelationalResult): number {
  let worst = 0;
  const w = (e: number): void => {
    worst = Math.max(worst, e);
  };
  expect([got.nRel, got.pairsDistinct, got.pairsValid]).toEqual([want.nRel, want.pairsDistinct, want.pairsValid]);
  for (const side of ['static', 'context'] as const) {
    w(close(got.pearson[side], want.pearson[side], `pearson ${side}`));
    w(close(got.spearman[side], want.spearman[side], `spearman ${side}`));
    expect(got.simplices[side].valid).toBe(want.simplices[side].valid);
    w(close(got.simplices[side].meanVolume, want.simplices[side].meanVolume, `volume ${side}`, 1e-7));
    w(close(got.simplices[side].cv, want.simplices[side].cv, `cv ${side}`, 1e-7));
  }
  w(close(got.simplices.volumeCorrelation, want.simplices.volumeCorrelation, 'volume correlation', 1e-7));
  expect(got.bands.map((b) => [b.label, b.n])).toEqual(want.bands.map((b) => [b.label, b.n]));
  got.bands.forEach((b, i) => {
    w(close(b.static, want.bands[i].static, `band ${b.label} static`));
    w(close(b.context, want.bands[i].context, `band ${b.label} context`));
  });
  expect(got.hypernymDepths.map((h) => [h.depth, h.n])).toEqual(want.hypernymDepths.map((h) => [h.depth, h.n]));
  got.hypernymDepths.forEach((h, i) => {
    w(close(h.static, want.hypernymDepths[i].static, `depth ${h.depth} static`));
    w(close(h.context, want.hypernymDepths[i].context, `depth ${h.depth} context`));
  });
  expect(got.chains).toEqual(want.chains);
  return worst;
}

describe('relational battery', () => {
  let prep: RelationalPrep;
  beforeAll(() => {
    const wn = loadWordNetNode();
    prep = prepareRelational({
      wn,
      synsets: ref.names.map((n) => wn.synset(n)),
      staticReps: Float64Array.from(ref.static),
      dStatic: ref.d,
      contextReps: Float64Array.from(ref.context),
      dContext: ref.d,
    });
  });

  it('builds the seed\'s hypernym chains as the NLTK mirror', () => {
    expect(prep.chains).toEqual(ref.chains);
  });

  it('equals the numpy/scipy/NLTK mirror on section 3\'s statistics (small sizes, seed 42)', () => {
    const worst = compareRun(relationalBattery(prep, { seed: 42, ...ref.section3Small.options }), ref.section3Small.result);
    expect(worst).toBeLessThan(1e-7);
  });

  it('equals the mirror on section 2\'s six bands and depths 1..7 (small sizes, seed 42)', () => {
    const got = relationalBattery(prep, { seed: 42, ...ref.section2Small.options, bands: SECTION2_BANDS });
    compareRun(got, ref.section2Small.result);
    expect(got.bands.map((b) => b.label)).toEqual(['[0.90,1.00)', '[0.50,0.90)', '[0.25,0.50)', '[0.10,0.25)', '[0.05,0.10)', '(0.00,0.05]']);
    expect(got.hypernymDepths.map((h) => h.depth)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('is deterministic per seed and unchanged by rotating and scaling the vectors (volumes scale by c^4)', () => {
    const opts = { seed: 3, nRel: 200, nPairs: 2000, nSimplices: 50, nChains: 30 };
    const a = relationalBattery(prep, opts);
    expect(relationalBattery(prep, opts)).toEqual(a);
    expect(relationalBattery(prep, { ...opts, seed: 4 }).pearson).not.toEqual(a.pearson);
    // rotate the first two coordinates by 30 degrees and scale by c = 2
    const { input } = prep;
    const d = input.dStatic;
    const turn = (x: Float64Array | Float32Array): Float64Array => {
      const y = Float64Array.from(x, (v) => 2 * v);
      const [c, s] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
      for (let i = 0; i < prep.n; i++) {
        const [u, v] = [y[i * d], y[i * d + 1]];
        y[i * d] = c * u - s * v;
        y[i * d + 1] = s * u + c * v;
      }
      return y;
    };
    const moved = prepareRelational({ ...input, staticReps: turn(input.staticReps), contextReps: turn(input.contextReps) });
    const b = relationalBattery(moved, opts);
    for (const side of ['static', 'context'] as const) {
      expect(b.pearson[side]).toBeCloseTo(a.pearson[side]!, 9);
      expect(b.spearman[side]).toBeCloseTo(a.spearman[side]!, 9);
      expect(b.simplices[side].cv).toBeCloseTo(a.simplices[side].cv!, 9);
      expect(b.simplices[side].meanVolume! / a.simplices[side].meanVolume!).toBeCloseTo(16, 8);
    }
  });

  it('gives nulls, not NaN, where a statistic does not exist', () => {
    const { input } = prep;
    const flat = prepareRelational({ ...input, contextReps: new Float64Array(input.contextReps.length).fill(1) });
    const r = relationalBattery(flat, { seed: 1, nRel: 100, nPairs: 500, nSimplices: 10, nChains: 10 });
    expect(r.pearson.context).toBeNull(); // constant cosine 1
    expect(r.simplices.context.valid).toBe(0);
    expect(r.simplices.context.cv).toBeNull();
    expect(r.hypernymDepths[0].context).toBeCloseTo(1, 7); // the seed's + 1e-8 in the norm
    expect(staticContextCosine(flat)).not.toBeNull();
    expect(staticContextCosine(prepareRelational({ ...input, contextReps: new Float64Array(prep.n * 3), dContext: 3 }))).toBeNull();
  });

  it('reports progress and stops on abort', () => {
    const seen: number[] = [];
    relationalBattery(prep, { seed: 1, nPairs: 3000, nSimplices: 20, onProgress: (f) => seen.push(f) });
    expect(seen[seen.length - 1]).toBe(1);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
    const ctl = new AbortController();
    ctl.abort();
    expect(() => relationalBattery(prep, { signal: ctl.signal })).toThrow(/cancel/);
  });
});

describe('stability over seeds', () => {
  let prep: RelationalPrep;
  beforeAll(() => {
    const wn = loadWordNetNode();
    prep = prepareRelational({
      wn,
      synsets: ref.names.map((n) => wn.synset(n)),
      staticReps: Float64Array.from(ref.static),
      dStatic: ref.d,
      contextReps: Float64Array.from(ref.context),
      dContext: ref.d,
    });
  });

  it('matches the mirror\'s per-seed statistics, means, stds and 95% intervals for N = 5', async () => {
    const progress: number[] = [];
    const res = await relationalStability(prep, { seeds: 5, ...ref.section3Small.options, onProgress: (f) => progress.push(f) });
    expect(res.seeds).toEqual(ref.stability.seeds);
    expect(progress[progress.length - 1]).toBe(1);
    for (const [i, row] of ref.stability.perSeed.entries()) for (const [k, v] of Object.entries(row)) close(res.perSeed[i][k], v, `seed ${i} ${k}`, 1e-7);
    expect(Object.keys(res.summary).sort()).toEqual(Object.keys(ref.stability.summary).sort());
    for (const [k, want] of Object.entries(ref.stability.summary)) {
      const got = res.summary[k]!;
      expect(got.n).toBe(want.n);
      for (const f of ['mean', 'stdPopulation', 'stdSample', 'min', 'max'] as const) close(got[f], want[f], `${k} ${f}`, 1e-7);
      close(got.ci95Mean![0], want.ci95Mean![0], `${k} ci lo`, 1e-7);
      close(got.ci95Mean![1], want.ci95Mean![1], `${k} ci hi`, 1e-7);
      close(got.percentile95[0], want.percentile95[0], `${k} p2.5`, 1e-7);
      close(got.percentile95[1], want.percentile95[1], `${k} p97.5`, 1e-7);
    }
  });

  it('cancels between and within seeds', async () => {
    const ctl = new AbortController();
    const run = relationalStability(prep, { seeds: 50, nPairs: 20000, signal: ctl.signal, onProgress: (f) => f > 0.02 && ctl.abort() });
    await expect(run).rejects.toThrow(/cancel/);
  });

  it('has scipy\'s t quantiles and sane summaries', () => {
    expect(tUpperQuantile(0.025, 4)).toBeCloseTo(2.7764451051977934, 12);
    expect(tUpperQuantile(0.025, 49)).toBeCloseTo(2.0095752371292392, 12);
    const s = summarize([1, 2, 3, 4])!;
    expect(s.mean).toBe(2.5);
    expect(s.ci95Mean![0]).toBeLessThan(s.mean);
    expect(summarize([7])!.ci95Mean).toBeNull();
    expect(summarize([])).toBeNull();
  });
});
