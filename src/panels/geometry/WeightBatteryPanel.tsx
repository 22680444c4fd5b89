/** The weight battery: Run / progress / Cancel / Download, then its tables and figures. */
import type { WeightBatteryResult } from '../../runtime/weight-battery';
import type { ResultModel } from '../../state/geometry-store';
import { useGeometry } from '../../state/geometry-store';
import { useWeightsEntry } from '../../state/geometry-view';
import { resultFilename, resultJson } from '../../state/geometry-results';
import { BatteryControls } from './BatteryControls';
import { MatrixTable, MlpTable, NormTable, NullTestTable, PcaTable, QkTable } from './WeightTables';
import { WeightFigures } from './WeightFigures';
import { downloadText } from '../common/download';
import { ResultOrigin } from './ResultOrigin';

function Summary({ r, model }: { r: WeightBatteryResult; model: ResultModel | null }) {
  return (
    <p className="muted small" data-testid="weights-summary" data-matrices={r.matrices.length} data-svd-ms={r.timing.svdMs} data-total-ms={r.timing.totalMs}>
      {r.matrices.length} matrices of {model?.label ?? 'the model'} ({r.layout}); all singular values in {r.timing.svdMs.toFixed(0)} ms, the whole battery in {r.timing.totalMs.toFixed(0)} ms.
      {r.notes.length > 0 && ` ${r.notes.join(' ')}`}
      {r.skipped.length > 0 && ` Skipped: ${r.skipped.join('; ')}.`}
    </p>
  );
}

export function WeightBatteryPanel({ canRun }: { canRun: boolean }) {
  const entry = useWeightsEntry();
  const model = useGeometry((s) => s.weights.resultModel);
  const r = entry?.result ?? null;
  return (
    <section className="panel" aria-labelledby="geo-weights-h" data-testid="weights-panel">
      <h2 id="geo-weights-h">Weight battery</h2>
      <p className="muted small">
        Every matrix of the weight catalog, [out, in] row-major, W = U diag(s) V^T: all singular values and their metrics, the ESD of W^T W with WeightWatcher's
        power-law fit (skipped below 50 eigenvalues), the QK form of each head, MLP neuron importance, norm gains and seed 04's adjacent-layer null test. Runs in the
        analysis worker, reading the weights from the model worker.
      </p>
      <BatteryControls kind="weights" canRun={canRun} onDownload={entry ? () => downloadText(resultFilename(entry), resultJson(entry), 'application/json') : null} />
      {r && (
        <div data-testid="weights-result">
          <ResultOrigin model={model} />
          <Summary r={r} model={model} />
          <h3>Matrices</h3>
          <MatrixTable r={r} />
          <h3>Norm gains</h3>
          <NormTable r={r} />
          <h3>QK manifold per layer</h3>
          <QkTable r={r} />
          <h3>MLP neurons</h3>
          <MlpTable r={r} />
          <h3>Adjacent-layer null test (seed 04){r.nullTestStack ? `, ${r.nullTestStack} stack` : ''}</h3>
          <NullTestTable r={r} />
          <h3>Scale-track PCA loadings</h3>
          <PcaTable r={r} />
          <h3>Figures</h3>
          <WeightFigures r={r} />
        </div>
      )}
    </section>
  );
}
