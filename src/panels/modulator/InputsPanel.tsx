/** The prompt (text, or token ids for a model without a tokenizer) and the decoding of both continuations. */
import { useLab } from '../../state/store';
import { selectModel } from '../../state/selectors';
import { useModulator } from '../../state/modulator-store';
import { editModulatorForm } from '../../state/modulator-actions';
import { modulateNow } from '../../state/modulator-jobs';

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s));
const shown = (v: number): string | number => (Number.isNaN(v) ? '' : v);

export function InputsPanel() {
  const model = useLab(selectModel);
  const prompt = useModulator((s) => s.prompt);
  const maxNewTokens = useModulator((s) => s.maxNewTokens);
  const temperature = useModulator((s) => s.temperature);
  const seed = useModulator((s) => s.seed);
  const stack = useModulator((s) => s.shape?.stack);
  const sweeping = useModulator((s) => s.sweep.running);
  const idsMode = model !== null && !model.hasTokenizer;
  const sampling = temperature > 0;
  return (
    <section className="panel" aria-labelledby="mod-inputs-h">
      <h2 id="mod-inputs-h">{idsMode ? 'Token ids' : 'Prompt'}</h2>
      {idsMode && (
        <p className="callout callout-note small" data-testid="mod-ids-mode">
          This model ships no tokenizer: type token ids (0 to {model.card.vocabSize - 1}) separated by commas or spaces.
        </p>
      )}
      <textarea data-testid="mod-prompt" aria-label={idsMode ? 'Token ids' : 'Prompt'} rows={3} spellCheck={false} value={prompt} onChange={(e) => editModulatorForm({ prompt: e.target.value })} />
      <p className="muted small">
        {stack === 'encoder'
          ? 'T5: the encoder input is modulated; the decoder runs on the modulated encoder output from its start token.'
          : 'The prompt and every generated step are modulated (the whole sequence is recomputed each step).'}
      </p>
      <div className="param-row">
        <div className="field field-inline">
          <label htmlFor="mod-max-new-tokens">max new tokens</label>
          <input id="mod-max-new-tokens" data-testid="mod-max-new-tokens" type="number" min={1} step={1} value={shown(maxNewTokens)} onChange={(e) => editModulatorForm({ maxNewTokens: num(e.target.value) })} />
        </div>
        <div className="field field-inline">
          <label htmlFor="mod-decoding">decoding</label>
          <select id="mod-decoding" data-testid="mod-decoding" value={sampling ? 'sample' : 'greedy'} onChange={(e) => editModulatorForm({ temperature: e.target.value === 'sample' ? 1 : 0 })}>
            <option value="greedy">greedy</option>
            <option value="sample">seeded sampling</option>
          </select>
        </div>
        {sampling && (
          <>
            <div className="field field-inline">
              <label htmlFor="mod-temperature">temperature</label>
              <input id="mod-temperature" data-testid="mod-temperature" type="number" min={0} step={0.1} value={shown(temperature)} onChange={(e) => editModulatorForm({ temperature: num(e.target.value) })} />
            </div>
            <div className="field field-inline">
              <label htmlFor="mod-seed">seed</label>
              <input id="mod-seed" data-testid="mod-seed" type="number" step={1} value={shown(seed)} onChange={(e) => editModulatorForm({ seed: num(e.target.value) })} />
            </div>
          </>
        )}
      </div>
      <p className="muted small">{sampling ? `Both continuations are sampled at T=${temperature} with seed ${seed}, so only the modulation differs.` : 'Greedy: argmax at every step.'}</p>
      <div className="button-row">
        <button type="button" className="btn btn-primary" data-testid="mod-run" disabled={sweeping} onClick={() => void modulateNow()}>
          Run
        </button>
        <span className="muted small">Slider moves run by themselves; press Run after changing the prompt, decoding or target.</span>
      </div>
    </section>
  );
}
