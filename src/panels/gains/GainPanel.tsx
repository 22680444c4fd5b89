/** The three gain definitions side by side for the last token, entropy and top-k, and the methods note. */
import { useLab } from '../../state/store';
import { selectMeasurement } from '../../state/selectors';
import { positionPhrase } from '../../plots/captions';
import { GainTable } from './GainTable';
import { TopK } from './TopK';
import { MethodsNote } from './MethodsNote';

export function GainPanel() {
  const m = useLab(selectMeasurement);
  return (
    <section className="panel" aria-labelledby="gain-h">
      <h2 id="gain-h">Residual gain</h2>
      {m ? (
        <>
          <p className="muted small" data-testid="gain-position">
            Measured prompt <code>{JSON.stringify(m.prompt ?? '')}</code>: {m.ids.length} tokens (BOS included), L = {m.nLayers} blocks. Values at{' '}
            {positionPhrase(m.ids.length - 1, m.ids.length, m.tokens[m.ids.length - 1])}.
          </p>
          <div className="gain-grid">
            <GainTable m={m} />
            <TopK m={m} />
          </div>
        </>
      ) : (
        <p className="muted">Load a model, type a prompt and press Measure.</p>
      )}
      <MethodsNote />
    </section>
  );
}
