/** Shared look of every figure: quiet axes, a serif-free font, room for long hook names. */
import type { PlotConfig, PlotLayout } from './types';

export const COLORS = {
  resid: '#1f5f99',
  finalNorm: '#c2571a',
  gain: '#2b7a4b',
  reference: '#888888',
};

export function baseLayout(): PlotLayout {
  return {
    font: { family: 'Inter, system-ui, -apple-system, "Segoe UI", sans-serif', size: 12, color: '#222' },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#fbfbfc',
    margin: { l: 64, r: 24, t: 36, b: 48 },
    height: 340,
    hovermode: 'closest',
  };
}

export function plotConfig(filename: string): PlotConfig {
  return {
    responsive: true,
    displaylogo: false,
    toImageButtonOptions: { format: 'svg', filename, scale: 1 },
  };
}
