/** The decoded text (prompt included, as the model decodes it), streamed token by token. */
import { useLab } from '../../state/store';
import { selectGeneration } from '../../state/selectors';

export function GenerationOutput() {
  const g = useLab(selectGeneration);
  if (!g) return null;
  // The model's decoding of the prompt normally reproduces it; if so, set it apart from the continuation.
  const split = g.text.startsWith(g.prompt) ? g.prompt.length : 0;
  const r = g.result;
  const status = g.cancelled
    ? `cancelled after ${g.newTokens} new tokens`
    : r
      ? `${r.ids.length - r.promptLength} new tokens · stopped by ${r.stoppedBy} · ${r.temperature > 0 ? `sampled at T=${r.temperature}, seed ${r.seed}` : 'greedy'}`
      : `generating… ${g.newTokens} of ${g.maxNewTokens} tokens`;
  return (
    <div className="generation">
      <pre className="generation-text" data-testid="generation-output" data-done={g.done ? 'true' : 'false'} data-stopped-by={g.cancelled ? 'cancelled' : (r?.stoppedBy ?? '')}>
        <span className="gen-prompt">{g.text.slice(0, split)}</span>
        {g.text.slice(split)}
      </pre>
      <p className="muted small" data-testid="generation-status">
        {status}
      </p>
    </div>
  );
}
