/**
 * Weight-battery figures: singular-value spectra (log-log), the ESD of one matrix with its
 * power-law fit, seed 04's cross-layer cosine heatmap and the scale track. Pure: results in, specs out.
 */
import type { MatrixResult } from '../../runtime/weight-battery';
import type { FamilyNullTest, NullTestResult } from '../../analysis/weights';
import { COLORS } from '../theme';
import { plotlyText, sig5 } from '../format';
import type { FigureSpec, PlotData, Shape } from '../types';
import { colorAt, geometryLayout, ranks } from './common';

const CONVENTION = 'W = U diag(s) V^T, W row-major [out, in]';

/** One trace per matrix of `kind` (in layer order): s_i against rank i on log-log axes. */
export function spectraFigure(matrices: readonly MatrixResult[], kind: string): FigureSpec {
  const ms = matrices.filter((m) => m.kind === kind).sort((a, b) => (a.layer ?? -1) - (b.layer ?? -1) || a.stack.localeCompare(b.stack));
  const data: PlotData[] = ms.map((m, i) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: plotlyText(m.name),
    x: ranks(m.singularValues.length),
    y: Array.from(m.singularValues),
    line: { width: 1.5, color: colorAt(i) },
    marker: { size: 4, color: colorAt(i) },
    hovertemplate: `${plotlyText(m.name)} [${m.rows}, ${m.cols}]<br>s_%{x} = %{y:.6g}<extra></extra>`,
  }));
  const shape = ms.length ? `[${ms[0].rows}, ${ms[0].cols}]` : '';
  return {
    data,
    layout: geometryLayout(`Singular values of every ${kind} matrix`, 'rank i', 's_i', { x: 'log', y: 'log' }),
    caption:
      `Singular values s_1 >= s_2 >= ... of each ${kind} matrix ${shape} (${CONVENTION}), one line per layer, against their rank, log-log. ` +
      'All min(rows, cols) values are computed (float64 from the float32 weights); exact zeros cannot be drawn on a log axis.',
    filename: `weights-spectra-${kind}`,
  };
}

/** The ESD of one matrix in log10(lambda) bins, with what the fitted power law expects per bin. */
export interface EsdHistogram {
  /** [bins + 1] bin edges in log10(lambda), lambda = s^2 (the eigenvalues of W^T W) */
  edges: number[];
  /** [bins] eigenvalues in each bin (the last bin includes its right edge) */
  counts: number[];
  /** [bins] expected eigenvalues per bin under the fit, tail mass beyond the last edge put in the last bin; null below xmin */
  expected: (number | null)[] | null;
  /** eigenvalues <= 0, which a log axis cannot show */
  nonPositive: number;
}

/**
 * Bins log10(s^2) of the positive eigenvalues. With a fit, bin [a, b] expects
 * nTail ((max(a, xmin) / xmin)^(1 - alpha) - (b / xmin)^(1 - alpha)), where nTail counts lambda >= xmin:
 * the continuous power law's mass in the bin, so the expected counts add up to nTail.
 */
export function esdHistogram(s: ArrayLike<number>, fit: { alpha: number; xmin: number; numPlSpikes: number } | null, bins?: number): EsdHistogram {
  const logs: number[] = [];
  let nonPositive = 0;
  for (let i = 0; i < s.length; i++) {
    const l = s[i] * s[i];
    if (l > 0) logs.push(Math.log10(l));
    else nonPositive++;
  }
  const nb = bins ?? Math.max(10, Math.min(60, Math.ceil(2 * Math.sqrt(logs.length))));
  let lo = Math.min(...logs);
  let hi = Math.max(...logs);
  if (!logs.length) [lo, hi] = [0, 1];
  else if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const edges = Array.from({ length: nb + 1 }, (_, i) => lo + ((hi - lo) * i) / nb);
  const counts = new Array<number>(nb).fill(0);
  for (const u of logs) counts[Math.min(nb - 1, Math.floor(((u - lo) / (hi - lo)) * nb))]++;
  if (!fit) return { edges, counts, expected: null, nonPositive };
  const ccdf = (x: number) => (x <= fit.xmin ? 1 : (x / fit.xmin) ** (1 - fit.alpha));
  const expected = counts.map((_, i) => {
    const [a, b] = [10 ** edges[i], 10 ** edges[i + 1]];
    if (i < nb - 1 && b <= fit.xmin) return null;
    const upper = i === nb - 1 ? 0 : ccdf(b);
    return fit.numPlSpikes * (ccdf(Math.max(a, fit.xmin)) - upper);
  });
  return { edges, counts, expected, nonPositive };
}

const vLine = (x: number, color: string): Shape => ({ type: 'line', xref: 'x', yref: 'paper', x0: x, x1: x, y0: 0, y1: 1, line: { color, width: 1, dash: 'dash' } });

/** The empirical spectral density of W^T W for one matrix, with WeightWatcher's power-law fit when there is one. */
export function esdFigure(m: MatrixResult): FigureSpec {
  const fit = m.esd.status === 'fitted' ? m.esd : null;
  const h = esdHistogram(m.singularValues, fit);
  const centres = h.counts.map((_, i) => (h.edges[i] + h.edges[i + 1]) / 2);
  const data: PlotData[] = [
    { type: 'bar', name: 'eigenvalues per bin', x: centres, y: h.counts, marker: { color: COLORS.resid }, opacity: 0.8, hovertemplate: 'log10 lambda %{x:.4g}<br>count %{y}<extra></extra>' },
  ];
  const shapes: Shape[] = [];
  if (fit && h.expected) {
    const keep = h.expected.map((e, i) => (e === null ? -1 : i)).filter((i) => i >= 0);
    data.push({
      type: 'scatter', mode: 'lines+markers', name: `power law, alpha = ${sig5(fit.alpha)}`,
      x: keep.map((i) => centres[i]), y: keep.map((i) => h.expected![i] as number),
      line: { color: COLORS.finalNorm, width: 2 }, marker: { size: 5, color: COLORS.finalNorm },
      hovertemplate: 'log10 lambda %{x:.4g}<br>expected %{y:.4g}<extra></extra>',
    });
    shapes.push(vLine(Math.log10(fit.xmin), COLORS.finalNorm));
    if (fit.mp.status === 'fitted') shapes.push(vLine(Math.log10(fit.mp.lambdaPlus), COLORS.gain));
  }
  const layout = geometryLayout(`ESD of ${m.name}`, 'log10 lambda (lambda = s^2, eigenvalues of W^T W)', 'eigenvalues per bin', { y: 'log' });
  layout.shapes = shapes;
  const fitText = fit
    ? `Power-law fit (WeightWatcher's rule: MLE alpha per candidate xmin, least KS distance): alpha = ${sig5(fit.alpha)} ± ${sig5(fit.alphaSigma)}, ` +
      `xmin = ${sig5(fit.xmin)} (orange dashed line), KS D = ${sig5(fit.ksDistance)}, ${fit.numPlSpikes} eigenvalues in the tail; ` +
      `the orange line is the fitted law's expected count per bin.${fit.mp.status === 'fitted' ? ` Green dashed: Marchenko-Pastur bulk edge lambda+ = ${sig5(fit.mp.lambdaPlus)}.` : ''}`
    : `No power-law fit: ${m.esd.status === 'skipped' ? m.esd.reason : 'not fitted'}.`;
  return {
    data,
    layout,
    caption:
      `Histogram of log10 of the ${m.singularValues.length} eigenvalues lambda = s^2 of W^T W for ${m.name} [${m.rows}, ${m.cols}] (${CONVENTION}, unnormalised), log y. ` +
      `${h.nonPositive ? `${h.nonPositive} zero eigenvalues are not drawn. ` : ''}${fitText}`,
    filename: `weights-esd-${m.name}`,
  };
}

/** Seed 04's cosine of every pair of layers of one family, Frobenius-normalised; blank where shapes differ. */
export function nullCosineFigure(f: FamilyNullTest, stack: string): FigureSpec {
  const layers = Array.from({ length: f.nLayers }, (_, i) => i);
  const z = f.cosineMatrix.map((row) => row.map((c) => (c === null ? NaN : c)));
  const layout = geometryLayout(`Cross-layer cosine, ${f.family}`, 'layer j', 'layer i');
  layout.showlegend = false;
  layout.xaxis = { ...layout.xaxis, tickmode: 'linear', dtick: 1, showgrid: false };
  layout.yaxis = { ...layout.yaxis, tickmode: 'linear', dtick: 1, showgrid: false, autorange: 'reversed' };
  const s = f.summary;
  return {
    data: [
      {
        type: 'heatmap', name: plotlyText(f.family), x: layers, y: layers, z,
        colorscale: 'RdBu', reversescale: true, zmid: 0, xgap: 1, ygap: 1,
        colorbar: { title: { text: 'cos' }, thickness: 14 },
        hovertemplate: `${plotlyText(f.family)}: layer %{y} vs %{x}<br>cos = %{z:.6g}<extra></extra>`,
      },
    ],
    layout,
    caption:
      `cos(W_i, W_j) = <W_i, W_j>_F / (||W_i||_F ||W_j||_F) for every pair of ${f.family} matrices${stack ? ` of the ${stack} stack` : ''} (seed 04's null test; [out, in] row-major, float64). ` +
      (s
        ? `Adjacent layers: mean cos ${sig5(s.meanCos)}, raw residual sqrt(2 - 2 cos) ${sig5(s.rawResid)}, scalar-fit residual sqrt(1 - cos^2) ${sig5(s.scalarFit)}, improvement ${sig5(s.improveFrac)}.`
        : 'No adjacent pair could be compared.'),
    filename: `weights-null-cosine-${f.family}`,
  };
}

/** ||W_l||_F by layer, one line per family (seed 04's scale track), log y. */
export function scaleTrackFigure(nt: NullTestResult, stack: string): FigureSpec {
  const data: PlotData[] = nt.families.map((f, i) => ({
    type: 'scatter', mode: 'lines+markers', name: plotlyText(f.family),
    x: Array.from({ length: f.nLayers }, (_, l) => l), y: Array.from(f.scaleTrack),
    line: { width: 1.5, color: colorAt(i) }, marker: { size: 6, color: colorAt(i) },
    hovertemplate: `${plotlyText(f.family)} layer %{x}<br>||W||_F = %{y:.6g}<extra></extra>`,
  }));
  const layout = geometryLayout('Scale track ||W||_F by layer', 'layer', '||W||_F', { y: 'log' });
  layout.xaxis = { ...layout.xaxis, tickmode: 'linear', dtick: 1 };
  const pca = nt.scalePca;
  return {
    data,
    layout,
    caption:
      `Frobenius norm of each family's matrix by layer${stack ? ` (${stack} stack)` : ''}, log y: the scale seed 04's normalised cosines leave out. ` +
      (pca ? `PCA of the centred log scale track: mode 1 explains ${sig5(pca.explainedFraction[0])} of the variance (loadings in the table).` : `No scale PCA: ${nt.scalePcaReason ?? 'not computed'}.`),
    filename: 'weights-scale-track',
  };
}
