import { describe, expect, it } from 'vitest';
import type { FigureSpec } from '../types';
import { baseLayout } from '../theme';
import { exportFigureSpec, exportFileName } from './export-spec';
import { SERIF_STACK } from './paper-theme';
import { exportSize } from './sizes';

const fig: FigureSpec = {
  data: [{ type: 'scatter', x: [0, 1], y: [2, 3], marker: { color: '#1f5f99', size: 8 } }],
  layout: { ...baseLayout(), title: { text: 'T' } },
  caption: 'c',
  filename: 'block-gains',
};

describe('exportFigureSpec', () => {
  const size = exportSize('double', 0.7);
  it('fixes the layout to the export size in CSS px, paper theme on request only', () => {
    const paper = exportFigureSpec(fig, { paper: true, gridlines: false, title: false }, size);
    expect(paper.layout).toMatchObject({ width: 672, height: size.heightPx, autosize: false });
    expect(paper.layout.font?.family).toBe(SERIF_STACK);
    const screen = exportFigureSpec(fig, { paper: false, gridlines: false, title: false }, size);
    expect(screen.layout.font).toEqual(fig.layout.font);
    expect(screen.layout.title?.text).toBe('T');
    expect(screen.data).toBe(fig.data);
    expect(fig.layout).not.toHaveProperty('width');
  });
  it('names files by the figure stem', () => {
    expect(exportFileName(fig, 'svg')).toBe('block-gains.svg');
  });
});
