/**
 * The subset of Plotly's figure schema the lab's builders produce. Builders are pure
 * (data in, this plain spec out), so they run in tests and exports without a DOM.
 */
export type Axis = {
  title?: { text: string };
  tickmode?: 'array' | 'auto' | 'linear';
  tickvals?: number[];
  ticktext?: string[];
  tickangle?: number;
  autorange?: boolean | 'reversed';
  automargin?: boolean;
  zeroline?: boolean;
  range?: [number, number];
  rangemode?: 'tozero' | 'normal';
  dtick?: number;
  type?: 'linear' | 'log' | 'category';
  showgrid?: boolean;
  tickfont?: { family?: string; size?: number };
};

type TextPosition = 'top center' | 'bottom center' | 'top right' | 'top left' | 'outside' | 'auto';

export type PlotData = {
  type: 'scatter' | 'heatmap' | 'box' | 'bar';
  name?: string;
  mode?: 'lines' | 'markers' | 'lines+markers' | 'markers+text';
  x?: number[] | string[];
  y?: number[];
  z?: number[][];
  text?: string[] | string[][];
  customdata?: string[] | string[][];
  hovertemplate?: string;
  marker?: { size?: number; symbol?: string; color?: string; line?: { width: number; color: string } };
  line?: { width?: number; color?: string; dash?: string };
  colorscale?: string | [number, string][];
  reversescale?: boolean;
  zmid?: number;
  colorbar?: { title?: { text: string }; thickness?: number };
  xgap?: number;
  ygap?: number;
  showlegend?: boolean;
  /** error bars (std) of scatter and bar traces */
  error_y?: { type: 'data'; array: number[]; visible: boolean; thickness?: number; width?: number; color?: string };
  /** box traces: show every point beside the box, the mean as a dashed line */
  boxpoints?: 'all' | 'outliers' | false;
  boxmean?: boolean | 'sd';
  jitter?: number;
  pointpos?: number;
  offsetgroup?: string;
  legendgroup?: string;
  textposition?: TextPosition | TextPosition[];
  opacity?: number;
  hoverinfo?: 'skip' | 'none';
};

export type Shape = {
  type: 'line';
  xref: 'paper' | 'x';
  yref: 'paper' | 'y';
  x0: number | string;
  x1: number | string;
  y0: number;
  y1: number;
  line: { color: string; width: number; dash?: string };
};

export type Annotation = {
  xref: 'paper' | 'x';
  yref: 'paper' | 'y';
  x: number;
  y: number;
  text: string;
  showarrow: boolean;
  xanchor?: 'left' | 'right' | 'center';
  yanchor?: 'top' | 'bottom' | 'middle';
  font?: { size?: number; color?: string };
};

export type PlotLayout = {
  title?: { text: string; font?: { size?: number }; y?: number; yref?: 'container' | 'paper' };
  xaxis?: Axis;
  yaxis?: Axis;
  shapes?: Shape[];
  annotations?: Annotation[];
  margin?: { l?: number; r?: number; t?: number; b?: number };
  height?: number;
  showlegend?: boolean;
  legend?: {
    orientation?: 'h' | 'v';
    x?: number;
    y?: number;
    xanchor?: 'left' | 'right' | 'center';
    yanchor?: 'top' | 'bottom';
    font?: { size?: number };
  };
  font?: { family?: string; size?: number; color?: string };
  paper_bgcolor?: string;
  plot_bgcolor?: string;
  hovermode?: 'closest' | 'x' | false;
  /** box / bar traces of several models side by side per category */
  boxmode?: 'group' | 'overlay';
  barmode?: 'group' | 'overlay';
};

export type PlotConfig = {
  responsive?: boolean;
  displaylogo?: boolean;
  displayModeBar?: boolean;
  toImageButtonOptions?: { format: 'png' | 'svg'; filename: string; scale?: number };
};

/** A complete figure: what a builder returns and what the panel hands to Plotly. */
export interface FigureSpec {
  data: PlotData[];
  layout: PlotLayout;
  /** caption under the figure: the definition and the token position it shows */
  caption: string;
  /** file name stem for the figure's image export */
  filename: string;
}
