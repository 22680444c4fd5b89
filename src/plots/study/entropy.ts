/** Figure: next-token entropy against the gain, one point per prompt and model (seed 03's panel B). */
import type { FigureSpec, PlotData } from '../types';
import { plotlyText } from '../format';
import { entropyCaption } from './captions';
import { legendName, markerFor, studyLayout } from './common';
import { colorAt, type StudyFigureInput } from './types';

export function entropyFigure(i: StudyFigureInput): FigureSpec {
  const data: PlotData[] = [];
  i.models.forEach((m, k) => {
    const pts = m.prompts.filter((p) => p.entropy !== null);
    if (pts.length === 0) return;
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: legendName(m.label, m.imported),
      x: pts.map((p) => p.entropy as number),
      y: pts.map((p) => p.value),
      text: pts.map((p) => plotlyText(p.prompt)),
      hovertemplate: `%{text}<br>entropy = %{x:.4g} nats<br>${plotlyText(i.definition.label)} = %{y:.6g}<extra>${plotlyText(m.label)}</extra>`,
      marker: markerFor(colorAt(k), m.imported, 8),
    });
  });
  return { data, layout: studyLayout(`Entropy vs ${i.definition.label}`, 'next-token entropy (nats)', i.definition.label), caption: entropyCaption(i), filename: 'study-entropy-vs-gain' };
}
