/** The three gain definitions side by side for the last token, entropy and top-k, and the methods note. */
import { useLab } from '../../state/store';
import { selectMeasurement, selectModel } from '../../state/selectors';
import { positionPhrase } from '../../plots/captions';
import { GainTable } from './GainTable';
import { TopK } from './TopK';
import { MethodsNote } from './MethodsNote';

export function GainPanel() {
  const m = useLab(selectMeasurement);
  const model = useLab(selectModel);
  return (
    <section className="panel" aria-labelledby="gain-h">
      <h2 id="gain-h">Residual gain</h2>
      {m ? (
        <>
          <p className="muted small" data-testid="gain-position">
            {m.prompt === null ? (
              <>
                Measured token ids <code>{m.ids.join(', ')}</code>: {m.ids.length} tokens as given
              </>
            ) : (
              <>
                Measured prompt <code>{JSON.stringify(m.prompt)}</code>: {m.ids.length} tokens as the model's tokenizer encodes it
              </>
            )}
            , L = {m.nLayers} blocks. Values at{' '}
            {positionPhrase(m.ids.length - 1, m.ids.length, m.tokens[m.ids.length - 1])}.
          </p>
          <div className="gain-grid">
            <GainTable m={m} />
            <TopK m={m} />
          </div>
        </>
      ) : model && model.taps.length === 0 ? (
        <p className="muted" data-testid="no-gains">
          No gains for this model: the lab found no residual stream to tap ({model.structureError ?? 'no structure'}).
        </p>
      ) : (
        <p className="muted">{model && !model.hasTokenizer ? 'Type token ids and press Measure.' : 'Load a model, type a prompt and press Measure.'}</p>
      )}
      <MethodsNote />
    </section>
  );
}
