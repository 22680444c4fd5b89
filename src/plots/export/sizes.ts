/**
 * Paper sizes of an exported figure. Plotly lays the figure out in CSS pixels (96 per inch), so a
 * 3.5 in figure is laid out 336 px wide and font sizes given in points stay points on paper; PNG
 * pixels and PDF points are derived from the same inches.
 */

/** CSS pixels per inch (the SVG and Plotly layout unit). */
export const CSS_PX_PER_IN = 96;
/** PDF points per inch. */
export const PT_PER_IN = 72;
export const DEFAULT_DPI = 300;

export type SizePreset = 'single' | 'double';

/**
 * `aspect`: the height / width range an export keeps. A figure on screen is often far wider than
 * tall; at 3.5 in its tick labels, legend and titles (in points) would then leave no room for the
 * plot, while a 7 in figure is usually wide and short.
 */
export const SIZE_PRESETS: Record<SizePreset, { label: string; widthIn: number; aspect: readonly [number, number] }> = {
  single: { label: 'single column, 3.5 in', widthIn: 3.5, aspect: [0.75, 1.2] },
  double: { label: 'double column, 7 in', widthIn: 7, aspect: [0.45, 1.0] },
};

/** Every size an export needs, in each unit it is written in. */
export interface ExportSize {
  widthIn: number;
  heightIn: number;
  /** height / width actually used (the requested one clamped to the preset's range) */
  aspect: number;
  /** Plotly layout and SVG user units (CSS px); heightPx is rounded to a whole pixel and heightIn follows it */
  widthPx: number;
  heightPx: number;
  /** PNG pixel size: inches x dpi, rounded to whole pixels */
  pixelWidth: number;
  pixelHeight: number;
  dpi: number;
  /** PDF page size in points */
  widthPt: number;
  heightPt: number;
}

/** `a` within the preset's range; a missing aspect (figure not on screen) takes the range's low end. */
export function clampAspect(preset: SizePreset, a: number): number {
  const [lo, hi] = SIZE_PRESETS[preset].aspect;
  return Number.isFinite(a) && a > 0 ? Math.min(hi, Math.max(lo, a)) : lo;
}

/** A DPI is a positive whole number (PNG's pHYs stores pixels per metre as an integer). */
export function validDpi(dpi: number): boolean {
  return Number.isInteger(dpi) && dpi >= 36 && dpi <= 2400;
}

export function exportSize(preset: SizePreset, aspect: number, dpi = DEFAULT_DPI): ExportSize {
  if (!validDpi(dpi)) throw new Error(`DPI must be a whole number from 36 to 2400, got ${dpi}`);
  const widthIn = SIZE_PRESETS[preset].widthIn;
  const a = clampAspect(preset, aspect);
  const widthPx = widthIn * CSS_PX_PER_IN;
  const heightPx = Math.round(widthPx * a);
  const heightIn = heightPx / CSS_PX_PER_IN;
  return {
    widthIn,
    heightIn,
    aspect: heightPx / widthPx,
    widthPx,
    heightPx,
    pixelWidth: Math.round(widthIn * dpi),
    pixelHeight: Math.round(heightIn * dpi),
    dpi,
    widthPt: widthIn * PT_PER_IN,
    heightPt: heightIn * PT_PER_IN,
  };
}

/** Points to CSS pixels: Plotly font sizes are pixels, papers speak points. */
export const ptToPx = (pt: number): number => (pt * CSS_PX_PER_IN) / PT_PER_IN;
