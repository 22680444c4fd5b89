/** Figure: head density rho against mean G per model, with std error bars, the regression line and the H25 threshold. */
import type { FigureSpec, PlotData } from '../types';
import { plotlyText } from '../format';
import { rhoCaption } from './captions';
import { legendName, markerFor, studyLayout } from './common';
import { colorAt, type StudyFigureInput } from './types';

/** Models at the same point (the same model in two formats) share one label instead of overprinting. */
function coincidentLabels(pts: { x: number; y: number; label: string }[]): string[] {
  const at = (p: { x: number; y: number }) => `${p.x.toPrecision(6)},${p.y.toPrecision(6)}`;
  const groups = new Map<string, string[]>();
  for (const p of pts) groups.set(at(p), [...(groups.get(at(p)) ?? []), p.label]);
  const seen = new Set<string>();
  return pts.map((p) => {
    const k = at(p);
    if (seen.has(k)) return '';
    seen.add(k);
    return plotlyText(groups.get(k)!.join(', '));
  });
}

export function rhoFigure(i: StudyFigureInput): FigureSpec {
  const pts = i.models.map((m, k) => ({ m, k })).filter(({ m }) => m.rho !== null && m.mean !== null);
  const rhos = pts.map(({ m }) => m.rho as number);
  const lo = Math.min(...rhos);
  const hi = Math.max(...rhos);
  const data: PlotData[] = [
    {
      type: 'scatter',
      mode: 'markers+text',
      name: plotlyText(`mean ${i.definition.label}`),
      x: pts.map(({ m }) => m.rho as number),
      y: pts.map(({ m }) => m.mean as number),
      text: coincidentLabels(pts.map(({ m }) => ({ x: m.rho as number, y: m.mean as number, label: m.label }))),
      // Labels point inwards so the outermost models' names stay inside the plot.
      textposition: pts.map(({ m }) => ((m.rho as number) > (lo + hi) / 2 ? 'top left' : 'top right')),
      customdata: pts.map(({ m }) => (m.std === null ? 'n/a' : m.std.toPrecision(4))),
      hovertemplate: `%{text}<br>rho = %{x:.4g}<br>mean ${plotlyText(i.definition.label)} = %{y:.6g} ± %{customdata}<extra></extra>`,
      error_y: { type: 'data', array: pts.map(({ m }) => m.std ?? 0), visible: true, thickness: 1.2, width: 4 },
      marker: { size: 5, color: '#444444' },
      showlegend: false,
    },
  ];
  // Each model again as its own (invisible-size) trace, so the legend names models in their colours.
  pts.forEach(({ m, k }) => data.push({ type: 'scatter', mode: 'markers', name: legendName(m.label, m.imported), x: [m.rho as number], y: [m.mean as number], marker: markerFor(colorAt(k), m.imported, 11), hoverinfo: 'skip' }));
  if (!('reason' in i.regression) && pts.length) {
    const pad = (hi - lo) * 0.1;
    const { slope, intercept, r, p } = i.regression;
    const x = [lo - pad, hi + pad];
    const stats = r === null ? 'r, p undefined' : `r = ${r.toFixed(3)}, p = ${p === null ? 'n/a' : p.toPrecision(3)}`;
    data.push({ type: 'scatter', mode: 'lines', name: `fit: G = ${slope.toPrecision(4)} rho + ${intercept.toPrecision(4)} (${stats})`, x, y: x.map((v) => slope * v + intercept), line: { color: '#2b7a4b', width: 2, dash: 'dash' } });
  }
  const layout = studyLayout(`rho vs mean ${i.definition.label}`, 'rho = n_heads / d_head', `mean ${i.definition.label}`);
  layout.shapes = [
    ...(layout.shapes ?? []),
    { type: 'line', xref: 'x', yref: 'paper', x0: i.threshold, x1: i.threshold, y0: 0, y1: 1, line: { color: '#8e3b8a', width: 1, dash: 'dot' } },
  ];
  return { data, layout, caption: rhoCaption(i), filename: 'study-rho-vs-gain' };
}
