/** Figures: the gain's distribution over prompts per model, and per prompt category (box plots with every point). */
import type { FigureSpec, PlotData } from '../types';
import { plotlyText } from '../format';
import { categoryCaption, distCaption } from './captions';
import { legendName, studyLayout } from './common';
import { colorAt, type StudyFigureInput } from './types';

export function distFigure(i: StudyFigureInput): FigureSpec {
  const data: PlotData[] = i.models
    .map((m, k) => ({ m, k }))
    .filter(({ m }) => m.prompts.length > 0)
    .map(({ m, k }) => ({
      type: 'box',
      name: legendName(m.label, m.imported),
      y: m.prompts.map((p) => p.value),
      text: m.prompts.map((p) => plotlyText(p.prompt)),
      boxpoints: 'all',
      boxmean: true,
      jitter: 0.4,
      pointpos: 0,
      marker: { size: 5, color: colorAt(k) },
      line: { width: 1.5, color: colorAt(k) },
      hovertemplate: `%{text}<br>${plotlyText(i.definition.label)} = %{y:.6g}<extra>${plotlyText(m.label)}</extra>`,
    }));
  const layout = studyLayout(`${i.definition.label} over prompts`, 'model', i.definition.label);
  layout.showlegend = false;
  return { data, layout, caption: distCaption(i), filename: 'study-gain-distribution' };
}

export function categoryFigure(i: StudyFigureInput): FigureSpec {
  const data: PlotData[] = [];
  i.models.forEach((m, k) => {
    const withCat = m.prompts.filter((p) => p.category !== null);
    if (withCat.length === 0) return;
    data.push({
      type: 'box',
      name: legendName(m.label, m.imported),
      x: withCat.map((p) => p.category as string),
      y: withCat.map((p) => p.value),
      text: withCat.map((p) => plotlyText(p.prompt)),
      boxpoints: 'all',
      jitter: 0.3,
      pointpos: 0,
      offsetgroup: m.key,
      marker: { size: 4, color: colorAt(k) },
      line: { width: 1.5, color: colorAt(k) },
      hovertemplate: `%{x}: %{text}<br>${plotlyText(i.definition.label)} = %{y:.6g}<extra>${plotlyText(m.label)}</extra>`,
    });
  });
  const layout = { ...studyLayout(`${i.definition.label} by prompt category`, 'category', i.definition.label), boxmode: 'group' as const };
  return { data, layout, caption: categoryCaption(i), filename: 'study-gain-by-category' };
}
