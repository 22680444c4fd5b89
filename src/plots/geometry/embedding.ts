/**
 * Embedding-battery figures: the token-embedding norm and sampled-cosine histograms, the covariance
 * eigenspectrum (log y) and the hidden-state norm and mean pairwise cosine at every residual boundary
 * (and the final norm's output, where the battery reports it).
 */
import type { EmbeddingGeometry } from '../../analysis/embedding/battery';
import type { HiddenStateEvolution } from '../../analysis/embedding/evolution';
import { boundaryHooks, hookFinalNorm } from '../../model/hooks';
import { COLORS } from '../theme';
import { sig5 } from '../format';
import type { FigureSpec, Shape } from '../types';
import { geometryLayout, histogramTrace, ranks } from './common';

const vLine = (x: number): Shape => ({ type: 'line', xref: 'x', yref: 'paper', x0: x, x1: x, y0: 0, y1: 1, line: { color: COLORS.finalNorm, width: 1, dash: 'dash' } });

/** Histogram of ||E[t]|| over every token t (numpy's bins over [min, max]) with the mean marked. */
export function normHistogramFigure(g: EmbeddingGeometry): FigureSpec {
  const s = g.norms.summary;
  const layout = geometryLayout('Token-embedding norms', '||E[t]||', 'tokens', {});
  layout.shapes = [vLine(s.mean)];
  layout.showlegend = false;
  return {
    data: [histogramTrace(s.histogram, 'tokens', COLORS.resid, '||E[t]||')],
    layout,
    caption:
      `L2 norm of each of the ${g.vocab} rows of the token embedding E [vocab, d_model = ${g.dim}], in ${s.histogram.counts.length} equal bins over [min, max] (numpy.histogram). ` +
      `Mean ${sig5(s.mean)} (dashed), std ${sig5(s.std)} (ddof 0), median ${sig5(s.median)}; ${g.norms.zeroCount} tokens below 1e-6.`,
    filename: 'embedding-norms',
  };
}

/** Histogram of the cosine of every pair among the sampled tokens. */
export function cosineHistogramFigure(g: EmbeddingGeometry): FigureSpec {
  const c = g.cosines;
  const s = c.summary;
  const layout = geometryLayout('Pairwise cosine of token embeddings', 'cos(E[a], E[b])', 'pairs', {});
  layout.shapes = [vLine(s.mean)];
  layout.showlegend = false;
  const sampled = c.tokenIds.length >= g.vocab ? `all ${g.vocab} tokens` : `${c.tokenIds.length} tokens drawn with seed ${g.seed}`;
  return {
    data: [histogramTrace(s.histogram, 'pairs', COLORS.resid, 'cos')],
    layout,
    caption: `Cosine of the ${c.nPairs} pairs a < b among ${sampled}, in ${s.histogram.counts.length} equal bins. Mean ${sig5(s.mean)} (dashed), std ${sig5(s.std)} (ddof 0).`,
    filename: 'embedding-cosines',
  };
}

/** Eigenvalues of the embedding covariance against their rank, log y (values <= 0 cannot be drawn). */
export function covarianceFigure(g: EmbeddingGeometry): FigureSpec {
  const sp = g.spectrum;
  const layout = geometryLayout('Covariance eigenspectrum of the embedding', 'rank k', 'eigenvalue', { y: 'log' });
  layout.showlegend = false;
  const dims = sp.dimsFor.map((d) => `${Math.round(d.fraction * 100)}%: ${d.dims}`).join(', ');
  return {
    data: [
      {
        type: 'scatter', mode: 'lines+markers', name: 'eigenvalue', x: ranks(sp.eigenvalues.length), y: Array.from(sp.eigenvalues),
        line: { color: COLORS.resid, width: 1.5 }, marker: { size: 4, color: COLORS.resid }, hovertemplate: 'lambda_%{x} = %{y:.6g}<extra></extra>',
      },
    ],
    layout,
    caption:
      `Eigenvalues of the covariance of E's rows (${sp.rows} rows, divisor ${sp.divisor}), descending, log y. ` +
      `Participation ratio (sum l)^2 / sum l^2 = ${sig5(sp.participationRatio)} of ${g.dim} dimensions; dimensions for ${dims} of the variance.`,
    filename: 'embedding-covariance-spectrum',
  };
}

/** The tap of each boundary: `hooks` as the battery reports them, else resid_pre(0..L-1), resid_post(L-1). */
export function boundaryLabels(nBoundaries: number, hooks?: readonly string[]): string[] {
  return hooks && hooks.length === nBoundaries ? [...hooks] : boundaryHooks(nBoundaries - 1);
}

function boundaryAxis(labels: string[]) {
  return { tickmode: 'array' as const, tickvals: labels.map((_, i) => i), ticktext: labels, tickangle: -30 };
}

function evolutionNote(e: HiddenStateEvolution, labels: string[]): string {
  const final = labels[labels.length - 1] === hookFinalNorm;
  return (
    `over ${e.seqLens.length} sentences (${e.seqLens.reduce((a, b) => a + b, 0)} tokens) at every residual boundary as labelled: resid_pre of each block, ` +
    `resid_post of the last block (before the final norm)${final ? `, then ${hookFinalNorm} (after it, HF's last hidden state)` : ''}`
  );
}

/** Mean token norm per boundary, with the mean over sentences of the within-sentence std as error bars. */
export function evolutionNormFigure(e: HiddenStateEvolution, hooks?: readonly string[]): FigureSpec {
  const labels = boundaryLabels(e.layers.length, hooks);
  const layout = geometryLayout('Hidden-state norm by boundary', 'boundary', 'mean ||h||', {});
  layout.xaxis = { ...layout.xaxis, ...boundaryAxis(labels) };
  layout.showlegend = false;
  return {
    data: [
      {
        type: 'scatter', mode: 'lines+markers', name: 'mean ||h||', x: e.layers.map((l) => l.layer), y: e.layers.map((l) => l.meanNorm),
        error_y: { type: 'data', array: e.layers.map((l) => l.stdNorm), visible: true, thickness: 1, width: 4 },
        line: { color: COLORS.resid, width: 2 }, marker: { size: 7, color: COLORS.resid }, hovertemplate: 'boundary %{x}<br>mean ||h|| = %{y:.6g}<extra></extra>',
      },
    ],
    layout,
    caption: `Mean L2 norm of the residual stream ${evolutionNote(e, labels)}; error bars: mean over sentences of the token-norm std (ddof 0).`,
    filename: 'embedding-hidden-norm',
  };
}

/** Mean pairwise cosine between a sentence's tokens, per boundary. */
export function evolutionCosineFigure(e: HiddenStateEvolution, hooks?: readonly string[]): FigureSpec {
  const labels = boundaryLabels(e.layers.length, hooks);
  const layout = geometryLayout('Hidden-state mean pairwise cosine by boundary', 'boundary', 'mean cos between tokens', {});
  layout.xaxis = { ...layout.xaxis, ...boundaryAxis(labels) };
  layout.showlegend = false;
  return {
    data: [
      {
        type: 'scatter', mode: 'lines+markers', name: 'mean cos', x: e.layers.map((l) => l.layer), y: e.layers.map((l) => l.meanCos),
        error_y: { type: 'data', array: e.layers.map((l) => l.stdCos), visible: true, thickness: 1, width: 4 },
        line: { color: COLORS.gain, width: 2 }, marker: { size: 7, color: COLORS.gain }, hovertemplate: 'boundary %{x}<br>mean cos = %{y:.6g}<extra></extra>',
      },
    ],
    layout,
    caption: `Mean pairwise cosine between the tokens of a sentence ${evolutionNote(e, labels)}; error bars: mean over sentences of the cosine std (ddof 0).`,
    filename: 'embedding-hidden-cosine',
  };
}
