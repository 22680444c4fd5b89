/** Left column: where the model comes from, which execution provider, Load, per-file progress, and what got loaded. */
import { useLab } from '../../state/store';
import { selectBusy, selectEp, selectModel, selectSourceKind } from '../../state/selectors';
import { setEp, setSourceKind } from '../../state/actions';
import { loadModel } from '../../state/jobs';
import type { SourceKind } from '../../state/store';
import type { EpChoice } from '../../runtime/ep';
import { JobProgress } from '../common/JobProgress';
import { HubSource } from './HubSource';
import { HfHubSource } from './HfHubSource';
import { LocalSource } from './LocalSource';
import { FileProgress } from './FileProgress';
import { ModelFacts } from './ModelFacts';

const EP_OPTIONS: { value: EpChoice; label: string }[] = [
  { value: 'auto', label: 'Auto (WebGPU on hardware, else WASM)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'wasm', label: 'WASM (CPU)' },
];

const SOURCES: { kind: SourceKind; testId: string; label: string; hint: string }[] = [
  { kind: 'hub', testId: 'source-hub', label: 'llama2.c (Hub)', hint: 'a checkpoint and its tokenizer (.bin)' },
  { kind: 'hf', testId: 'source-hf', label: 'Hugging Face model (Hub)', hint: 'an ONNX export: config.json, onnx/*.onnx' },
  { kind: 'local', testId: 'source-local', label: 'Local files / folder', hint: 'a llama2.c pair or a model folder' },
];

export function ModelPanel() {
  const kind = useLab(selectSourceKind);
  const ep = useLab(selectEp);
  const busy = useLab(selectBusy);
  const model = useLab(selectModel);
  const lockedBy = useLab((s) => s.lockedBy);
  return (
    <section className="panel" aria-labelledby="model-h">
      <h2 id="model-h">Model</h2>
      <fieldset className="source-choice">
        <legend>Source</legend>
        <div className="source-options">
          {SOURCES.map((s) => (
            <label key={s.kind} className={kind === s.kind ? 'checked' : undefined}>
              <input type="radio" name="source" value={s.kind} data-testid={s.testId} checked={kind === s.kind} onChange={() => setSourceKind(s.kind)} />
              <span className="source-label">{s.label}</span>
              <span className="source-hint">{s.hint}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'hub' && <HubSource />}
      {kind === 'hf' && <HfHubSource />}
      {kind === 'local' && <LocalSource />}
      <div className="field">
        <label htmlFor="ep-select">Execution provider</label>
        <select id="ep-select" data-testid="ep-select" value={ep} onChange={(e) => setEp(e.target.value as EpChoice)}>
          {EP_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="btn btn-primary" data-testid="load-button" onClick={() => void loadModel()} disabled={busy}>
        {model ? 'Load (replace the current model)' : 'Load model'}
      </button>
      {lockedBy && (
        <p className="muted small" data-testid="model-locked">
          The {lockedBy === 'study' ? 'Study view runs a sweep' : `${lockedBy} job runs`} in the model worker: loading waits until it ends.
        </p>
      )}
      <JobProgress kinds={['load']} />
      <FileProgress />
      {model && <ModelFacts model={model} />}
    </section>
  );
}
