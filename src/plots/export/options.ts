/**
 * What an export asks for, and the last choice shared by every figure's menu and the
 * "Export all figures" control (a tiny external store for useSyncExternalStore).
 */
import { DEFAULT_DPI, type SizePreset } from './sizes';

export type ExportFormat = 'svg' | 'png' | 'pdf';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['svg', 'png', 'pdf'];

export const MIME: Record<ExportFormat, string> = { svg: 'image/svg+xml', png: 'image/png', pdf: 'application/pdf' };

export interface ExportOptions {
  preset: SizePreset;
  /** PNG resolution; SVG and PDF are vector */
  dpi: number;
  /** apply the paper theme to the exported file */
  paper: boolean;
  /** paper theme: draw gridlines */
  gridlines: boolean;
  /** paper theme: keep the figure's title (otherwise the caption carries it) */
  title: boolean;
}

export const DEFAULT_EXPORT: ExportOptions = { preset: 'single', dpi: DEFAULT_DPI, paper: true, gridlines: false, title: false };

let current: ExportOptions = DEFAULT_EXPORT;
const listeners = new Set<() => void>();

export const exportOptions = {
  get: (): ExportOptions => current,
  set(patch: Partial<ExportOptions>): void {
    current = { ...current, ...patch };
    listeners.forEach((l) => l());
  },
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
