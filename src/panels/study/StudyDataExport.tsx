/** Tidy export of a study's swept rows: one row per model x prompt x layer x quantity, the definition a column, the run described in the manifest. */
import { useStudy } from '../../state/study-store';
import { showError } from '../../state/actions';
import { tidyCsv, tidyFromPromptRows, tidyJson } from '../../io/tidy';
import { GAIN_DEFINITIONS, NORM_CONVENTION } from '../../analysis/definitions';
import { downloadText } from '../common/download';

function table() {
  const s = useStudy.getState();
  if (!s.run) throw new Error('run a sweep first: there are no swept rows to export');
  const rows = Object.values(s.runs).flatMap((r) => tidyFromPromptRows(r.key, r.rows));
  const manifest = {
    app: 'residual-lab',
    appVersion: __APP_VERSION__,
    createdAt: new Date().toISOString(),
    study: { promptSet: s.run.setName, prompts: s.run.prompts, position: s.run.position, executionProvider: s.run.ep, byteIds: s.run.byteIds },
    models: Object.values(s.runs).map((r) => ({ key: r.key, source: r.source, status: r.status, card: r.card ?? null, executionProvider: r.ep ?? null, tokenization: r.tokenization ?? 'tokenizer' })),
    definitions: GAIN_DEFINITIONS,
    normConvention: NORM_CONVENTION,
  };
  return { manifest, rows };
}

export function StudyDataExport() {
  const hasRun = useStudy((s) => s.run !== null);
  const save = (name: string, type: string, text: () => string) => {
    try {
      downloadText(name, text(), type);
    } catch (e) {
      showError(e);
    }
  };
  return (
    <div className="button-row">
      <button type="button" className="btn" data-testid="study-export-tidy-csv" disabled={!hasRun} onClick={() => save('residual-lab-study-tidy.csv', 'text/csv', () => tidyCsv(table()))}>
        Tidy CSV
      </button>
      <button type="button" className="btn" data-testid="study-export-tidy-json" disabled={!hasRun} onClick={() => save('residual-lab-study-tidy.json', 'application/json', () => tidyJson(table()))}>
        Tidy JSON
      </button>
      <span className="muted small">every swept number, one row per model × prompt × layer × quantity, with the run's manifest</span>
    </div>
  );
}
