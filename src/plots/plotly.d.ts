/** Minimal typings for the prebuilt Plotly bundle (it ships none); only what the lab calls. */
declare module 'plotly.js-dist-min' {
  import type { PlotData, PlotLayout, PlotConfig } from './types';

  interface PlotlyStatic {
    react(root: HTMLElement, data: PlotData[], layout?: PlotLayout, config?: PlotConfig): Promise<HTMLElement>;
    purge(root: HTMLElement): void;
    Plots: { resize(root: HTMLElement): void };
  }
  const Plotly: PlotlyStatic;
  export default Plotly;
}
