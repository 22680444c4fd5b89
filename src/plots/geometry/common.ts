/** Pieces the geometry figures share: the layout base, histogram bars, a colour per layer. */
import { baseLayout } from '../theme';
import { plotlyText } from '../format';
import type { PlotData, PlotLayout } from '../types';

/** Ten distinct colours; layers and families cycle through them. */
export const PALETTE = ['#1f5f99', '#c2571a', '#2b7a4b', '#8e3b8a', '#b8860b', '#3c8dbc', '#a33a3a', '#5a6e2a', '#6b5b95', '#2f4f4f'];

export const colorAt = (i: number): string => PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];

/** A titled layout with axis titles and axis types (log axes for spectra). */
export function geometryLayout(title: string, xTitle: string, yTitle: string, types: { x?: 'linear' | 'log'; y?: 'linear' | 'log' } = {}): PlotLayout {
  return {
    ...baseLayout(),
    height: 360,
    title: { text: plotlyText(title), font: { size: 13 } },
    xaxis: { title: { text: plotlyText(xTitle) }, automargin: true, zeroline: false, type: types.x ?? 'linear' },
    yaxis: { title: { text: plotlyText(yTitle) }, automargin: true, zeroline: false, type: types.y ?? 'linear' },
    showlegend: true,
    legend: { orientation: 'h', y: -0.25, x: 0, font: { size: 10 } },
  };
}

/** numpy.histogram's output ([bins + 1] edges, [bins] counts) as a bar per bin at its centre. */
export function histogramTrace(h: { edges: ArrayLike<number>; counts: ArrayLike<number> }, name: string, color: string, xLabel: string): PlotData {
  const n = h.counts.length;
  const x = Array.from({ length: n }, (_, i) => (h.edges[i] + h.edges[i + 1]) / 2);
  const y = Array.from(h.counts, Number);
  return {
    type: 'bar',
    name: plotlyText(name),
    x,
    y,
    customdata: Array.from({ length: n }, (_, i) => `[${h.edges[i].toPrecision(6)}, ${h.edges[i + 1].toPrecision(6)}${i === n - 1 ? ']' : ')'}`),
    hovertemplate: `${plotlyText(xLabel)} in %{customdata}<br>count %{y}<extra></extra>`,
    marker: { color },
    opacity: 0.85,
  };
}

/** 1, 2, ..., n: the rank axis of a descending spectrum. */
export const ranks = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
