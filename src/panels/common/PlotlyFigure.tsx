/**
 * Renders a FigureSpec with Plotly into a div carrying the test id (so tests read el.data).
 * Plotly is a large bundle, so it is loaded on first use.
 */
import { useEffect, useRef } from 'react';
import type { FigureSpec } from '../../plots/types';
import { plotConfig } from '../../plots/theme';
import { showError } from '../../state/actions';

type Plotly = typeof import('plotly.js-dist-min').default;
let plotly: Promise<Plotly> | null = null;
const loadPlotly = (): Promise<Plotly> => (plotly ??= import('plotly.js-dist-min').then((m) => m.default));

export function PlotlyFigure({ figure, testId }: { figure: FigureSpec; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let live = true;
    loadPlotly()
      .then((P) => (live ? P.react(el, figure.data, figure.layout, plotConfig(figure.filename)) : undefined))
      .catch((e: unknown) => showError(e));
    return () => {
      live = false;
    };
  }, [figure]);

  useEffect(() => {
    const el = ref.current;
    return () => {
      if (el) void loadPlotly().then((P) => P.purge(el));
    };
  }, []);

  return (
    <figure className="figure">
      <div ref={ref} className="plot" data-testid={testId} />
      <figcaption>{figure.caption}</figcaption>
    </figure>
  );
}
