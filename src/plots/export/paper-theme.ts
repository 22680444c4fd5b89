/**
 * The "paper" look of a figure: white background, serif text sized in points for a printed column,
 * the Okabe-Ito colour-blind-safe palette, optional gridlines, black axis lines. Pure: a FigureSpec
 * in, a new FigureSpec out (the input is not touched), so the screen keeps its own look.
 */
import type { Annotation, Axis, FigureSpec, PlotData, PlotLayout, Shape } from '../types';
import { ptToPx } from './sizes';

/** Okabe & Ito (2008), ordered for contrast on white; yellow last (weak on white paper). */
export const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#E69F00', '#56B4E9', '#CC79A7', '#000000', '#F0E442'] as const;

/** Standard serif faces in the order Windows/macOS, TeX-like Linux installs, then the generic. */
export const SERIF_STACK = '"Times New Roman", Times, "Nimbus Roman", "Liberation Serif", "DejaVu Serif", serif';
export const MONO_STACK = '"Courier New", Courier, "Nimbus Mono PS", "Liberation Mono", "DejaVu Sans Mono", monospace';

/** Text sizes in points: 8 pt body matches a paper's caption text at column width. */
export const PAPER_PT = { base: 8, tick: 7, legend: 7, title: 9, annotation: 7 } as const;

export interface PaperOptions {
  /** draw major gridlines (light grey); off gives clean axes */
  gridlines: boolean;
  /** keep the figure's title (papers usually carry it in the caption instead) */
  title: boolean;
}

export const DEFAULT_PAPER: PaperOptions = { gridlines: false, title: false };

/** Axis keys Plotly accepts beyond the lab's Axis subset; the paper look needs them. */
type PaperAxis = Omit<Axis, 'title'> & { title?: { text: string; font: { size: number } }; showline: boolean; linecolor: string; linewidth: number; ticks: 'outside'; gridcolor: string; mirror: boolean };

/** Parses #rgb / #rrggbb; null for anything else (named colours, rgba) which is left as it is. */
function hexRgb(c: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c.trim());
  if (!m) return null;
  const h = m[1].length === 3 ? [...m[1]].map((d) => d + d).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** Greys, black and white carry no identity (references, outlines): they keep their value. */
export function isNeutral(c: string): boolean {
  const rgb = hexRgb(c);
  if (!rgb) return true;
  return Math.max(...rgb) - Math.min(...rgb) <= 24;
}

/**
 * One palette slot per distinct chromatic colour, in order of first use, so two traces that shared
 * a colour on screen (one model's line and its error bars) share one in print.
 */
export class PaletteMap {
  private readonly map = new Map<string, string>();
  get(c: string | undefined): string | undefined {
    if (c === undefined || isNeutral(c)) return c;
    const key = c.toLowerCase();
    let v = this.map.get(key);
    if (!v) {
      v = OKABE_ITO[this.map.size % OKABE_ITO.length];
      this.map.set(key, v);
    }
    return v;
  }
  /** A slot of its own, for a trace that had no colour. */
  fresh(): string {
    const v = OKABE_ITO[this.map.size % OKABE_ITO.length];
    this.map.set(`#slot-${this.map.size}`, v);
    return v;
  }
}

const isMono = (family: string | undefined) => !!family && /mono|courier|menlo/i.test(family);

function paperTrace(d: PlotData, pal: PaletteMap): PlotData {
  // The diverging RdBu scale of the heatmaps is colour-blind safe (ColorBrewer); only the colourbar is resized.
  if (d.type === 'heatmap') return { ...d, colorbar: { ...d.colorbar, thickness: 8 } };
  const own = d.marker?.color ?? d.line?.color;
  // A trace without its own colour would take Plotly's default palette: it gets the next Okabe-Ito slot.
  const main = own === undefined ? pal.fresh() : pal.get(own);
  const out: PlotData = { ...d, marker: { ...d.marker, color: d.marker?.color === undefined ? main : pal.get(d.marker.color) } };
  if (d.marker?.size !== undefined) out.marker!.size = Math.max(3, Math.round(d.marker.size * 0.65));
  if (d.marker?.line) out.marker!.line = { color: pal.get(d.marker.line.color) ?? d.marker.line.color, width: Math.min(d.marker.line.width, 1) };
  out.line = { ...d.line, color: d.line?.color === undefined ? main : pal.get(d.line.color) };
  if (d.line?.width !== undefined) out.line.width = Math.max(0.75, d.line.width * 0.75);
  if (d.error_y) out.error_y = { ...d.error_y, color: (d.error_y.color === undefined ? main : pal.get(d.error_y.color)) ?? '#000000', thickness: 0.75, width: 2 };
  return out;
}

function paperAxis(a: Axis | undefined, o: PaperOptions): PaperAxis {
  return {
    ...a,
    title: a?.title ? { ...a.title, font: { size: ptToPx(PAPER_PT.base) } } : undefined,
    showgrid: o.gridlines && a?.showgrid !== false,
    // A zero line is a gridline too (and would show through a heatmap's cell gaps).
    zeroline: o.gridlines && a?.zeroline !== false,
    gridcolor: '#d9d9d9',
    showline: true,
    linecolor: '#000000',
    linewidth: 0.75,
    ticks: 'outside',
    mirror: false,
    automargin: true,
    tickfont: { family: isMono(a?.tickfont?.family) ? MONO_STACK : SERIF_STACK, size: ptToPx(PAPER_PT.tick) },
  };
}

/** `fig` in the paper look; the caller sets the exported width and height. */
export function paperTheme(fig: FigureSpec, o: PaperOptions = DEFAULT_PAPER): FigureSpec {
  const pal = new PaletteMap();
  const data = fig.data.map((d) => paperTrace(d, pal));
  const l = fig.layout;
  const shapes: Shape[] | undefined = l.shapes?.map((s) => ({ ...s, line: { ...s.line, color: pal.get(s.line.color) ?? s.line.color, width: Math.min(s.line.width, 0.75) } }));
  const annotations: Annotation[] | undefined = l.annotations?.map((a) => ({ ...a, font: { ...a.font, size: ptToPx(PAPER_PT.annotation), color: pal.get(a.font?.color) } }));
  const legendAbove = l.showlegend !== false && l.legend?.orientation === 'h' && (l.legend.y ?? 0) >= 1;
  const layout: PlotLayout = {
    ...l,
    font: { family: SERIF_STACK, size: ptToPx(PAPER_PT.base), color: '#000000' },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    title: o.title && l.title ? { ...l.title, font: { size: ptToPx(PAPER_PT.title) } } : undefined,
    // Plotly's automargin grows these for tick labels, titles and outside legends as needed.
    margin: { l: 8, r: 8, t: o.title ? 28 : legendAbove ? 8 : 6, b: 8 },
    xaxis: paperAxis(l.xaxis, o),
    yaxis: paperAxis(l.yaxis, o),
    shapes,
    annotations,
    legend: l.legend ? { ...l.legend, font: { size: ptToPx(PAPER_PT.legend) } } : undefined,
  };
  return { ...fig, data, layout };
}
