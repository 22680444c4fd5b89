/** Figure: mean gain per model as bars, grouped and coloured by norm type (seed 03's LayerNorm vs RMSNorm panel). */
import type { FigureSpec, PlotData } from '../types';
import { plotlyText } from '../format';
import { normCaption } from './captions';
import { studyLayout } from './common';
import { NORM_COLORS, type StudyFigureInput } from './types';

export function normFigure(i: StudyFigureInput): FigureSpec {
  const withMean = i.models.filter((m) => m.mean !== null);
  const types = [...new Set(withMean.map((m) => m.normType ?? 'unknown'))].sort();
  const data: PlotData[] = types.map((t) => {
    const ms = withMean.filter((m) => (m.normType ?? 'unknown') === t);
    return {
      type: 'bar',
      name: plotlyText(t),
      x: ms.map((m) => plotlyText(m.imported ? `${m.label} (imported)` : m.label)),
      y: ms.map((m) => m.mean as number),
      error_y: { type: 'data', array: ms.map((m) => m.std ?? 0), visible: true, thickness: 1, width: 4 },
      marker: { color: NORM_COLORS[t] ?? '#888888' },
      opacity: 0.85,
      hovertemplate: `%{x}<br>${plotlyText(t)}<br>mean ${plotlyText(i.definition.label)} = %{y:.6g}<extra></extra>`,
    };
  });
  const layout = studyLayout(`Mean ${i.definition.label} by norm type`, 'model', `mean ${i.definition.label}`);
  layout.xaxis = { ...layout.xaxis, type: 'category', tickangle: -20 };
  return { data, layout, caption: normCaption(i), filename: 'study-gain-by-norm-type' };
}
