/**
 * The alpha sweep: run a list of alphas at the selected blocks with the current target and decoding,
 * plot the impact measures and the token difference against alpha, export the figure (PNG, SVG) and
 * the data (JSON, CSV).
 */
import { useMemo } from 'react';
import { useModulator } from '../../state/modulator-store';
import { editSweepAlphas } from '../../state/modulator-actions';
import { cancelSweep, currentManifest, runSweep } from '../../state/modulator-jobs';
import { sweepCsv, sweepDocument } from '../../state/modulator-export';
import { sweepFigure } from '../../plots/modulator/sweep';
import type { SweepMeta, SweepRow } from '../../plots/modulator/types';
import { sig5 } from '../../plots/format';
import { showError } from '../../state/actions';
import { PlotlyFigure } from '../common/PlotlyFigure';
import { downloadJson, downloadText } from '../common/download';
import { exportFigure } from './figure-export';

function SweepResults({ rows, meta, running }: { rows: SweepRow[]; meta: SweepMeta; running: boolean }) {
  const figure = useMemo(() => sweepFigure(rows, meta), [rows, meta]);
  const sorted = useMemo(() => [...rows].sort((a, b) => a.alpha - b.alpha), [rows]);
  const save = (format: 'png' | 'svg') => exportFigure(figure, format).catch((e: unknown) => showError(e));
  return (
    <>
      <PlotlyFigure figure={figure} testId="sweep-figure" />
      <div className="button-row">
        <span className="muted small">export:</span>
        <button type="button" className="btn btn-small" data-testid="sweep-export-png" disabled={running} onClick={() => void save('png')}>
          Figure PNG
        </button>
        <button type="button" className="btn btn-small" data-testid="sweep-export-svg" disabled={running} onClick={() => void save('svg')}>
          Figure SVG
        </button>
        <button type="button" className="btn btn-small" data-testid="sweep-export-json" disabled={running} onClick={() => downloadJson('modulator-sweep.json', sweepDocument(rows, meta, currentManifest()))}>
          Data JSON
        </button>
        <button type="button" className="btn btn-small" data-testid="sweep-export-csv" disabled={running} onClick={() => downloadText('modulator-sweep.csv', sweepCsv(rows), 'text/csv')}>
          Data CSV
        </button>
      </div>
      <div className="table-scroll">
        <table className="kv-table sweep-table" data-testid="sweep-table">
          <thead>
            <tr>
              <th scope="col" className="num">α</th>
              <th scope="col" className="num">logit</th>
              <th scope="col" className="num">differing tokens</th>
              <th scope="col" className="num">cos mean</th>
              <th scope="col" className="num">norm ratio</th>
              <th scope="col" className="num">pairwise shift</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.alpha} data-testid="sweep-row" data-alpha={r.alpha} data-token-differences={r.tokenDifferences} data-cos-mean={r.cosMean}>
                <td className="num">{r.alpha}</td>
                <td className="num">{Number.isFinite(r.logit) ? r.logit.toFixed(5) : '−∞'}</td>
                <td className="num">
                  {r.tokenDifferences} / {r.longest}
                </td>
                <td className="num">{sig5(r.cosMean)}</td>
                <td className="num">{sig5(r.normRatioMean)}</td>
                <td className="num">{Number.isNaN(r.pairwiseShiftMean) ? 'n/a' : sig5(r.pairwiseShiftMean)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function SweepSection() {
  const sw = useModulator((s) => s.sweep);
  const blocks = useModulator((s) => s.blocks);
  return (
    <section className="panel" aria-labelledby="mod-sweep-h">
      <h2 id="mod-sweep-h">Alpha sweep</h2>
      <div className="param-row">
        <div className="field sweep-alphas">
          <label htmlFor="sweep-alphas">alphas</label>
          <input id="sweep-alphas" data-testid="sweep-alphas" type="text" spellCheck={false} value={sw.alphasText} disabled={sw.running} onChange={(e) => editSweepAlphas(e.target.value)} />
        </div>
        <button type="button" className="btn btn-primary" data-testid="sweep-run" disabled={sw.running} onClick={() => void runSweep()}>
          Run sweep
        </button>
        {sw.running && (
          <button type="button" className="btn btn-danger" data-testid="sweep-cancel" disabled={sw.cancelling} onClick={cancelSweep}>
            {sw.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      <p className="muted small">
        Each alpha at the selected blocks ({blocks.flatMap((on, i) => (on ? [i] : [])).join(', ') || 'none'}), with the current target, prompt and decoding; the sliders wait
        while it runs.
      </p>
      {(sw.running || sw.total > 0) && (
        <div className="job" data-testid="sweep-progress" data-done={sw.done} data-total={sw.total} data-running={sw.running ? 'true' : 'false'}>
          <progress max={Math.max(1, sw.total)} value={sw.done} />
          <span className="job-message small">
            {sw.running ? `running alpha ${Math.min(sw.done + 1, sw.total)} of ${sw.total}` : `${sw.done} of ${sw.total} alphas`}
          </span>
        </div>
      )}
      {sw.error && (
        <p className="callout callout-warn small" role="alert" data-testid="sweep-error">
          {sw.error}
        </p>
      )}
      {sw.note && (
        <p className="muted small" data-testid="sweep-note">
          {sw.note}
        </p>
      )}
      {sw.meta && sw.rows.length > 0 && <SweepResults rows={sw.rows} meta={sw.meta} running={sw.running} />}
    </section>
  );
}
