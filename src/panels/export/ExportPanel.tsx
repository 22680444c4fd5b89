/** Export the experiment spec (re-runnable headless) and the results file (manifest + measurements). */
import { useLab } from '../../state/store';
import { selectModel, selectResultsCount } from '../../state/selectors';
import { buildResultsFile, buildSpec } from '../../state/exports';
import { showError } from '../../state/actions';
import { RESULTS_FORMAT } from '../../io/results';
import { downloadJson, downloadText } from '../common/download';
import { tidyCsv, tidyFromResults, tidyJson } from '../../io/tidy';
import { sourceLabel } from '../../io/spec';

function exportText(filename: string, type: string, build: () => string): void {
  try {
    downloadText(filename, build(), type);
  } catch (e) {
    showError(e);
  }
}

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
        <button
          type="button"
          className="btn"
          data-testid="export-tidy-csv"
          disabled={!model || count === 0}
          title="one row per prompt x token x layer x quantity, the gain definition as a column; the manifest in # comment lines"
          onClick={() => exportText('residual-lab-tidy.csv', 'text/csv', () => {
            const file = buildResultsFile(useLab.getState());
            return tidyCsv({ manifest: file.manifest, rows: tidyFromResults(file, sourceLabel(file.manifest.model.source)) });
          })}
        >
          Tidy CSV
        </button>
        <button
          type="button"
          className="btn"
          data-testid="export-tidy-json"
          disabled={!model || count === 0}
          onClick={() => exportText('residual-lab-tidy.json', 'application/json', () => {
            const file = buildResultsFile(useLab.getState());
            return tidyJson({ manifest: file.manifest, rows: tidyFromResults(file, sourceLabel(file.manifest.model.source)) });
          })}
        >
          Tidy JSON
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
