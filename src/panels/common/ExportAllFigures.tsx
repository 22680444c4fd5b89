/**
 * "Export all figures": every figure rendered inside this control's parent element (PlotlyFigure
 * marks them) in the chosen formats, as one zip with a manifest.json. Drop it into a panel's figure container.
 */
import { useRef, useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../plots/export/options';
import { loadPlotly } from '../../plots/export/plotly-loader';
import { FIGURE_ATTR, registeredFigure } from '../../plots/export/registry';
import { exportFigureFormats, screenAspect } from '../../plots/export/render';
import { downloadBytes } from './download';
import { figuresZip, type ZipFigure } from '../../plots/export/zip';
import { SIZE_PRESETS } from '../../plots/export/sizes';
import { showError } from '../../state/actions';
import { ExportOptionsFields, useExportOptions } from './FigureExportOptions';

export function ExportAllFigures({ testId = 'export-all-figures', name = 'figures' }: { testId?: string; name?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const o = useExportOptions();
  const [formats, setFormats] = useState<Record<ExportFormat, boolean>>({ svg: true, png: true, pdf: true });
  const [progress, setProgress] = useState<string | null>(null);
  const chosen = EXPORT_FORMATS.filter((f) => formats[f]);

  const run = async () => {
    const container = ref.current?.parentElement;
    if (!container) return;
    setProgress('…');
    try {
      const els = [...container.querySelectorAll(`[${FIGURE_ATTR}]`)];
      const P = await loadPlotly();
      const figs: ZipFigure[] = [];
      for (const [i, el] of els.entries()) {
        const fig = registeredFigure(el);
        if (!fig) continue;
        setProgress(`${i + 1}/${els.length}`);
        const files = await exportFigureFormats(P, fig, chosen, o, screenAspect(el.querySelector('.plot')));
        figs.push({ id: el.getAttribute(FIGURE_ATTR) ?? fig.filename, stem: fig.filename, caption: fig.caption, size: files[0].size, files });
      }
      if (!figs.length) throw new Error('Export all figures: no figure is shown here yet');
      downloadBytes(`${name}.zip`, await figuresZip(figs, o, __APP_VERSION__), 'application/zip');
    } catch (e) {
      showError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div ref={ref} className="export-all" data-testid={testId}>
      <button type="button" className="btn btn-small" data-testid={`${testId}-button`} disabled={progress !== null || chosen.length === 0} onClick={() => void run()}>
        {progress === null ? 'Export all figures (zip)' : `Exporting ${progress}`}
      </button>
      {EXPORT_FORMATS.map((f) => (
        <label key={f}>
          <input type="checkbox" data-testid={`${testId}-${f}`} checked={formats[f]} onChange={(e) => setFormats({ ...formats, [f]: e.target.checked })} /> {f.toUpperCase()}
        </label>
      ))}
      <details className="export-all-options">
        <summary>
          {SIZE_PRESETS[o.preset].widthIn} in, {o.dpi} dpi{o.paper ? ', paper theme' : ''}
        </summary>
        <ExportOptionsFields prefix={testId} />
      </details>
    </div>
  );
}
