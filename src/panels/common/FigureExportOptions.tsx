/** The export choices shared by every figure's menu and "Export all figures": size preset, PNG DPI, paper theme. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { exportOptions, type ExportOptions } from '../../plots/export/options';
import { SIZE_PRESETS, validDpi, type SizePreset } from '../../plots/export/sizes';

export function useExportOptions(): ExportOptions {
  return useSyncExternalStore(exportOptions.subscribe, exportOptions.get);
}

/** `prefix` names the test ids: `${prefix}-size`, `-dpi`, `-paper`, `-grid`, `-title`. */
export function ExportOptionsFields({ prefix }: { prefix: string }) {
  const o = useExportOptions();
  // The DPI is typed freely; only a valid whole number reaches the shared options.
  const [dpiText, setDpiText] = useState(String(o.dpi));
  useEffect(() => setDpiText((t) => (Number(t) === o.dpi ? t : String(o.dpi))), [o.dpi]);
  const dpiOk = validDpi(Number(dpiText));
  return (
    <div className="export-fields">
      <label>
        size{' '}
        <select data-testid={`${prefix}-size`} value={o.preset} onChange={(e) => exportOptions.set({ preset: e.target.value as SizePreset })}>
          {(Object.keys(SIZE_PRESETS) as SizePreset[]).map((k) => (
            <option key={k} value={k}>
              {SIZE_PRESETS[k].label}
            </option>
          ))}
        </select>
      </label>
      <label title="PNG resolution in dots per inch; SVG and PDF are vector">
        PNG dpi{' '}
        <input
          data-testid={`${prefix}-dpi`}
          type="number"
          min={36}
          max={2400}
          step={1}
          value={dpiText}
          aria-invalid={!dpiOk}
          onChange={(e) => {
            setDpiText(e.target.value);
            if (validDpi(Number(e.target.value))) exportOptions.set({ dpi: Number(e.target.value) });
          }}
        />
      </label>
      {!dpiOk && <span className="export-invalid">whole number 36 to 2400; using {o.dpi}</span>}
      <label title="white background, serif text in points, Okabe-Ito colour-blind-safe palette">
        <input data-testid={`${prefix}-paper`} type="checkbox" checked={o.paper} onChange={(e) => exportOptions.set({ paper: e.target.checked })} /> paper theme
      </label>
      <label>
        <input data-testid={`${prefix}-grid`} type="checkbox" checked={o.gridlines} disabled={!o.paper} onChange={(e) => exportOptions.set({ gridlines: e.target.checked })} /> gridlines
      </label>
      <label title="papers usually carry the title in the caption">
        <input data-testid={`${prefix}-title`} type="checkbox" checked={o.title} disabled={!o.paper} onChange={(e) => exportOptions.set({ title: e.target.checked })} /> keep title
      </label>
    </div>
  );
}
