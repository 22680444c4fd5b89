import { describe, expect, it } from 'vitest';
import type { FigureSpec } from '../types';
import { baseLayout, COLORS } from '../theme';
import { OKABE_ITO, PAPER_PT, SERIF_STACK, isNeutral, paperTheme } from './paper-theme';
import { ptToPx } from './sizes';

/** A figure with two models (line + dashed curve in one colour each), a colourless trace, a reference line and a heatmap. */
function spec(): FigureSpec {
  return {
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'a', x: [0, 1, 2], y: [1, 2, 3], marker: { size: 9, color: COLORS.resid, line: { width: 1, color: '#ffffff' } }, line: { width: 2, color: COLORS.resid }, error_y: { type: 'data', array: [0.1, 0.1, 0.1], visible: true, color: COLORS.resid } },
      { type: 'scatter', mode: 'lines', name: 'a fit', x: [0, 2], y: [1, 3], line: { width: 1.5, color: COLORS.resid, dash: 'dash' } },
      { type: 'scatter', mode: 'markers', name: 'b', x: [0], y: [2], marker: { size: 12, color: COLORS.finalNorm } },
      { type: 'bar', name: 'c', x: ['x'], y: [4] },
      { type: 'scatter', mode: 'markers', name: 'ref', x: [1], y: [1], marker: { size: 5, color: '#444444' } },
      { type: 'heatmap', name: 'h', z: [[1, 2], [3, 4]], colorscale: 'RdBu', colorbar: { title: { text: 'g' }, thickness: 14 } },
    ],
    layout: {
      ...baseLayout(),
      title: { text: 'T', font: { size: 13 } },
      xaxis: { title: { text: 'x' }, tickfont: { family: 'ui-monospace, Menlo, monospace', size: 10 } },
      yaxis: { title: { text: 'y' } },
      shapes: [{ type: 'line', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: 1, y1: 1, line: { color: COLORS.reference, width: 1, dash: 'dash' } }],
      annotations: [{ xref: 'paper', yref: 'y', x: 1, y: 1, text: 'gain 1', showarrow: false, font: { size: 10, color: COLORS.reference } }],
      legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
      showlegend: true,
    },
    caption: 'cap',
    filename: 'f',
  };
}

/** Every colour string anywhere in a value. */
function colours(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string' && /^#[0-9a-f]{3,6}$/i.test(v)) out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => colours(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => colours(x, out));
  return out;
}

describe('paperTheme', () => {
  it('leaves the input figure and the plotted numbers untouched', () => {
    const f = spec();
    const before = JSON.stringify(f);
    const p = paperTheme(f);
    expect(JSON.stringify(f)).toBe(before);
    expect(p.data.map((d) => [d.x, d.y, d.z, d.type, d.mode, d.name])).toEqual(f.data.map((d) => [d.x, d.y, d.z, d.type, d.mode, d.name]));
    expect(p.caption).toBe(f.caption);
  });

  it('uses only Okabe-Ito for chromatic colours, keeps one colour per model and greys as they are', () => {
    const p = paperTheme(spec());
    for (const c of colours(p.data)) expect(isNeutral(c) || (OKABE_ITO as readonly string[]).includes(c)).toBe(true);
    const [a, aFit, b, c, ref] = p.data;
    expect(a.marker?.color).toBe(OKABE_ITO[0]);
    expect(a.line?.color).toBe(OKABE_ITO[0]);
    expect(a.error_y?.color).toBe(OKABE_ITO[0]);
    expect(aFit.line?.color).toBe(OKABE_ITO[0]);
    expect(b.marker?.color).toBe(OKABE_ITO[1]);
    expect(c.marker?.color).toBe(OKABE_ITO[2]);
    expect(ref.marker?.color).toBe('#444444');
    expect(a.marker?.line?.color).toBe('#ffffff');
    expect(p.layout.shapes?.[0].line.color).toBe(COLORS.reference);
    expect(p.data[5].colorscale).toBe('RdBu');
  });

  it('white background, serif text in points, black axis lines, no title by default', () => {
    const p = paperTheme(spec());
    expect(p.layout.paper_bgcolor).toBe('#ffffff');
    expect(p.layout.plot_bgcolor).toBe('#ffffff');
    expect(p.layout.font).toEqual({ family: SERIF_STACK, size: ptToPx(PAPER_PT.base), color: '#000000' });
    expect(SERIF_STACK.endsWith('serif')).toBe(true);
    expect(p.layout.xaxis?.tickfont?.family).toMatch(/monospace$/);
    expect(p.layout.yaxis?.tickfont?.family).toBe(SERIF_STACK);
    expect(p.layout.yaxis?.tickfont?.size).toBeCloseTo(ptToPx(7), 12);
    expect(p.layout.yaxis?.title).toEqual({ text: 'y', font: { size: ptToPx(8) } });
    expect(p.layout.legend?.font?.size).toBeCloseTo(ptToPx(7), 12);
    expect(p.layout.annotations?.[0].font?.size).toBeCloseTo(ptToPx(7), 12);
    expect(p.layout.title).toBeUndefined();
    expect(paperTheme(spec(), { gridlines: false, title: true }).layout.title?.text).toBe('T');
    expect((p.layout.xaxis as Record<string, unknown>).showline).toBe(true);
  });

  it('gridlines (and zero lines) are an option and never appear on an axis that had none', () => {
    const off = paperTheme(spec());
    expect([off.layout.xaxis?.showgrid, off.layout.yaxis?.showgrid]).toEqual([false, false]);
    expect([off.layout.xaxis?.zeroline, off.layout.yaxis?.zeroline]).toEqual([false, false]);
    const f = spec();
    f.layout.xaxis = { ...f.layout.xaxis, showgrid: false };
    const on = paperTheme(f, { gridlines: true, title: false });
    expect([on.layout.xaxis?.showgrid, on.layout.yaxis?.showgrid]).toEqual([false, true]);
  });

  it('shrinks markers and lines for a column, never below a visible size', () => {
    const p = paperTheme(spec());
    expect(p.data[0].marker?.size).toBe(6);
    expect(p.data[4].marker?.size).toBe(3);
    expect(p.data[0].line?.width).toBe(1.5);
    expect(p.data[1].line?.width).toBeGreaterThanOrEqual(0.75);
  });

  it('more models than palette entries cycle through it', () => {
    const f = spec();
    f.data = Array.from({ length: 10 }, (_, i) => ({ type: 'scatter' as const, x: [i], y: [i], marker: { color: `#${(i * 23 + 16).toString(16).padStart(2, '0')}2080` } }));
    const got = paperTheme(f).data.map((d) => d.marker?.color);
    expect(got.slice(0, 8)).toEqual([...OKABE_ITO]);
    expect(got.slice(8)).toEqual(OKABE_ITO.slice(0, 2));
  });
});
