/**
 * What was loaded: why there are no taps (when so), card-vs-graph warnings, what the model can do,
 * the observed EP and why, the architecture card, and the files with their sha256.
 */
import type { ModelInfo } from '../../runtime/lab';
import { sourceLabel } from '../../io/spec';
import { bytesLabel } from '../../plots/format';
import { ArchCard } from './ArchCard';

export function ModelFacts({ model }: { model: ModelInfo }) {
  return (
    <div className="model-facts">
      {model.structureError && (
        <div className="callout callout-warn" role="note" data-testid="structure-error">
          <strong>No taps on this model.</strong> {model.structureError}
          <div className="small">{model.logitsAvailable ? 'It still runs for logits: Generate works, Measure (gains) does not.' : 'The graph has no logits either.'}</div>
        </div>
      )}
      {model.warnings.length > 0 && (
        <div className="callout callout-note" data-testid="model-warnings" data-count={model.warnings.length}>
          <strong>The config and the graph disagree</strong>
          <ul>
            {model.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <ul className="capabilities small" data-testid="model-capabilities">
        <li className={model.taps.length ? 'ok' : 'missing'} data-value={model.taps.length}>
          {model.taps.length ? `${model.taps.length} taps` : 'no taps'}
        </li>
        <li className={model.hasTokenizer ? 'ok' : 'missing'} data-value={String(model.hasTokenizer)}>
          {model.hasTokenizer ? 'tokenizer' : 'no tokenizer (token ids)'}
        </li>
        <li className={model.logitsAvailable ? 'ok' : 'missing'} data-value={String(model.logitsAvailable)}>
          {model.logitsAvailable ? 'logits' : 'no logits (encoder)'}
        </li>
      </ul>
      <p className="ep-line" data-testid="ep-reason" data-ep={model.ep.ep}>
        Ran on <strong>{model.ep.ep.toUpperCase()}</strong> (requested {model.ep.requested}): {model.ep.reason}
      </p>
      <ArchCard card={model.card} />
      <h3>Files</h3>
      <ul className="file-list" data-testid="file-digests">
        {model.files.map((f) => (
          <li key={f.name} data-sha256={f.sha256}>
            <span className="file-name">{f.name}</span> <span className="muted">{bytesLabel(f.bytes)}</span>
            <code className="sha">sha256 {f.sha256}</code>
          </li>
        ))}
      </ul>
      <p className="muted small">
        {sourceLabel(model.source)} · {model.taps.length} taps · loaded in {(model.loadMs / 1000).toFixed(2)} s · {model.onnxruntime}
      </p>
    </div>
  );
}
