/** The battery's options (boundary, seeds; sample sizes shown), Run / progress / Cancel, and the downloads. */
import { useWordNet } from '../../state/wordnet-store';
import { setWordNetByteIds, setWordNetLayer, setWordNetSeeds } from '../../state/wordnet-actions';
import { cancelWordNet, runWordNet } from '../../state/wordnet-jobs';
import { SECTION3_DEFAULTS } from '../../analysis/wordnet/relational';
import { boundaryHooks, hookFinalNorm } from '../../model/hooks';

export function WordNetControls({ nLayers, canRun, onDownloadJson, onDownloadCsv }: { nLayers: number | null; canRun: boolean; onDownloadJson: (() => void) | null; onDownloadCsv: (() => void) | null }) {
  const run = useWordNet((s) => s.run);
  const layer = useWordNet((s) => s.layer);
  const seeds = useWordNet((s) => s.seeds);
  const byteIds = useWordNet((s) => s.byteIds);
  const busy = run.jobId !== null;
  const hooks = nLayers ? [...boundaryHooks(nLayers), hookFinalNorm] : [];
  return (
    <div className="battery-controls" data-testid="wordnet-status" data-status={run.status}>
      <div className="field-pair">
        <div className="field field-inline">
          <label htmlFor="wn-layer">Contextual vector (decoder-only models; T5: the encoder output): mean over the definition of</label>
          <select id="wn-layer" data-testid="wordnet-layer" value={layer === null ? '' : String(layer)} disabled={busy || !nLayers} onChange={(e) => setWordNetLayer(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">default: {nLayers ? `blocks.${nLayers - 1}.hook_resid_post` : 'the last block\'s output'}</option>
            {hooks.map((h, i) => (
              <option key={h} value={i}>
                {i}: {h}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor="wn-seeds">Stability seeds</label>
          <input
            id="wn-seeds" data-testid="wordnet-seeds" type="number" min={1} max={1000} step={1} value={seeds} disabled={busy}
            onChange={(e) => setWordNetSeeds(Number(e.target.value))}
          />
          <span className="muted small">{seeds === 1 ? 'a single run (seed 0)' : `seeds 0..${seeds - 1}, section 3`}</span>
        </div>
      </div>
      <label className="small">
        <input type="checkbox" data-testid="wordnet-byte-ids" checked={byteIds} disabled={busy} onChange={(e) => setWordNetByteIds(e.target.checked)} /> UTF-8 bytes as token ids (for a model
        without a tokenizer: a lemma then matches when it is one byte; definitions keep the bytes that fit the context)
      </label>
      <p className="muted small" data-testid="wordnet-sizes" data-n-rel={SECTION3_DEFAULTS.nRel} data-n-pairs={SECTION3_DEFAULTS.nPairs} data-n-simplices={SECTION3_DEFAULTS.nSimplices} data-n-chains={SECTION3_DEFAULTS.nChains}>
        Sample sizes per run (seed 05 section 3): {SECTION3_DEFAULTS.nRel} related lemmas, {SECTION3_DEFAULTS.nPairs} pairs drawn, {SECTION3_DEFAULTS.nSimplices} pentachora,{' '}
        {SECTION3_DEFAULTS.nChains} hypernym chains, depths {SECTION3_DEFAULTS.depths.join(', ')}; bands s &ge; 0.25 and s &lt; 0.1.
      </p>
      <div className="button-row">
        <button type="button" className="btn btn-primary" data-testid="wordnet-run" disabled={busy || !canRun} onClick={() => void runWordNet()}>
          {run.resultId ? 'Run again' : 'Run'}
        </button>
        <button type="button" className="btn" data-testid="wordnet-download" disabled={!onDownloadJson} onClick={() => onDownloadJson?.()}>
          Download JSON
        </button>
        <button type="button" className="btn" data-testid="wordnet-download-csv" disabled={!onDownloadCsv} onClick={() => onDownloadCsv?.()}>
          Download CSV (statistics, tidy)
        </button>
      </div>
      {busy && (
        <div className="job" data-testid="wordnet-job" data-job-id={run.jobId}>
          <progress data-testid="wordnet-progress" max={1} {...(run.fraction !== null ? { value: run.fraction } : {})} />
          <div className="job-row">
            <span className="job-message" data-testid="wordnet-message">
              {run.message}
            </span>
            <button type="button" className="btn btn-small" data-testid="wordnet-cancel" disabled={run.status === 'cancelling'} onClick={cancelWordNet}>
              {run.status === 'cancelling' ? 'Cancelling…' : 'Cancel'}
            </button>
          </div>
        </div>
      )}
      {run.note && (
        <p className={`callout ${run.status === 'failed' ? 'callout-warn' : 'callout-note'}`} role="status" data-testid="wordnet-note">
          {run.note}
        </p>
      )}
    </div>
  );
}
