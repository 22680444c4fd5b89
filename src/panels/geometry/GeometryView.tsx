/** The Geometry view: the weight battery and the embedding battery of the loaded model, run in the analysis worker. */
import { useLab } from '../../state/store';
import { selectModel } from '../../state/selectors';
import { sourceLabel } from '../../io/spec';
import { WeightBatteryPanel } from './WeightBatteryPanel';
import { EmbeddingBatteryPanel } from './EmbeddingBatteryPanel';

export function GeometryView() {
  const model = useLab(selectModel);
  const lockedBy = useLab((s) => s.lockedBy);
  const loading = useLab((s) => s.job?.kind === 'load');
  const canRun = model !== null && !lockedBy && !loading;
  return (
    <div className="geometry" data-testid="geometry-view">
      <div className="banners-inline">
        {model ? (
          <p className="muted small" data-testid="geometry-model">
            Model: <code>{sourceLabel(model.source)}</code> ({model.card.nLayers} layers, d_model {model.card.dModel}).
          </p>
        ) : (
          <p className="callout callout-note" data-testid="geometry-no-model">
            No model is loaded: load one in the Model tab, then run the batteries here.
          </p>
        )}
        {lockedBy && <p className="callout callout-warn">The Study sweep holds the model worker: the batteries wait for it.</p>}
      </div>
      <div className="geometry-panels">
        <WeightBatteryPanel canRun={canRun} />
        <EmbeddingBatteryPanel canRun={canRun} />
      </div>
    </div>
  );
}
