import { afterAll, describe, expect, it } from 'vitest';
import reference from '../../fixtures/stats.reference.json';
import { averageRanks, describe as describeSample, linregress, pearson, spearman, tPValue, tTestOneSample, type Alternative } from './stats';

/** scipy values: a number, null for NaN, 'inf' / '-inf', or absent. */
type Ref = Record<string, number | string | null | number[]>;
interface SampleCase { name: string; xs: number[]; mu0?: number; alternative?: Alternative; expected: Ref }
interface PairCase { name: string; x: number[]; y: number[]; alternative: Alternative; expected: Ref }
const ref = reference as unknown as {
  scipy: string;
  describe: SampleCase[];
  ttest: SampleCase[];
  pearson: PairCase[];
  spearman: PairCase[];
  linregress: PairCase[];
};

const REL = 1e-9; // t, r, rho, slope, intercept, std, stderr
const P_REL = 1e-8; // p-values, relative
const P_ABS = 1e-12; // p-values of exact fits (|r| = 1), absolute: 0 here, scipy's 1e-30 comes from its 1e-20 regulariser
const maxErr: Record<string, { rel: number; abs: number }> = {};

/** Asserts |actual - expected| <= max(rel |expected|, abs) and records the largest errors per quantity. */
function close(quantity: string, actual: number, expected: unknown, rel: number, abs: number, label: string): void {
  expect(typeof expected, `${label}: scipy value`).toBe('number');
  const e = expected as number;
  const err = Math.abs(actual - e);
  const m = (maxErr[quantity] ??= { rel: 0, abs: 0 });
  m.abs = Math.max(m.abs, err);
  if (e !== 0 && rel > 0) m.rel = Math.max(m.rel, err / Math.abs(e));
  expect(err, `${label}: ${quantity} ${actual} vs scipy ${e}`).toBeLessThanOrEqual(Math.max(rel * Math.abs(e), abs));
}
const stat = (q: string, a: number, e: unknown, label: string) => close(q, a, e, REL, 1e-15, label);
/** p-values: relative 1e-8, down to the smallest (1e-29); absolute 1e-12 only where scipy's r is ±1 (an exact fit). */
const pval = (a: number, e: unknown, label: string, scipyR: unknown) =>
  Math.abs(scipyR as number) > 1 - 1e-12 ? close('p (exact fits)', a, e, 0, P_ABS, label) : close('p', a, e, P_REL, 0, label);

afterAll(() => {
  // The report of agreement with scipy, per quantity, over every committed case.
  console.log(`max error vs scipy ${ref.scipy}:\n` + Object.entries(maxErr).map(([q, m]) => `  ${q}: rel ${m.rel.toExponential(2)}, abs ${m.abs.toExponential(2)}`).join('\n'));
});

describe('stats vs scipy (fixtures/stats.reference.json)', () => {
  it('describe: mean, std with ddof = 1 and ddof = 0, min, max', () => {
    for (const c of ref.describe) {
      const d = describeSample(c.xs);
      if (!d.ok) throw new Error(d.reason);
      expect(d.n).toBe(c.expected.n);
      stat('mean', d.mean, c.expected.mean, c.name);
      if (c.xs.length < 2) expect(d.stdSample).toBeNull();
      else stat('std', d.stdSample!, c.expected.stdSample, c.name);
      if (c.expected.stdPopulation === 0) expect(d.stdPopulation).toBeLessThan(1e-15);
      else stat('std', d.stdPopulation, c.expected.stdPopulation, c.name);
      expect([d.min, d.max]).toEqual([c.expected.min, c.expected.max]);
    }
  });

  it('one-sample t-test, every alternative; undefined for n < 2 and constant data', () => {
    for (const c of ref.ttest) {
      const label = `${c.name} ${c.alternative}`;
      const r = tTestOneSample(c.xs, c.mu0!, c.alternative);
      if (c.xs.length < 2) expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^n = 1: a t-test needs at least 2/) });
      else if (c.xs.every((v) => v === c.xs[0])) {
        // scipy: nan, ±inf, or t ~ -9e16 from an ulp of rounding in the mean; here a reason.
        expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^zero variance: all/) });
      } else {
        if (!r.ok) throw new Error(`${label}: ${r.reason}`);
        expect(r.df).toBe(c.expected.df);
        stat('t', r.t, c.expected.t, label);
        pval(r.p, c.expected.p, label, 0);
      }
    }
  });

  const undefinedPair = (c: PairCase): RegExp | null => {
    if (c.x.length === 2) return /^n = 2: /;
    if (c.x.every((v) => v === c.x[0])) return /^zero variance in x/;
    if (c.y.every((v) => v === c.y[0])) return /^zero variance in y/;
    return null;
  };

  it('Pearson r and p; n = 2 and constant input are undefined with reasons', () => {
    for (const c of ref.pearson) {
      const label = `${c.name} ${c.alternative}`;
      const r = pearson(c.x, c.y, c.alternative);
      const why = undefinedPair(c);
      if (why) {
        expect(r).toEqual({ ok: false, reason: expect.stringMatching(why) });
        continue;
      }
      if (!r.ok) throw new Error(`${label}: ${r.reason}`);
      stat('r', r.r, c.expected.r, label);
      pval(r.p, c.expected.p, label, c.expected.r);
    }
    // What scipy does at n = 2 is committed in the fixture, and the reason says so.
    const n2 = ref.pearson.find((c) => c.name === 'n2')!;
    expect([n2.expected.r, n2.expected.p]).toEqual([-1, 1]);
  });

  it('Spearman rho and p with average ranks for ties', () => {
    for (const c of ref.spearman) {
      const label = `${c.name} ${c.alternative}`;
      expect(Array.from(averageRanks(c.x)), `${label} ranks x`).toEqual(c.expected.ranksX);
      expect(Array.from(averageRanks(c.y)), `${label} ranks y`).toEqual(c.expected.ranksY);
      const r = spearman(c.x, c.y, c.alternative);
      const why = undefinedPair(c);
      if (why) {
        expect(r).toEqual({ ok: false, reason: expect.stringMatching(why) });
        continue;
      }
      if (!r.ok) throw new Error(`${label}: ${r.reason}`);
      stat('rho', r.rho, c.expected.rho, label);
      pval(r.p, c.expected.p, label, c.expected.rho);
    }
    const ties = spearman(ref.spearman.find((c) => c.name === 'ties')!.x, ref.spearman.find((c) => c.name === 'ties')!.y);
    expect(ties.ok && [ties.tiedX, ties.tiedY]).toEqual([5, 4]); // x: 2,2 and 4,4,4; y: 3,3 and 6,6
  });

  it('linregress: slope, intercept, r, p, standard errors; the line alone at n = 2 and constant y', () => {
    for (const c of ref.linregress) {
      const label = `${c.name} ${c.alternative}`;
      const fit = linregress(c.x, c.y, c.alternative);
      if ('error' in c.expected) {
        expect(fit).toEqual({ ok: false, reason: expect.stringMatching(/^zero variance in x/) });
        continue;
      }
      if (!fit.ok) throw new Error(`${label}: ${fit.reason}`);
      stat('slope', fit.slope, c.expected.slope, label);
      stat('intercept', fit.intercept, c.expected.intercept, label);
      const why = undefinedPair(c);
      if (why) {
        expect(fit.inference).toEqual({ ok: false, reason: expect.stringMatching(why) });
        continue;
      }
      const inf = fit.inference;
      if (!inf.ok) throw new Error(`${label}: ${inf.reason}`);
      stat('r', inf.r, c.expected.r, label);
      pval(inf.p, c.expected.p, label, c.expected.r);
      // An exact fit's stderr is sqrt(1 - r^2) of rounding noise (~1e-8 in scipy, 0 or ~1e-8 here).
      if (c.name.startsWith('perfect')) expect(Math.abs(inf.stderr - (c.expected.stderr as number))).toBeLessThan(1e-7);
      else {
        stat('stderr', inf.stderr, c.expected.stderr, label);
        stat('stderr', inf.interceptStderr, c.expected.interceptStderr, label);
      }
    }
  });
});

describe('stats invariants', () => {
  const rho = [0.125, 0.1875, 0.25, 0.03125, 0.125, 0.4, 0.25, 0.3125];
  const gain = [1.01, 0.98, 0.95, 1.06, 1.0, 0.89, 0.96, 0.93];

  it('r is symmetric in x and y', () => {
    for (const f of [pearson, spearman]) {
      const a = f(rho, gain);
      const b = f(gain, rho);
      if (!a.ok || !b.ok) throw new Error('undefined');
      expect([a.r, a.p]).toEqual([b.r, b.p]);
    }
  });

  it('Spearman is invariant under strictly increasing transforms; Pearson is not', () => {
    const base = spearman(rho, gain);
    for (const t of [Math.exp, (v: number) => v ** 3, (v: number) => 5 * v - 2, Math.log]) {
      const s = spearman(rho.map(t), gain.map(t));
      expect(s.ok && base.ok && s.rho).toBe(base.ok && base.rho);
    }
    const p = pearson(rho, gain);
    const q = pearson(rho.map(Math.exp), gain.map((v) => v ** 5));
    expect(p.ok && q.ok && Math.abs(p.r - q.r)).toBeGreaterThan(1e-4);
  });

  it('regression of y = 2x + 1 is exact: slope 2, intercept 1, r = 1, p = 0, stderr 0', () => {
    const x = [0, 1, 2, 3, 4, 5];
    const fit = linregress(x, x.map((v) => 2 * v + 1));
    expect(fit.ok && [fit.slope, fit.intercept]).toEqual([2, 1]);
    expect(fit.ok && fit.inference).toMatchObject({ ok: true, r: 1, t: Infinity, p: 0, stderr: 0, interceptStderr: 0 });
  });

  it('slope = r * std(y) / std(x), and the fit accepts typed arrays', () => {
    const fit = linregress(Float32Array.from(rho), Float64Array.from(gain));
    const dx = describeSample(Float32Array.from(rho));
    const dy = describeSample(gain);
    if (!fit.ok || !fit.inference.ok || !dx.ok || !dy.ok) throw new Error('undefined');
    expect(fit.slope).toBeCloseTo((fit.inference.r * dy.stdSample!) / dx.stdSample!, 12);
  });

  it('t-test: the tails add to 1, two-sided is twice the smaller, shift and scale leave t unchanged', () => {
    const g = [0.97, 1.02, 0.91, 0.95, 0.99, 0.93];
    const [less, greater, two] = (['less', 'greater', 'two-sided'] as const).map((a) => tTestOneSample(g, 1, a));
    if (!less.ok || !greater.ok || !two.ok) throw new Error('undefined');
    expect(less.p + greater.p).toBeCloseTo(1, 14);
    expect(two.p).toBeCloseTo(2 * Math.min(less.p, greater.p), 14);
    const moved = tTestOneSample(g.map((v) => 3 * v + 7), 3 * 1 + 7, 'less');
    expect(moved.ok && moved.t).toBeCloseTo(less.t, 9);
    expect(tPValue(Infinity, 4, 'two-sided')).toBe(0);
    expect(tPValue(0, 4, 'two-sided')).toBe(1);
  });

  it('describe: ddof = 1 and ddof = 0 differ by sqrt(n / (n - 1))', () => {
    const d = describeSample([1, 2, 3, 4]);
    expect(d.ok && d.stdSample! / d.stdPopulation).toBeCloseTo(Math.sqrt(4 / 3), 14);
    expect(describeSample([])).toEqual({ ok: false, reason: 'n = 0: no values to describe' });
  });

  it('average ranks: ties share the mean rank and the ranks sum to n(n + 1)/2', () => {
    expect(Array.from(averageRanks([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    const r = averageRanks([3, 1, 3, 3, 2, 1]);
    expect(Array.from(r)).toEqual([5, 1.5, 5, 5, 3, 1.5]);
    expect(r.reduce((a, b) => a + b, 0)).toBe(21);
  });

  it('non-finite inputs are undefined with the index, mismatched lengths throw', () => {
    expect(pearson([1, 2, NaN], [1, 2, 3])).toEqual({ ok: false, reason: 'non-finite value NaN in x at index 2' });
    expect(tTestOneSample([1, Infinity], 1)).toEqual({ ok: false, reason: 'non-finite value Infinity in xs at index 1' });
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(linregress([1], [2])).toEqual({ ok: false, reason: 'n = 1: a line needs at least 2 points' });
  });
});
