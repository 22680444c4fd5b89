/** Figure (a): residual-stream norm at every block boundary for one token, plus the final-norm output. */
import type { Measurement } from '../runtime/results';
import { hookFinalNorm } from '../model/hooks';
import { normsCaption } from './captions';
import { tokenLabel } from './format';
import { baseLayout, COLORS } from './theme';
import type { FigureSpec } from './types';

/** Which HF hidden_states entry a boundary is, in words (the last boundary has none). */
function hfName(i: number, nLayers: number): string {
  return i < nLayers ? `HF hidden_states[${i}]` : "not in HF's tuple (input of the final norm)";
}

/** `t` defaults to the last token. */
export function normsFigure(m: Measurement, t = m.ids.length - 1): FigureSpec {
  const L = m.nLayers;
  const S = m.ids.length;
  const x = m.boundaryHooks.map((_, i) => i);
  const y = m.boundaryHooks.map((h) => m.norms[h][t]);
  const finalX = L + 1;
  const layout = baseLayout();
  // Few boundaries: hook names on two horizontal lines; many: one vertical line each (no overlap).
  const compact = L <= 8;
  const tick = (h: string) => (compact ? h.replace(/\.(hook_)/, '.<br>$1') : h);
  return {
    data: [
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: 'residual stream ||resid|| (boundaries 0..L)',
        x,
        y,
        customdata: m.boundaryHooks.map((h, i) => `${h}<br>${hfName(i, L)}`),
        hovertemplate: 'boundary %{x}: %{customdata}<br>||h|| = %{y:.6g}<extra></extra>',
        marker: { size: 8, color: COLORS.resid },
        line: { width: 2, color: COLORS.resid },
      },
      {
        type: 'scatter',
        mode: 'markers',
        name: `${hookFinalNorm} (final-norm output = HF hidden_states[${L}])`,
        x: [finalX],
        y: [m.norms[hookFinalNorm][t]],
        hovertemplate: `${hookFinalNorm}<br>HF hidden_states[${L}]<br>||h|| = %{y:.6g}<extra></extra>`,
        marker: { size: 12, symbol: 'diamond', color: COLORS.finalNorm, line: { width: 1, color: '#fff' } },
      },
    ],
    layout: {
      ...layout,
      margin: { ...layout.margin, t: 96, b: compact ? 64 : 200 },
      height: compact ? 380 : 520,
      title: { text: `Residual norm per boundary, ${tokenLabel(t, m.tokens[t])}`, font: { size: 13 }, y: 0.97, yref: 'container' },
      xaxis: {
        title: { text: 'boundary (hook)' },
        tickmode: 'array',
        tickvals: [...x, finalX],
        ticktext: [...m.boundaryHooks.map(tick), tick(hookFinalNorm)],
        ...(compact ? {} : { tickangle: -90 }),
        range: [-0.5, finalX + 0.5],
        zeroline: false,
        automargin: true,
        tickfont: { family: 'ui-monospace, SFMono-Regular, Menlo, monospace', size: 10 },
      },
      yaxis: { title: { text: '||h|| (L2, float32)' }, rangemode: 'tozero', automargin: true },
      legend: { orientation: 'h', x: 0, y: 1.02, xanchor: 'left', yanchor: 'bottom', font: { size: 11 } },
      showlegend: true,
    },
    caption: normsCaption(t, S, m.tokens[t], L),
    filename: 'residual-norms',
  };
}
