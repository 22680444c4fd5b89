/** Export the experiment spec (re-runnable headless) and the results file (manifest + measurements). */
import { useLab } from '../../state/store';
import { selectModel, selectResultsCount } from '../../state/selectors';
import { buildResultsFile, buildSpec } from '../../state/exports';
import { showError } from '../../state/actions';
import { RESULTS_FORMAT } from '../../io/results';
import { downloadJson } from '../common/download';

function exportWith(filename: string, build: () => unknown): void {
  try {
    downloadJson(filename, build());
  } catch (e) {
    showError(e);
  }
}

export function ExportPanel() {
  const count = useLab(selectResultsCount);
  const model = useLab(selectModel);
  return (
    <section className="panel" aria-labelledby="export-h">
      <h2 id="export-h">Export</h2>
      <div className="button-row">
        <button type="button" className="btn" data-testid="export-spec" onClick={() => exportWith('residual-lab-spec.json', () => buildSpec(useLab.getState()))}>
          Export spec
        </button>
        <button
          type="button"
          className="btn"
          data-testid="export-results"
          disabled={!model || count === 0}
          title={count === 0 ? 'measure a prompt first' : undefined}
          onClick={() => exportWith('residual-lab-results.json', () => buildResultsFile(useLab.getState()))}
        >
          Export results
        </button>
        <span className="muted small" data-testid="results-count" data-value={count}>
          {count} measurement{count === 1 ? '' : 's'} in this session{model ? ' for this model' : ''}
        </span>
      </div>
      <p className="muted small">
        The spec (<code>residual-lab-spec.json</code>) names the model source, the measured prompts and the parameters; run it headless with{' '}
        <code>residual-lab run</code>. The results file (<code>{RESULTS_FORMAT}</code>) carries a manifest: app version, file sha256s, execution provider and why,
        the gain definitions and the norm convention.
      </p>
    </section>
  );
}
