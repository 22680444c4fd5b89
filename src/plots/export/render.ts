/**
 * Browser side of figure export: Plotly lays the figure out at the export size and writes SVG,
 * which is then finished (finishSvg), rasterised to an exact inches x DPI canvas (PNG + pHYs) or
 * drawn into a one-page PDF. Every format starts from the same SVG, so all three show the same figure.
 */
import type { FigureSpec } from '../types';
import { exportFigureSpec, exportFileName } from './export-spec';
import { MIME, type ExportFormat, type ExportOptions } from './options';
import { svgToPdf } from './pdf';
import type { Plotly } from './plotly-loader';
import { setPngDpi } from './png';
import { exportSize, type ExportSize } from './sizes';
import { finishSvg } from './svg';

export interface ExportedFile {
  format: ExportFormat;
  filename: string;
  mime: string;
  bytes: Uint8Array;
  size: ExportSize;
}

/** The finished SVG text of `fig` at the options' size; `aspect` = height / width of the figure on screen. */
export async function figureSvg(P: Plotly, fig: FigureSpec, o: ExportOptions, aspect: number): Promise<{ svg: string; size: ExportSize }> {
  const size = exportSize(o.preset, aspect, o.dpi);
  const spec = exportFigureSpec(fig, o, size);
  const raw = await P.toImage({ ...spec, config: { displayModeBar: false } }, { format: 'svg', width: size.widthPx, height: size.heightPx, imageDataOnly: true });
  return { svg: finishSvg(raw, size, { title: fig.filename, desc: fig.caption }), size };
}

/** PNG bytes of an SVG drawn onto a canvas of exactly size.pixelWidth x size.pixelHeight, with pHYs = dpi. */
export async function svgToPng(svg: string, size: ExportSize): Promise<Uint8Array> {
  const img = new Image();
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = size.pixelWidth;
  canvas.height = size.pixelHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('PNG export: no 2D canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  // The browser re-renders the vector image at the destination size, so text and lines stay sharp.
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob>((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('PNG export: canvas.toBlob gave nothing'))), 'image/png'));
  return setPngDpi(new Uint8Array(await blob.arrayBuffer()), size.dpi);
}

/** One figure in several formats, all from one SVG layout. */
export async function exportFigureFormats(P: Plotly, fig: FigureSpec, formats: readonly ExportFormat[], o: ExportOptions, aspect: number): Promise<ExportedFile[]> {
  const { svg, size } = await figureSvg(P, fig, o, aspect);
  const out: ExportedFile[] = [];
  for (const format of formats) {
    const bytes =
      format === 'svg'
        ? new TextEncoder().encode(svg)
        : format === 'png'
          ? await svgToPng(svg, size)
          : await svgToPdf(svg, size, { title: fig.filename, subject: fig.caption });
    out.push({ filename: exportFileName(fig, format), mime: MIME[format], bytes, size, format });
  }
  return out;
}

/** Height / width of a rendered figure element (the aspect the export keeps, within the preset's range). */
export function screenAspect(el: Element | null): number {
  const r = el?.getBoundingClientRect();
  return r && r.width > 0 ? r.height / r.width : Number.NaN;
}
