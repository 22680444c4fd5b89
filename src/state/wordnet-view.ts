/**
 * What the WordNet tab reads: the stored result behind the store's id, and the table rows derived
 * from a battery result (pure, so they are tested without a DOM).
 */
import { useWordNet } from './wordnet-store';
import { wordnetResult, type StoredWordNet } from './wordnet-results';
import { runStatistics, type StatSummary } from '../analysis/wordnet/stability';
import type { WordNetBatteryResult } from '../runtime/wordnet-battery';

export function useWordNetEntry(): StoredWordNet | null {
  return wordnetResult(useWordNet((s) => s.run.resultId));
}

export type Representation = 'static' | 'context';

/** A statistic name of runStatistics split into its measure and its representation: 'band_high_context' -> ['band_high', 'context']. */
export function splitStatistic(name: string): { statistic: string; representation: Representation | '' } {
  const parts = name.split('_');
  const i = parts.findIndex((p) => p === 'static' || p === 'context');
  if (i < 0) return { statistic: name, representation: '' };
  return { statistic: [...parts.slice(0, i), ...parts.slice(i + 1)].join('_'), representation: parts[i] as Representation };
}

/** Words for a measure of splitStatistic. */
export function statisticLabel(statistic: string): string {
  const fixed: Record<string, string> = {
    pearson: 'Pearson r, path similarity vs cosine',
    spearman: 'Spearman rho, path similarity vs cosine',
    band_high: 'mean cosine, high band (s >= 0.25)',
    band_low: 'mean cosine, low band (s < 0.1)',
    gradient: 'gradient: high band - low band',
    decay_1_5: 'hypernym decay: depth 1 - depth 5',
    cv: 'pentachoron volume CV (std / mean)',
    vol_mean: 'mean pentachoron volume',
  };
  const depth = /^hyp_depth(\d+)$/.exec(statistic);
  if (depth) return `mean cosine to the hypernym at depth ${depth[1]}`;
  const band = /^band_(.+)$/.exec(statistic);
  return fixed[statistic] ?? (band ? `mean cosine, band ${band[1]}` : statistic);
}

export const SUMMARY_FIELDS = ['mean', 'std_ddof0', 'std_ddof1', 'ci95_low', 'ci95_high', 'p2_5', 'p97_5', 'min', 'max'] as const;

/** One statistic of the battery with its summary over seeds (or its single value, summary 'value'). */
export interface StatisticRow {
  /** runStatistics' name, e.g. 'context_pearson' */
  name: string;
  statistic: string;
  representation: Representation | '';
  /** seeds the statistic exists in (1 or 0 for a single run) */
  seeds: number;
  /** [summary, value] pairs: SUMMARY_FIELDS over seeds, or [['value', v]] for a single run; null where undefined */
  values: [string, number | null][];
}

function summaryValues(s: StatSummary | null): [string, number | null][] {
  const v = [s?.mean, s?.stdPopulation, s?.stdSample, s?.ci95Mean?.[0], s?.ci95Mean?.[1], s?.percentile95[0], s?.percentile95[1], s?.min, s?.max];
  return SUMMARY_FIELDS.map((f, i) => [f, v[i] ?? null]);
}

/** Every statistic of the result, in runStatistics' order: summarised over the stability seeds when there are several. */
export function statisticRows(b: WordNetBatteryResult): StatisticRow[] {
  if (b.stability) {
    return Object.entries(b.stability.summary).map(([name, s]) => ({ name, ...splitStatistic(name), seeds: s?.n ?? 0, values: summaryValues(s) }));
  }
  return Object.entries(runStatistics(b.run)).map(([name, v]) => ({ name, ...splitStatistic(name), seeds: v === null ? 0 : 1, values: [['value', v]] }));
}

/** A row of the single-run table: one measure, static and contextual side by side. */
export interface RunRow {
  field: string;
  label: string;
  /** pairs, chains or simplices behind the numbers, when they differ per row */
  n: number | null;
  static: number | null;
  context: number | null;
  /** why a value is missing */
  missing: string;
}

/** Seed 0's run (what the seed's section 2 prints): correlations, bands, hypernym depths, simplices. */
export function runRows(b: WordNetBatteryResult): RunRow[] {
  const r = b.run;
  const rows: RunRow[] = [
    { field: 'pearson', label: statisticLabel('pearson'), n: r.pairsValid, static: r.pearson.static, context: r.pearson.context, missing: 'undefined (constant values)' },
    { field: 'spearman', label: statisticLabel('spearman'), n: r.pairsValid, static: r.spearman.static, context: r.spearman.context, missing: 'undefined (constant values)' },
    ...r.bands.map((x) => ({ field: `band_${x.label}`, label: statisticLabel(`band_${x.label}`), n: x.n, static: x.static, context: x.context, missing: 'no pairs in the band' })),
    ...r.hypernymDepths.map((h) => ({
      field: `hyp_depth${h.depth}`, label: statisticLabel(`hyp_depth${h.depth}`), n: h.n, static: h.static, context: h.context,
      missing: r.chains.available === 0 ? 'no hypernym chains among the matched lemmas' : `no chain reaches depth ${h.depth}`,
    })),
    { field: 'cv', label: statisticLabel('cv'), n: null, static: r.simplices.static.cv, context: r.simplices.context.cv, missing: 'no pentachoron with V^2 > 0' },
    { field: 'vol_mean', label: statisticLabel('vol_mean'), n: null, static: r.simplices.static.meanVolume, context: r.simplices.context.meanVolume, missing: 'no pentachoron with V^2 > 0' },
  ];
  return rows;
}
