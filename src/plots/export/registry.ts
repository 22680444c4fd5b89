/**
 * Which FigureSpec a rendered figure element shows, so "Export all figures" can collect the figures
 * inside a container without knowing the panel. Weak keys: an unmounted figure drops out.
 */
import type { FigureSpec } from '../types';

/** The attribute PlotlyFigure puts on its <figure>; its value is the figure's test id. */
export const FIGURE_ATTR = 'data-export-figure';

const figures = new WeakMap<object, FigureSpec>();

export function registerFigure(el: object, fig: FigureSpec): void {
  figures.set(el, fig);
}

export function registeredFigure(el: object): FigureSpec | undefined {
  return figures.get(el);
}
