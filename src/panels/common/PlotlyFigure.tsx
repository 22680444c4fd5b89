/**
 * Renders a FigureSpec with Plotly into a div carrying the test id (so tests read el.data), with the
 * figure's export menu; the <figure> is registered so "Export all figures" can find it.
 * Plotly is a large bundle, so it is loaded on first use.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FigureSpec } from '../../plots/types';
import { plotConfig } from '../../plots/theme';
import { loadPlotly } from '../../plots/export/plotly-loader';
import { paperTheme } from '../../plots/export/paper-theme';
import { FIGURE_ATTR, registerFigure } from '../../plots/export/registry';
import { showError } from '../../state/actions';
import { FigureExport } from './FigureExport';
import { useExportOptions } from './FigureExportOptions';

export function PlotlyFigure({ figure, testId }: { figure: FigureSpec; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const figRef = useRef<HTMLElement>(null);
  const [paperOnScreen, setPaperOnScreen] = useState(false);
  const { gridlines } = useExportOptions();
  // The paper look reaches the screen only when asked for; the title stays there for orientation.
  const shown = useMemo(() => (paperOnScreen ? paperTheme(figure, { gridlines, title: true }) : figure), [figure, paperOnScreen, gridlines]);

  useEffect(() => {
    if (figRef.current) registerFigure(figRef.current, figure);
  }, [figure]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let live = true;
    loadPlotly()
      .then((P) => (live ? P.react(el, shown.data, shown.layout, plotConfig(figure.filename)) : undefined))
      .catch((e: unknown) => showError(e));
    return () => {
      live = false;
    };
  }, [shown, figure.filename]);

  useEffect(() => {
    const el = ref.current;
    return () => {
      if (el) void loadPlotly().then((P) => P.purge(el));
    };
  }, []);

  return (
    <figure className="figure" ref={figRef} {...{ [FIGURE_ATTR]: testId }}>
      <FigureExport figure={figure} testId={testId} plotRef={ref} paperOnScreen={paperOnScreen} onPaperOnScreen={setPaperOnScreen} />
      <div ref={ref} className="plot" data-testid={testId} />
      <figcaption>{figure.caption}</figcaption>
    </figure>
  );
}
