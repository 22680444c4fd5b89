/**
 * A figure spec rendered to PNG or SVG with Plotly.toImage (off-screen, so the exported size does not
 * depend on the window) and downloaded. Plotly is the same lazily loaded bundle PlotlyFigure uses.
 */
import type { FigureSpec, PlotData, PlotLayout } from '../../plots/types';
import { plotlyText } from '../../plots/format';
import { downloadDataUrl } from '../common/download';

/** The one Plotly call used here (plots/plotly.d.ts types only what the figures call). */
interface ToImage {
  toImage(figure: { data: PlotData[]; layout: PlotLayout }, opts: { format: 'png' | 'svg'; width: number; height: number; scale?: number }): Promise<string>;
}

export async function exportFigure(figure: FigureSpec, format: 'png' | 'svg'): Promise<void> {
  const P = (await import('plotly.js-dist-min')).default as unknown as ToImage;
  // The caption goes into the image too, so a figure saved alone still says what it shows.
  const layout: PlotLayout = { ...figure.layout, height: 600, margin: { ...figure.layout.margin, b: 230 }, legend: { ...figure.layout.legend, y: -0.2 } };
  const url = await P.toImage({ data: figure.data, layout: withCaption(layout, figure.caption) }, { format, width: 1000, height: 600, scale: format === 'png' ? 2 : 1 });
  downloadDataUrl(`${figure.filename}.${format}`, url);
}

/** The caption as a paper-anchored annotation under the plot, wrapped at about 160 characters. */
function withCaption(layout: PlotLayout, caption: string): PlotLayout {
  const lines: string[] = [];
  let cur = '';
  for (const word of plotlyText(caption).split(' ')) {
    if ((cur + ' ' + word).length > 160 && cur) {
      lines.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(cur);
  const annotations = [...(layout.annotations ?? []), { xref: 'paper' as const, yref: 'paper' as const, x: 0, y: -0.42, text: lines.join('<br>'), showarrow: false, xanchor: 'left' as const, yanchor: 'top' as const, font: { size: 9, color: '#444' } }];
  return { ...layout, annotations };
}
