/**
 * Import the result files the seed notebooks write (seed 01 and 02 JSON, seed 03 CSV and JSON):
 * their models join the table and figures marked as imported, each column under the lab's
 * definition (see Methods). A malformed file is refused with its line or JSON path and field.
 */
import { useStudy } from '../../state/study-store';
import { importStudyFiles } from '../../state/study-import';
import { removeImported, studyError } from '../../state/study-actions';

export function ImportPanel() {
  const imported = useStudy((s) => s.imported);
  const error = useStudy((s) => s.importError);
  const warnings = useStudy((s) => s.importWarnings);
  const files = [...new Set(imported.flatMap((m) => (m.origin.kind === 'import' ? [m.origin.file] : [])))];
  return (
    <section className="panel" aria-labelledby="study-import-h">
      <h2 id="study-import-h">Import seed results</h2>
      <p className="muted small">
        <code>clean_residual_validation_*.json</code> (seed 01), <code>pythia_family_NO_FINAL_LN_*.json</code> (seed 02),{' '}
        <code>gpt2_layernorm_validation_*.csv</code> or <code>.json</code> (seed 03): results of models too large for a browser.
      </p>
      <label className="btn btn-small">
        Import files…
        <input
          className="visually-hidden"
          type="file"
          multiple
          accept=".json,.csv,application/json,text/csv"
          data-testid="study-import"
          onChange={(e) => {
            const list = [...(e.target.files ?? [])];
            e.target.value = '';
            void importStudyFiles(list).catch(studyError);
          }}
        />
      </label>
      {error && (
        <pre className="callout callout-warn import-error" role="alert" data-testid="study-import-error">
          {error}
        </pre>
      )}
      {files.length > 0 && (
        <ul className="file-list imported-files" data-testid="study-imported-files">
          {files.map((f) => (
            <li key={f} data-testid="study-imported-file" data-file={f}>
              <span className="file-name">{f}</span>{' '}
              <span className="muted small">
                {imported
                  .filter((m) => m.origin.kind === 'import' && m.origin.file === f)
                  .map((m) => m.label)
                  .join(', ')}
              </span>{' '}
              <button type="button" className="btn btn-small btn-quiet" onClick={() => removeImported(f)} aria-label={`Remove ${f}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <details className="small import-warnings" data-testid="study-import-warnings">
          <summary>
            {warnings.length} note{warnings.length === 1 ? '' : 's'} from the last import
          </summary>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
