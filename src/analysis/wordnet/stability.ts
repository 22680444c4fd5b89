/**
 * Seed 05 section 3: the relational battery repeated over seeds 0..N-1 (default N = 50, the
 * section's sample sizes), each statistic summarised over the seeds where it exists: mean, std
 * (ddof 0 as the seed's report, and ddof 1), min, max, a 95% t-interval for the mean and the 2.5 /
 * 97.5 percentiles (numpy's linear method). Derived per seed as the seed does: gradient = high band -
 * low band, decay = depth 1 - depth 5.
 */
import { percentile, sortedCopy } from '../../linalg/cpu/stats';
import { throwIfAborted } from '../../linalg/cpu/types';
import { stage, type JobOptions } from '../embedding/job';
import { tPValue } from '../stats';
import { relationalBattery, type RelationalOptions, type RelationalPrep, type RelationalResult } from './relational';

/** One statistic of one run, by name (null where undefined in that run). */
export type RunStatistics = Record<string, number | null>;

/**
 * The flat statistics of one run, named as the seed's results dict with 'context' for its 'enc':
 * {static,context}_{pearson,spearman}, band_{label}_{static,context}, gradient_{static,context}
 * (band 'high' - band 'low', when both exist), hyp_depth{d}_{static,context}, decay_1_5_{static,context},
 * {static,context}_cv, {static,context}_vol_mean.
 */
export function runStatistics(r: RelationalResult): RunStatistics {
  const out: RunStatistics = {
    static_pearson: r.pearson.static,
    static_spearman: r.spearman.static,
    context_pearson: r.pearson.context,
    context_spearman: r.spearman.context,
  };
  for (const b of r.bands) {
    out[`band_${b.label}_static`] = b.static;
    out[`band_${b.label}_context`] = b.context;
  }
  const band = (label: string, side: 'static' | 'context'): number | null => r.bands.find((b) => b.label === label)?.[side] ?? null;
  const depth = (d: number, side: 'static' | 'context'): number | null => r.hypernymDepths.find((h) => h.depth === d)?.[side] ?? null;
  const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);
  for (const side of ['static', 'context'] as const) {
    if (r.bands.some((b) => b.label === 'high') && r.bands.some((b) => b.label === 'low')) out[`gradient_${side}`] = diff(band('high', side), band('low', side));
  }
  for (const h of r.hypernymDepths) {
    out[`hyp_depth${h.depth}_static`] = h.static;
    out[`hyp_depth${h.depth}_context`] = h.context;
  }
  for (const side of ['static', 'context'] as const) {
    if (r.hypernymDepths.some((h) => h.depth === 1) && r.hypernymDepths.some((h) => h.depth === 5)) out[`decay_1_5_${side}`] = diff(depth(1, side), depth(5, side));
  }
  out.static_cv = r.simplices.static.cv;
  out.context_cv = r.simplices.context.cv;
  out.static_vol_mean = r.simplices.static.meanVolume;
  out.context_vol_mean = r.simplices.context.meanVolume;
  return out;
}

/** One statistic over the seeds where it was defined. */
export interface StatSummary {
  /** seeds contributing */
  n: number;
  mean: number;
  /** ddof 0, as the seed's report (np.std) */
  stdPopulation: number;
  /** ddof 1; null for n < 2 */
  stdSample: number | null;
  min: number;
  max: number;
  /** mean ± t(0.975, n - 1) stdSample / sqrt(n); null for n < 2 */
  ci95Mean: [number, number] | null;
  /** 2.5th and 97.5th percentiles of the per-seed values (numpy linear) */
  percentile95: [number, number];
}

/** t such that P(T > t) = p for Student t with df degrees of freedom (bisection on the t CDF). */
export function tUpperQuantile(p: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (tPValue(hi, df, 'greater') > p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (tPValue(mid, df, 'greater') > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function summarize(values: readonly number[]): StatSummary | null {
  const n = values.length;
  if (n === 0) return null;
  let m = 0;
  for (const v of values) m += v;
  m /= n;
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  const stdSample = n > 1 ? Math.sqrt(ss / (n - 1)) : null;
  const half = stdSample === null ? null : (tUpperQuantile(0.025, n - 1) * stdSample) / Math.sqrt(n);
  const sorted = sortedCopy(values);
  return {
    n,
    mean: m,
    stdPopulation: Math.sqrt(ss / n),
    stdSample,
    min: sorted[0],
    max: sorted[n - 1],
    ci95Mean: half === null ? null : [m - half, m + half],
    percentile95: [percentile(sorted, 2.5), percentile(sorted, 97.5)],
  };
}

export interface StabilityOptions extends Omit<RelationalOptions, 'seed' | 'signal' | 'onProgress'>, JobOptions {
  /** runs with seeds 0..seeds-1 (default 50), or these seeds */
  seeds?: number | readonly number[];
}

export interface StabilityResult {
  seeds: number[];
  /** [seeds] the statistics of each run */
  perSeed: RunStatistics[];
  /** per statistic name, its summary over the seeds where it exists (null if none) */
  summary: Record<string, StatSummary | null>;
  runs: RelationalResult[];
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The battery over N seeds. Progress covers all runs; between runs it yields to the event loop so a
 * cancel message can land, and the signal is also checked inside each run.
 */
export async function relationalStability(prep: RelationalPrep, opts: StabilityOptions = {}): Promise<StabilityResult> {
  const { seeds: seedsOpt = 50, signal, onProgress, ...battery } = opts;
  const seeds = typeof seedsOpt === 'number' ? Array.from({ length: seedsOpt }, (_, i) => i) : [...seedsOpt];
  const runs: RelationalResult[] = [];
  for (let i = 0; i < seeds.length; i++) {
    await nextTask();
    throwIfAborted(signal);
    const job = stage({ signal, onProgress }, i / seeds.length, (i + 1) / seeds.length);
    runs.push(relationalBattery(prep, { ...battery, seed: seeds[i], ...job }));
  }
  const perSeed = runs.map(runStatistics);
  const names = [...new Set(perSeed.flatMap((s) => Object.keys(s)))];
  const summary: Record<string, StatSummary | null> = {};
  for (const name of names) summary[name] = summarize(perSeed.map((s) => s[name]).filter((v): v is number => v !== null && v !== undefined));
  onProgress?.(1);
  return { seeds, perSeed, summary, runs };
}
