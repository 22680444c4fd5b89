/** Pieces every study figure shares: the G = 1 reference, the layout base, marker styles. */
import { baseLayout, COLORS } from '../theme';
import type { PlotLayout, Shape } from '../types';
import { plotlyText } from '../format';

export const gainOne = (): Shape => ({ type: 'line', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: 1, y1: 1, line: { color: COLORS.reference, width: 1, dash: 'dash' } });

export function studyLayout(title: string, xTitle: string, yTitle: string): PlotLayout {
  return {
    ...baseLayout(),
    height: 360,
    title: { text: plotlyText(title), font: { size: 13 } },
    xaxis: { title: { text: plotlyText(xTitle) }, automargin: true, zeroline: false },
    yaxis: { title: { text: plotlyText(yTitle) }, automargin: true, zeroline: false },
    shapes: [gainOne()],
    showlegend: true,
    legend: { orientation: 'h', y: -0.25, x: 0, font: { size: 10 } },
  };
}

/** Swept models get filled markers; imported ones hollow, in the same colour. */
export const markerFor = (color: string, imported: boolean, size = 9) =>
  // An open symbol draws its outline in the marker colour.
  imported ? { size, color, symbol: 'circle-open', line: { width: 2, color } } : { size, color, line: { width: 1, color: '#ffffff' } };

/** A legend name that says where the model came from. */
export const legendName = (label: string, imported: boolean): string => plotlyText(imported ? `${label} (imported)` : label);
