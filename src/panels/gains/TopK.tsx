/** Next-token distribution after the last position: entropy in nats and the top-k tokens. */
import type { Measurement } from '../../runtime/results';
import { percent, sig5, showPiece } from '../../plots/format';

export function TopK({ m }: { m: Measurement }) {
  if (m.topK.length === 0) {
    return (
      <div className="next-token">
        <p className="muted small" data-testid="entropy" data-value={String(m.entropyNats)}>
          No next-token distribution: this graph has no logits output (an encoder), so there is no entropy or top-k.
        </p>
      </div>
    );
  }
  return (
    <div className="next-token">
      <p className="entropy-line">
        next-token entropy{' '}
        <strong data-testid="entropy" data-value={String(m.entropyNats)} title={String(m.entropyNats)}>
          {sig5(m.entropyNats)}
        </strong>{' '}
        nats <span className="muted small">(natural log)</span>
      </p>
      <ol className="topk" data-testid="topk-list">
        {m.topK.map((t, rank) => (
          <li key={t.id} data-token-id={t.id} data-token={t.token} data-prob={String(t.prob)}>
            <span className="muted rank">{rank + 1}</span>
            <code className="piece">{showPiece(t.token)}</code>
            <span className="bar" aria-hidden="true">
              <span style={{ width: `${Math.max(0.5, t.prob * 100)}%` }} />
            </span>
            <span className="num prob">{percent(t.prob)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
