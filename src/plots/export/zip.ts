/** "Export all figures": one zip of every figure in the chosen formats, with a manifest.json describing each file. */
import type { ExportOptions, ExportFormat } from './options';
import type { ExportSize } from './sizes';

export const FIGURES_ZIP_FORMAT = 'residual-lab/figures@1';

export interface ZipFigureFile {
  format: ExportFormat;
  bytes: Uint8Array;
}

export interface ZipFigure {
  /** the figure's test id / element id on the page */
  id: string;
  /** file name stem (FigureSpec.filename) */
  stem: string;
  caption: string;
  size: ExportSize;
  files: ZipFigureFile[];
}

export interface FiguresManifest {
  format: typeof FIGURES_ZIP_FORMAT;
  app: string;
  created: string;
  options: ExportOptions;
  files: {
    file: string;
    figure: string;
    format: ExportFormat;
    caption: string;
    /** physical size; pixels only for PNG */
    size: { widthIn: number; heightIn: number; widthPt: number; heightPt: number; pixelWidth?: number; pixelHeight?: number; dpi?: number };
  }[];
}

/** Unique file stems: a second figure with the same stem gets -2, -3, ... */
export function uniqueStems(stems: string[]): string[] {
  const seen = new Map<string, number>();
  return stems.map((s) => {
    const clean = s.replace(/[^\w.-]+/g, '_') || 'figure';
    const n = (seen.get(clean) ?? 0) + 1;
    seen.set(clean, n);
    return n === 1 ? clean : `${clean}-${n}`;
  });
}

export function figuresManifest(figs: ZipFigure[], options: ExportOptions, app: string, created: Date): FiguresManifest {
  const stems = uniqueStems(figs.map((f) => f.stem));
  return {
    format: FIGURES_ZIP_FORMAT,
    app,
    created: created.toISOString(),
    options,
    files: figs.flatMap((f, i) =>
      f.files.map((file) => ({
        file: `${stems[i]}.${file.format}`,
        figure: f.id,
        format: file.format,
        caption: f.caption,
        size: {
          widthIn: f.size.widthIn,
          heightIn: f.size.heightIn,
          widthPt: f.size.widthPt,
          heightPt: f.size.heightPt,
          ...(file.format === 'png' ? { pixelWidth: f.size.pixelWidth, pixelHeight: f.size.pixelHeight, dpi: f.size.dpi } : {}),
        },
      })),
    ),
  };
}

/** The zip bytes: manifest.json plus one file per figure and format, in manifest order. */
export async function figuresZip(figs: ZipFigure[], options: ExportOptions, app: string, created = new Date()): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  const manifest = figuresManifest(figs, options, app, created);
  zip.file('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  const bytes = figs.flatMap((f) => f.files.map((x) => x.bytes));
  manifest.files.forEach((m, i) => zip.file(m.file, bytes[i], { date: created }));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
