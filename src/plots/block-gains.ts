/** Figure (b): G_block(i) per block for one token, with the identity-gain reference at 1. */
import type { Measurement } from '../runtime/results';
import { GAIN_DEFINITIONS } from '../analysis/definitions';
import { residPost, residPre } from '../model/hooks';
import { blockGainsCaption } from './captions';
import { tokenLabel } from './format';
import { baseLayout, COLORS } from './theme';
import type { FigureSpec } from './types';

/** `t` defaults to the last token. */
export function blockGainsFigure(m: Measurement, t = m.ids.length - 1): FigureSpec {
  const L = m.nLayers;
  const x = Array.from({ length: L }, (_, i) => i);
  const y = m.gainsPerToken[t].G_block;
  const def = GAIN_DEFINITIONS.G_block;
  return {
    data: [
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: `${def.label} = ${def.formula}`,
        x,
        y,
        customdata: x.map((i) => `||${residPost(i)}|| / ||${residPre(i)}||`),
        hovertemplate: 'G_block(%{x}) = %{y:.6g}<br>%{customdata}<extra></extra>',
        marker: { size: 9, color: COLORS.gain },
        line: { width: 2, color: COLORS.gain },
      },
    ],
    layout: {
      ...baseLayout(),
      title: { text: `${def.label} per block, ${tokenLabel(t, m.tokens[t])}`, font: { size: 13 } },
      xaxis: { title: { text: 'block i' }, tickmode: 'linear', dtick: 1, zeroline: false },
      yaxis: { title: { text: def.label }, automargin: true },
      shapes: [{ type: 'line', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: 1, y1: 1, line: { color: COLORS.reference, width: 1, dash: 'dash' } }],
      annotations: [{ xref: 'paper', yref: 'y', x: 1, y: 1, text: 'gain 1', showarrow: false, xanchor: 'right', yanchor: 'bottom', font: { size: 10, color: COLORS.reference } }],
      showlegend: false,
    },
    caption: blockGainsCaption(t, m.ids.length, m.tokens[t], L),
    filename: 'block-gains',
  };
}
