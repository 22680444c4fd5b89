/** Figure (c): token x block heatmap of G_block(i), rows = token positions with their pieces. */
import type { Measurement } from '../runtime/results';
import { GAIN_DEFINITIONS } from '../analysis/definitions';
import { heatmapCaption } from './captions';
import { tokenLabel } from './format';
import { baseLayout } from './theme';
import type { FigureSpec } from './types';

export function blockGainHeatmap(m: Measurement): FigureSpec {
  const L = m.nLayers;
  const S = m.ids.length;
  const x = Array.from({ length: L }, (_, i) => i);
  const y = Array.from({ length: S }, (_, t) => t);
  // blockGains is [L][pos]; a heatmap's z is [row = y][column = x].
  const z = y.map((t) => x.map((i) => m.blockGains[i][t]));
  const labels = y.map((t) => tokenLabel(t, m.tokens[t]));
  const def = GAIN_DEFINITIONS.G_block;
  const base = baseLayout();
  return {
    data: [
      {
        type: 'heatmap',
        name: def.label,
        x,
        y,
        z,
        customdata: y.map((t) => x.map(() => labels[t])),
        hovertemplate: 'token %{customdata}<br>block %{x}<br>G_block = %{z:.6g}<extra></extra>',
        // Plotly's 'RdBu' runs blue (low) to red (high): red = the block amplifies the stream.
        colorscale: 'RdBu',
        zmid: 1,
        xgap: 1,
        ygap: 1,
        colorbar: { title: { text: def.label }, thickness: 14 },
      },
    ],
    layout: {
      ...base,
      height: Math.max(260, Math.min(900, 90 + 22 * S)),
      margin: { ...base.margin, l: 120 },
      title: { text: `${def.label} per token and block`, font: { size: 13 } },
      xaxis: { title: { text: 'block i' }, tickmode: 'linear', dtick: 1, showgrid: false },
      yaxis: {
        title: { text: 'token position' },
        // Past ~60 rows the labels would overlap: fall back to numeric ticks (pieces stay in the hover).
        ...(S <= 60 ? { tickmode: 'array' as const, tickvals: y, ticktext: labels } : { tickmode: 'auto' as const }),
        autorange: 'reversed',
        automargin: true,
        showgrid: false,
        tickfont: { family: 'ui-monospace, SFMono-Regular, Menlo, monospace', size: 11 },
      },
    },
    caption: heatmapCaption(S, L),
    filename: 'block-gain-heatmap',
  };
}
