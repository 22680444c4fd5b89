/** Figure: per-layer gain curves, one line per model (G_block(i) means over prompts; files' stated curves dashed). */
import type { FigureSpec, PlotData } from '../types';
import { plotlyText } from '../format';
import { layersCaption } from './captions';
import { legendName, studyLayout } from './common';
import { colorAt, type StudyFigureInput } from './types';

export function layersFigure(i: StudyFigureInput): FigureSpec {
  const data: PlotData[] = [];
  i.models.forEach((m, k) => {
    const color = colorAt(k);
    if (m.perLayer) {
      data.push({
        type: 'scatter',
        mode: 'lines+markers',
        name: legendName(`${m.label}: G_block(i)`, m.imported),
        x: m.perLayer.mean.map((_, l) => l),
        y: m.perLayer.mean,
        error_y: { type: 'data', array: m.perLayer.std.map((s) => s ?? 0), visible: true, thickness: 1, width: 3, color },
        hovertemplate: `${plotlyText(m.label)}<br>G_block(%{x}) = %{y:.6g}<extra></extra>`,
        marker: { size: 7, color },
        line: { width: 2, color },
      });
    }
    if (m.layerCurve) {
      data.push({
        type: 'scatter',
        mode: 'lines+markers',
        name: legendName(`${m.label}: ${m.layerCurve.definition}`, m.imported),
        x: m.layerCurve.values.map((_, l) => l),
        y: m.layerCurve.values,
        hovertemplate: `${plotlyText(m.label)}<br>point %{x}: %{y:.6g}<extra></extra>`,
        marker: { size: 5, color, symbol: 'circle-open' },
        line: { width: 1.5, color, dash: 'dash' },
      });
    }
  });
  const layout = studyLayout('Per-layer gain', 'block i', 'G_block(i)');
  const maxL = Math.max(0, ...i.models.map((m) => Math.max(m.perLayer?.mean.length ?? 0, m.layerCurve?.values.length ?? 0)));
  // Blocks are whole numbers: one tick per block while they fit.
  layout.xaxis = { ...layout.xaxis, ...(maxL <= 24 ? { tickmode: 'linear' as const, dtick: 1 } : { tickmode: 'auto' as const }) };
  return { data, layout, caption: layersCaption(i), filename: 'study-per-layer-gain' };
}
