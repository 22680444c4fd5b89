/**
 * The alpha-sweep figure: the seed's impact measures (seed 05 section 7) and the token difference of the
 * continuations against alpha, one line each on one axis (all are dimensionless and of order 1: the token
 * difference is shown as a fraction of the longer continuation). The caption names the intervention,
 * the target, the blocks, the prompt and the decoding, so an exported figure stands on its own.
 */
import { baseLayout, COLORS } from '../theme';
import { plotlyText } from '../format';
import type { FigureSpec, PlotData } from '../types';
import type { SweepMeta, SweepRow } from './types';

/** Differing tokens / longest continuation; 0 when both continuations are empty. */
export const tokenDifferenceFraction = (r: SweepRow): number => (r.longest === 0 ? 0 : r.tokenDifferences / r.longest);

const SERIES = {
  cos: { name: 'cos(original, modulated), mean over prompt tokens', color: COLORS.resid },
  ratio: { name: '||modulated|| / ||original||, mean', color: COLORS.gain },
  shift: { name: 'pairwise cosine shift, mean over token pairs', color: COLORS.finalNorm },
  tokens: { name: 'differing tokens / longest continuation', color: '#7a3b9a' },
} as const;

export function decodingPhrase(m: Pick<SweepMeta, 'temperature' | 'seed'>): string {
  return m.temperature > 0 ? `sampled at T=${m.temperature}, seed ${m.seed} (the same for both runs)` : 'greedy';
}

export function blocksPhrase(blocks: readonly number[], nBlocks: number): string {
  if (blocks.length === nBlocks) return `every block (0..${nBlocks - 1})`;
  return `block${blocks.length === 1 ? '' : 's'} ${blocks.join(', ')} of 0..${nBlocks - 1}`;
}

export function sweepCaption(m: SweepMeta): string {
  const where = m.stack === 'encoder' ? 'of the encoder (T5; the decoder runs on the modulated encoder output)' : '(the prompt and every generated step are modulated)';
  return (
    `Alpha sweep of the residual modulator h' = (1 - alpha) h + alpha target at the stream entering ${blocksPhrase(m.blocks, m.nBlocks)} ${where}, ` +
    `model ${m.model}. Target: ${m.target}. Prompt ${JSON.stringify(m.prompt)} (${m.promptIds.length} tokens). ` +
    `Impact measures compare the final states of the prompt tokens (final-norm output = HF last hidden state; T5: encoder output) ` +
    `without and with modulation: cosine per token (bars: population std), norm ratio per token, and the shift of the pairwise cosines between tokens (bars: std). ` +
    `Token difference: differing generated tokens (position by position, plus the length difference) over the longer of the two continuations of up to ${m.maxNewTokens} new tokens, ${decodingPhrase(m)}.`
  );
}

/** Rows are drawn in alpha order, whatever order they were run in. */
export function sweepFigure(rows: readonly SweepRow[], meta: SweepMeta): FigureSpec {
  const sorted = [...rows].sort((a, b) => a.alpha - b.alpha);
  const x = sorted.map((r) => r.alpha);
  const line = (key: keyof typeof SERIES, y: number[], std?: number[], dash?: string): PlotData => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: SERIES[key].name,
    x,
    y,
    // Plotly drops NaN points (a one-token prompt has no pairwise shift): keep them as gaps.
    ...(std ? { error_y: { type: 'data', array: std.map((v) => (Number.isFinite(v) ? v : 0)), visible: true, thickness: 1, width: 3 } } : {}),
    hovertemplate: `alpha %{x}<br>${plotlyText(SERIES[key].name)} = %{y:.6g}<extra></extra>`,
    marker: { size: 7, color: SERIES[key].color },
    line: { width: 2, color: SERIES[key].color, ...(dash ? { dash } : {}) },
  });
  return {
    data: [
      line('cos', sorted.map((r) => r.cosMean), sorted.map((r) => r.cosStd)),
      line('ratio', sorted.map((r) => r.normRatioMean)),
      line('shift', sorted.map((r) => r.pairwiseShiftMean), sorted.map((r) => r.pairwiseShiftStd)),
      line('tokens', sorted.map(tokenDifferenceFraction), undefined, 'dot'),
    ],
    layout: {
      ...baseLayout(),
      height: 440,
      // Room for the legend inside the figure: a legend spilling below it would cover the buttons under it.
      margin: { ...baseLayout().margin, b: 140 },
      title: { text: plotlyText(`Modulator impact against alpha, ${blocksPhrase(meta.blocks, meta.nBlocks)}`), font: { size: 13 } },
      xaxis: { title: { text: 'alpha' }, zeroline: false, automargin: true },
      yaxis: { title: { text: 'value (dimensionless)' }, zeroline: true, automargin: true },
      showlegend: true,
      legend: { orientation: 'h', y: -0.3, x: 0, font: { size: 10 } },
    },
    caption: sweepCaption(meta),
    filename: 'modulator-sweep',
  };
}
