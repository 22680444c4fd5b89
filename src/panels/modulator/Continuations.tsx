/**
 * Original and modulated continuations side by side, differing tokens highlighted and counted, and the
 * seed's impact measures on the prompt's final states. Only the newest request's result is shown; while
 * a newer one runs, the view says "updating" and keeps the last result on screen.
 */
import { useModulator, type ModulationView } from '../../state/modulator-store';
import { alphasKey } from '../../state/modulator-params';
import { tokenCells } from '../../plots/modulator/tokens';
import { decodingPhrase } from '../../plots/modulator/sweep';
import { ImpactNumbers } from './ImpactNumbers';
import type { Continuation } from '../../runtime/modulator';

function Side({ which, c, other, r }: { which: 'original' | 'modulated'; c: Continuation; other: readonly number[]; r: ModulationView }) {
  const cells = tokenCells(c, other);
  const alphas = which === 'original' ? r.alphas.map(() => 0) : r.alphas;
  return (
    <div className="continuation">
      <h3>
        {which === 'original' ? 'Original (every α = 0)' : 'Modulated'} <span className="muted small">· {c.ids.length} tokens, stopped by {c.stoppedBy}</span>
      </h3>
      <pre
        className="generation-text"
        data-testid={`continuation-${which}`}
        data-ids={c.ids.join(',')}
        data-alphas={alphasKey(alphas)}
        data-request={r.requestNo}
        data-stopped-by={c.stoppedBy}
      >
        {r.stack === 'decoder-only' && <span className="gen-prompt">{r.prompt}</span>}
        {cells.map((t) => (
          <span key={t.pos} className={t.differs ? 'tok tok-diff' : 'tok'} data-differs={t.differs ? 'true' : undefined} title={`position ${t.pos}: id ${t.id}`}>
            {t.piece}
          </span>
        ))}
      </pre>
    </div>
  );
}

export function Continuations() {
  const r = useModulator((s) => s.result);
  const pending = useModulator((s) => s.pending);
  const error = useModulator((s) => s.error);
  const state = pending ? 'updating' : error ? 'error' : r ? 'idle' : 'empty';
  return (
    <section className="panel" aria-labelledby="mod-out-h">
      <h2 id="mod-out-h">
        Continuations{' '}
        <span className={`mod-status mod-status-${state}`} data-testid="modulator-status" data-state={state} aria-live="polite">
          {state === 'updating' ? 'updating…' : state === 'idle' && r ? `${r.ms.toFixed(0)} ms${r.originalCached ? ' (original cached)' : ''}` : ''}
        </span>
      </h2>
      {error && (
        <p className="callout callout-warn small" role="alert" data-testid="modulator-error">
          {error}
        </p>
      )}
      {!r ? (
        <p className="muted">{pending ? 'Running the first modulation…' : 'Move a slider or press Run.'}</p>
      ) : (
        <>
          <p className="small" data-testid="modulation-facts">
            α per block [{r.alphas.join(', ')}] · {decodingPhrase(r)} · target: {r.target}
          </p>
          <div className="continuations">
            <Side which="original" c={r.original} other={r.modulated.ids} r={r} />
            <Side which="modulated" c={r.modulated} other={r.original.ids} r={r} />
          </div>
          <p className="diff-line">
            Differing tokens:{' '}
            <strong data-testid="token-diff-count" data-value={r.tokenDifference.count} data-alphas={alphasKey(r.alphas)}>
              {r.tokenDifference.count}
            </strong>{' '}
            <span className="muted small">
              of {Math.max(r.original.ids.length, r.modulated.ids.length)} ({r.tokenDifference.positions.length} positions differ of {r.tokenDifference.compared} compared
              {r.tokenDifference.lengthDifference ? `, plus ${r.tokenDifference.lengthDifference} tokens one side lacks` : ''}); highlighted on both sides.
            </span>
          </p>
          <ImpactNumbers r={r} />
        </>
      )}
    </section>
  );
}
