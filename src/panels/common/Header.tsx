/** Top bar: the app's name, the worker's state and the loaded model with its observed EP. */
import { useLab } from '../../state/store';
import { selectModel, selectWorker } from '../../state/selectors';
import { sourceLabel, type ModelSource } from '../../io/spec';

/** A short name for the header: the checkpoint file, the Hub repo's name, or "local folder". */
function shortName(s: ModelSource): string {
  if (s.kind === 'llama2c') return sourceLabel(s).split('/').pop() ?? '';
  if ('hub' in s.location) return `${s.location.hub.repo.split('/').pop()}${s.location.hub.revision === 'main' ? '' : `@${s.location.hub.revision}`}`;
  return s.location.local ? (s.location.local.split(/[\\/]/).filter(Boolean).pop() ?? 'local folder') : 'local folder';
}

export function Header() {
  const worker = useLab(selectWorker);
  const model = useLab(selectModel);
  const workerText =
    worker.state === 'ready' ? `worker ready · ${worker.onnxruntime ?? 'onnxruntime-web'} · ${worker.adapter ?? ''}` : worker.state === 'failed' ? 'worker failed to start' : 'starting the model worker…';
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">Residual Lab</span>
        <span className="brand-tag">residual-stream norms and gains, on your machine</span>
      </div>
      <div className="header-status">
        <span className={`dot dot-${worker.state}`} aria-hidden="true" />
        <span data-testid="worker-status" data-state={worker.state} className="worker-status" title={workerText}>
          {workerText}
        </span>
        <span
          data-testid="model-status"
          data-loaded={model ? 'true' : 'false'}
          data-ep={model?.ep.ep ?? ''}
          className={`model-status ${model ? 'loaded' : ''}`}
        >
          {model ? `${shortName(model.source)} · ${model.ep.ep.toUpperCase()}` : 'no model loaded'}
        </span>
      </div>
    </header>
  );
}
