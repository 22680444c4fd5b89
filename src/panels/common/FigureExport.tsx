/**
 * A figure's export menu: SVG, PNG and PDF of the figure at a paper size, optionally in the paper
 * theme; the screen keeps its own look unless "paper theme on screen" is ticked.
 */
import { useState, type RefObject } from 'react';
import type { FigureSpec } from '../../plots/types';
import { EXPORT_FORMATS, type ExportFormat } from '../../plots/export/options';
import { loadPlotly } from '../../plots/export/plotly-loader';
import { exportFigureFormats, screenAspect } from '../../plots/export/render';
import { downloadBytes } from './download';
import { showError } from '../../state/actions';
import { ExportOptionsFields, useExportOptions } from './FigureExportOptions';

interface Props {
  figure: FigureSpec;
  testId: string;
  /** the rendered plot, whose aspect the export keeps */
  plotRef: RefObject<HTMLDivElement | null>;
  paperOnScreen: boolean;
  onPaperOnScreen: (on: boolean) => void;
}

export function FigureExport({ figure, testId, plotRef, paperOnScreen, onPaperOnScreen }: Props) {
  const o = useExportOptions();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const prefix = `${testId}-export`;

  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const [file] = await exportFigureFormats(await loadPlotly(), figure, [format], o, screenAspect(plotRef.current));
      downloadBytes(file.filename, file.bytes, file.mime);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <details className="figure-export" data-testid={prefix}>
      <summary>Export</summary>
      <div className="figure-export-body">
        <div className="button-row">
          {EXPORT_FORMATS.map((f) => (
            <button key={f} type="button" className="btn btn-small" data-testid={`${prefix}-${f}`} disabled={busy !== null} onClick={() => void run(f)}>
              {busy === f ? '…' : f.toUpperCase()}
            </button>
          ))}
        </div>
        <ExportOptionsFields prefix={prefix} />
        <label className="export-screen">
          <input data-testid={`${prefix}-screen`} type="checkbox" checked={paperOnScreen} onChange={(e) => onPaperOnScreen(e.target.checked)} /> paper theme on screen
        </label>
      </div>
    </details>
  );
}
