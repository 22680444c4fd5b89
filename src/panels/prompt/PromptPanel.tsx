/** Prompt, generation parameters, Generate / Measure, and the streamed continuation. */
import { useLab } from '../../state/store';
import { selectBusy, selectLoaded, selectPrompt } from '../../state/selectors';
import { editPrompt } from '../../state/actions';
import { generate, measure } from '../../state/jobs';
import { JobProgress } from '../common/JobProgress';
import { GenerationOutput } from './GenerationOutput';

/** A number input's value: NaN while the field is empty or malformed (the job says what is wrong). */
const num = (s: string): number => (s.trim() === '' ? NaN : Number(s));
const shown = (v: number): string | number => (Number.isNaN(v) ? '' : v);

export function PromptPanel() {
  const p = useLab(selectPrompt);
  const busy = useLab(selectBusy);
  const loaded = useLab(selectLoaded);
  const why = loaded ? undefined : 'load a model first';
  return (
    <section className="panel" aria-labelledby="prompt-h">
      <h2 id="prompt-h">Prompt</h2>
      <textarea
        data-testid="prompt-input"
        aria-label="Prompt"
        rows={3}
        value={p.text}
        spellCheck={false}
        onChange={(e) => editPrompt({ text: e.target.value })}
      />
      <div className="param-row">
        <div className="field field-inline">
          <label htmlFor="max-new-tokens">max new tokens</label>
          <input id="max-new-tokens" data-testid="max-new-tokens" type="number" min={1} step={1} value={shown(p.maxNewTokens)} onChange={(e) => editPrompt({ maxNewTokens: num(e.target.value) })} />
        </div>
        <div className="field field-inline">
          <label htmlFor="temperature">temperature</label>
          <input id="temperature" data-testid="temperature" type="number" min={0} step={0.1} value={shown(p.temperature)} onChange={(e) => editPrompt({ temperature: num(e.target.value) })} />
        </div>
        <div className="field field-inline">
          <label htmlFor="seed">seed</label>
          <input id="seed" data-testid="seed" type="number" step={1} value={shown(p.seed)} onChange={(e) => editPrompt({ seed: num(e.target.value) })} />
        </div>
        <span className="muted small decoding">{p.temperature > 0 ? `sampling at T=${p.temperature}, seed ${p.seed}` : 'greedy (temperature 0)'}</span>
      </div>
      <div className="button-row">
        <button type="button" className="btn btn-primary" data-testid="generate-button" disabled={busy || !loaded} title={why} onClick={() => void generate()}>
          Generate
        </button>
        <button type="button" className="btn btn-primary" data-testid="measure-button" disabled={busy || !loaded} title={why} onClick={() => void measure()}>
          Measure
        </button>
        <span className="muted small">Measure runs one forward pass on the prompt with taps at every block boundary.</span>
      </div>
      <JobProgress kinds={['generate', 'measure']} />
      <GenerationOutput />
    </section>
  );
}
