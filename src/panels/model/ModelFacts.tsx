/** What was loaded: the observed EP and why, the architecture card, and the files with their sha256. */
import type { ModelInfo } from '../../runtime/lab';
import { sourceLabel } from '../../io/spec';
import { bytesLabel } from '../../plots/format';
import { ArchCard } from './ArchCard';

export function ModelFacts({ model }: { model: ModelInfo }) {
  return (
    <div className="model-facts">
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
