/**
 * The lazily loaded Plotly bundle, shared by the on-screen figures and the exporters, with the one
 * call the exporters add to the lab's Plotly typings (toImage on a figure object).
 */
import type { SizedFigure } from './export-spec';

type PlotlyModule = typeof import('plotly.js-dist-min').default;

export interface PlotlyToImage {
  toImage(figure: SizedFigure & { config?: { displayModeBar?: boolean } }, opts: { format: 'svg'; width: number; height: number; imageDataOnly: true }): Promise<string>;
}

export type Plotly = PlotlyModule & PlotlyToImage;

let plotly: Promise<Plotly> | null = null;

/** The bundle has toImage; the checked-in typings list only what the screen uses, hence the widening cast. A failed load (network) is retried on the next call. */
export const loadPlotly = (): Promise<Plotly> =>
  (plotly ??= import('plotly.js-dist-min').then(
    (m) => m.default as Plotly,
    (e: unknown) => {
      plotly = null;
      throw e;
    },
  ));
