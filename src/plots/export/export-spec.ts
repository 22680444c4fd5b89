/** The figure Plotly lays out for a file: the screen spec or its paper theme, at the export's CSS-pixel size. */
import type { FigureSpec, PlotLayout } from '../types';
import type { ExportOptions } from './options';
import { paperTheme } from './paper-theme';
import type { ExportSize } from './sizes';

/** PlotLayout plus the fixed size Plotly needs instead of the screen's responsive width. */
export type SizedLayout = PlotLayout & { width: number; height: number; autosize: false };

export interface SizedFigure {
  data: FigureSpec['data'];
  layout: SizedLayout;
}

export function exportFigureSpec(fig: FigureSpec, o: Pick<ExportOptions, 'paper' | 'gridlines' | 'title'>, size: ExportSize): SizedFigure {
  const f = o.paper ? paperTheme(fig, { gridlines: o.gridlines, title: o.title }) : fig;
  return { data: f.data, layout: { ...f.layout, width: size.widthPx, height: size.heightPx, autosize: false } };
}

/** File name of one export: the figure's stem and the format. */
export const exportFileName = (fig: FigureSpec, ext: string): string => `${fig.filename || 'figure'}.${ext}`;
