/** Prompt, generation parameters, Generate / Measure, and the streamed continuation. */
import { useLab } from '../../state/store';
import { selectBusy, selectModel, selectPrompt } from '../../state/selectors';
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
  const model = useLab(selectModel);
  const loaded = model !== null;
  const why = loaded ? undefined : 'load a model first';
  // A model without a tokenizer takes token ids; one without taps has no gains; an encoder has no logits.
  const idsMode = model !== null && !model.hasTokenizer;
  const noTaps = model !== null && model.taps.length === 0;
  const noGenerate = model && !model.logitsAvailable ? 'this graph has no logits (an encoder)' : undefined;
  return (
    <section className="panel" aria-labelledby="prompt-h">
      <h2 id="prompt-h">{idsMode ? 'Token ids' : 'Prompt'}</h2>
      {idsMode && (
        <p className="callout callout-note small" data-testid="ids-mode">
          This model ships no tokenizer: type <strong>token ids</strong> separated by commas or spaces (0 to {model.card.vocabSize - 1}), e.g. <code>5, 17, 42, 9</code>.
          Measure runs them as they are (no BOS is added).
        </p>
      )}
      <textarea
        data-testid="prompt-input"
        aria-label={idsMode ? 'Token ids' : 'Prompt'}
        rows={3}
        value={p.text}
        placeholder={idsMode ? '5, 17, 42, 9' : 'Type a prompt (empty = start from BOS for generation)'}
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
        <button type="button" className="btn btn-primary" data-testid="generate-button" disabled={busy || !loaded || !!noGenerate} title={why ?? noGenerate} onClick={() => void generate()}>
          Generate
        </button>
        {!noTaps && (
          <button type="button" className="btn btn-primary" data-testid="measure-button" disabled={busy || !loaded} title={why} onClick={() => void measure()}>
            Measure
          </button>
        )}
        <span className="muted small" data-testid="measure-note">
          {noTaps
            ? 'No gains on this model: the residual stream was not found (see the Model panel).'
            : noGenerate && loaded
              ? `Generate is off: ${noGenerate}.`
              : `Measure runs one forward pass on the ${idsMode ? 'token ids' : 'prompt'} with taps at every block boundary.`}
        </span>
      </div>
      <JobProgress kinds={['generate', 'measure']} />
      <GenerationOutput />
    </section>
  );
}
