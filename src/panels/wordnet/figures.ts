/**
 * The WordNet tab's figure builders (data in, Plotly spec out; pure): path similarity against cosine
 * for seed 0's measured pairs (static, contextual), cosine to the hypernym by chain depth, and the
 * stability intervals of every statistic over the seeds.
 */
import type { RelationalPairs } from '../../analysis/wordnet/pairs';
import type { WordNetBatteryResult } from '../../runtime/wordnet-battery';
import type { StatSummary } from '../../analysis/wordnet/stability';
import { geometryLayout, PALETTE } from '../../plots/geometry/common';
import { plotlyText, sig5 } from '../../plots/format';
import type { FigureSpec, PlotData } from '../../plots/types';
import { splitStatistic, statisticLabel, type Representation } from '../../state/wordnet-view';

const SIDE_NAME: Record<Representation, string> = { static: 'static embedding', context: 'contextual (mean-pooled definition)' };
const SIDE_COLOR: Record<Representation, string> = { static: PALETTE[0], context: PALETTE[1] };

/** Path similarity (x) against cosine (y) of seed 0's measured pairs, thinned evenly. */
export function scatterFigure(b: WordNetBatteryResult, pairs: RelationalPairs, side: Representation): FigureSpec {
  const y = Array.from(side === 'static' ? pairs.cosStatic : pairs.cosContext);
  const r = b.run.pearson[side];
  const rho = b.run.spearman[side];
  const layout = geometryLayout(`WordNet path similarity vs ${side === 'static' ? 'static' : 'contextual'} cosine (r = ${sig5(r)})`, 'path similarity (NLTK, WordNet 3.1)', 'cosine');
  layout.showlegend = false;
  const shown = pairs.similarity.length < pairs.measured ? `${pairs.similarity.length} of the ${pairs.measured} measured pairs, evenly spaced in draw order` : `all ${pairs.measured} measured pairs`;
  return {
    data: [{ type: 'scatter', mode: 'markers', name: 'pairs', x: Array.from(pairs.similarity), y, marker: { size: 3, color: SIDE_COLOR[side] }, opacity: 0.35, hovertemplate: 's = %{x:.4f}<br>cos = %{y:.4f}<extra></extra>' }],
    layout,
    caption:
      `Seed ${pairs.seed}: ${shown} (pairs of the related subset with a path similarity s > 0). y: cosine of the two ${SIDE_NAME[side]} vectors, x / (||x|| + 1e-8). ` +
      `Over all ${b.run.pairsValid} pairs Pearson r = ${sig5(r)}, Spearman rho = ${sig5(rho)}. ${b.contextual}. ${b.wordnet}.`,
    filename: `wordnet-scatter-${side}`,
  };
}

/** Mean cosine from a chain's root to its d-th matched hypernym, by d: over the seeds (mean, 95% t-interval) or seed 0's run. */
export function depthFigure(b: WordNetBatteryResult): FigureSpec {
  const depths = b.run.hypernymDepths.map((h) => h.depth);
  const layout = geometryLayout('Hypernym chain cosine decay', 'hypernym depth d', 'mean cosine, root to depth d');
  layout.xaxis = { ...layout.xaxis, tickmode: 'array', tickvals: depths };
  const sum = b.stability?.summary;
  const traces: PlotData[] = (['static', 'context'] as const).map((side) => {
    const pts = depths.flatMap((d) => {
      if (sum) {
        const s = sum[`hyp_depth${d}_${side}`];
        return s ? [{ d, y: s.mean, e: s.ci95Mean ? s.ci95Mean[1] - s.mean : 0 }] : [];
      }
      const v = b.run.hypernymDepths.find((h) => h.depth === d)?.[side] ?? null;
      return v === null ? [] : [{ d, y: v, e: 0 }];
    });
    return {
      type: 'scatter', mode: 'lines+markers', name: plotlyText(SIDE_NAME[side]), x: pts.map((p) => p.d), y: pts.map((p) => p.y),
      line: { color: SIDE_COLOR[side], width: 1.5 }, marker: { size: 6, color: SIDE_COLOR[side] },
      ...(sum ? { error_y: { type: 'data' as const, array: pts.map((p) => p.e), visible: true, thickness: 1, width: 4 } } : {}),
    };
  });
  const chains = b.run.chains;
  const what = sum ? `mean over ${b.stability!.seeds.length} seeds with its 95% t-interval` : `seed ${b.run.seed}'s run`;
  return {
    data: traces,
    layout,
    caption:
      chains.available === 0
        ? `No hypernym chain of 3 or more matched lemmas exists among the ${b.matched} matched lemmas, so there is nothing to draw.`
        : `Cosine between each chain's root lemma and its d-th matched hypernym (first hypernym by name, unmatched steps skipped), ${what}; ${chains.available} chains, ${chains.used} used per run. ${b.contextual}.`,
    filename: 'wordnet-hypernym-depth',
  };
}

/** The statistics the interval figure shows: all but the mean volumes, whose scale would flatten the rest. */
export const INTERVAL_EXCLUDED = ['vol_mean'];

/** Each statistic's mean over the seeds with its 95% t-interval as error bars, static and contextual side by side. */
export function stabilityFigure(b: WordNetBatteryResult): FigureSpec | null {
  const st = b.stability;
  if (!st) return null;
  // Names put the representation first (static_pearson) or last (band_high_static): group them by measure.
  const measures = new Map<string, Partial<Record<Representation, StatSummary>>>();
  for (const [name, sum] of Object.entries(st.summary)) {
    const { statistic, representation } = splitStatistic(name);
    if (!representation || INTERVAL_EXCLUDED.includes(statistic)) continue;
    if (!measures.has(statistic)) measures.set(statistic, {});
    if (sum) measures.get(statistic)![representation] = sum;
  }
  const layout = geometryLayout(`Stability over ${st.seeds.length} seeds`, '', 'mean over seeds, 95% t-interval');
  layout.xaxis = { ...layout.xaxis, tickangle: -35, type: 'category' };
  layout.height = 420;
  const data: PlotData[] = (['static', 'context'] as const).map((side) => {
    const rows = [...measures].flatMap(([m, bySide]) => {
      const s = bySide[side];
      return s ? [{ m, s }] : [];
    });
    return {
      type: 'scatter', mode: 'markers', name: plotlyText(SIDE_NAME[side]), x: rows.map((r) => plotlyText(statisticLabel(r.m))), y: rows.map((r) => r.s.mean),
      customdata: rows.map((r) => `n = ${r.s.n}, std (ddof 1) = ${sig5(r.s.stdSample)}`),
      hovertemplate: '%{x}<br>mean %{y:.6g}<br>%{customdata}<extra></extra>',
      marker: { size: 7, color: SIDE_COLOR[side] },
      error_y: { type: 'data', array: rows.map((r) => (r.s.ci95Mean ? r.s.ci95Mean[1] - r.s.mean : 0)), visible: true, thickness: 1.2, width: 5, color: SIDE_COLOR[side] },
    };
  });
  return {
    data,
    layout,
    caption:
      `Seed 05 section 3: the battery over seeds ${st.seeds[0]}..${st.seeds[st.seeds.length - 1]} (section 3's sample sizes). Each point is the mean over the seeds where the statistic exists; ` +
      `bars: mean ± t(0.975, n - 1) std (ddof 1) / sqrt(n). Mean pentachoron volumes are in the table only. ${b.contextual}.`,
    filename: 'wordnet-stability',
  };
}
