/** Left column: where the model comes from, which execution provider, Load, and what got loaded. */
import { useLab } from '../../state/store';
import { selectBusy, selectEp, selectModel, selectSourceKind } from '../../state/selectors';
import { setEp, setSourceKind } from '../../state/actions';
import { loadModel } from '../../state/jobs';
import type { EpChoice } from '../../runtime/ep';
import { JobProgress } from '../common/JobProgress';
import { HubSource } from './HubSource';
import { LocalSource } from './LocalSource';
import { ModelFacts } from './ModelFacts';

const EP_OPTIONS: { value: EpChoice; label: string }[] = [
  { value: 'auto', label: 'Auto (WebGPU on hardware, else WASM)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'wasm', label: 'WASM (CPU)' },
];

export function ModelPanel() {
  const kind = useLab(selectSourceKind);
  const ep = useLab(selectEp);
  const busy = useLab(selectBusy);
  const model = useLab(selectModel);
  return (
    <section className="panel" aria-labelledby="model-h">
      <h2 id="model-h">Model</h2>
      <fieldset className="source-choice">
        <legend>Source</legend>
        <label>
          <input type="radio" name="source" value="hub" data-testid="source-hub" checked={kind === 'hub'} onChange={() => setSourceKind('hub')} />
          Hugging Face Hub
        </label>
        <label>
          <input type="radio" name="source" value="local" data-testid="source-local" checked={kind === 'local'} onChange={() => setSourceKind('local')} />
          Local files
        </label>
      </fieldset>
      <HubSource active={kind === 'hub'} />
      <LocalSource active={kind === 'local'} />
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
      <JobProgress kinds={['load']} />
      {model && <ModelFacts model={model} />}
    </section>
  );
}
