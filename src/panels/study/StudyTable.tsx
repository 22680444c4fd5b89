/**
 * The comparison table: one row per model (swept or imported) with its architecture facts and
 * every gain summary as mean ± sample std over prompts, each cell naming its field.
 */
import type { StudyModel } from '../../state/study-model';
import { summarizeField } from '../../state/study-stats';
import { FIELD_INFO, SUMMARY_FIELDS } from '../../state/study-fields';
import { sig5 } from '../../plots/format';
import { NumCell } from './cells';
import { BYTE_IDS_LABEL } from '../../model/byte-ids';

const ARCH: { field: keyof StudyModel['arch']; label: string; title: string }[] = [
  { field: 'nLayers', label: 'L', title: 'blocks (layers)' },
  { field: 'dModel', label: 'd_model', title: 'residual width' },
  { field: 'nHeads', label: 'heads', title: 'attention heads' },
  { field: 'dHead', label: 'd_head', title: 'head width' },
  { field: 'rho', label: 'rho', title: 'rho = n_heads / d_head (H25 threshold 0.2)' },
  { field: 'normType', label: 'norm', title: 'LayerNorm or RMSNorm' },
  { field: 'residual', label: 'residual', title: 'sequential or parallel residual' },
];

/** A file's stated summary is shown only where it is not what the lab computes from the same values. */
const differs = (a: number | null, b: number | null): boolean => (a === null || b === null ? a !== b : Math.abs(a - b) > 1e-12 * Math.max(1, Math.abs(b)));

function origin(m: StudyModel): string {
  if (m.origin.kind === 'import') return `imported: ${m.origin.file}`;
  return m.origin.status;
}

export function StudyTable({ models }: { models: StudyModel[] }) {
  if (models.length === 0) return <p className="muted">Run a sweep or import a seed notebook's result file: every model gets a row here.</p>;
  return (
    <div className="table-scroll">
      <table className="gain-table study-table" data-testid="study-table">
        <thead>
          <tr>
            <th scope="col">model</th>
            <th scope="col">n</th>
            {ARCH.map((a) => (
              <th key={a.field} scope="col" className="num" title={a.title}>
                {a.label}
              </th>
            ))}
            {SUMMARY_FIELDS.map((f) => (
              <th key={f} scope="col" className="num" title={`${FIELD_INFO[f].label} = ${FIELD_INFO[f].formula} (${FIELD_INFO[f].source}); mean ± sample std over prompts`}>
                <code>{FIELD_INFO[f].label}</code>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.key} data-testid="study-row" data-model={m.key} data-origin={m.origin.kind} data-status={m.origin.kind === 'sweep' ? m.origin.status : 'imported'}>
              <th scope="row" className="model-cell" title={m.origin.kind === 'import' ? m.origin.note : undefined}>
                <code title={m.key}>{m.label}</code>
                <div className="muted small">
                  {origin(m)}
                  {m.arch.family ? ` · ${m.arch.family}` : ''}
                  {m.origin.kind === 'sweep' && m.origin.ep ? ` · ${m.origin.ep.toUpperCase()}` : ''}
                </div>
                {m.origin.kind === 'sweep' && m.origin.tokenization === 'utf8-bytes' && (
                  <div className="muted small" data-testid="study-row-byte-ids" title={BYTE_IDS_LABEL}>
                    ids = UTF-8 bytes (no tokenizer)
                  </div>
                )}
                {m.origin.kind === 'sweep' && m.origin.error && (
                  <div className="queue-error small" data-testid="study-row-error">
                    {m.origin.error}
                  </div>
                )}
              </th>
              <NumCell field="nPrompts" value={m.prompts.length} />
              {ARCH.map((a) => {
                const v = m.arch[a.field];
                return typeof v === 'string' ? (
                  <td key={a.field} data-field={a.field} data-value={v}>
                    {v}
                  </td>
                ) : (
                  <NumCell key={a.field} field={a.field} value={v} missing="?" />
                );
              })}
              {SUMMARY_FIELDS.map((f) => {
                const s = summarizeField(m, f);
                if (!s.ok) return <NumCell key={f} field={f} value={null} missing={s.reason} />;
                const extra: Record<string, string> = { 'data-std': s.std === null ? '' : String(s.std), 'data-n': String(s.n), 'data-ddof': s.ddof === null ? '' : String(s.ddof), 'data-given': String(s.given) };
                // An imported file's own summary of the same values, kept beside the lab's (its std may use ddof 0).
                const stated = s.given ? undefined : m.given[f];
                const file = stated && (differs(stated.mean, s.mean) || differs(stated.std, s.std)) ? stated : undefined;
                if (file) Object.assign(extra, { 'data-file-mean': String(file.mean), 'data-file-std': file.std === null ? '' : String(file.std), 'data-file-ddof': file.ddof === null ? '' : String(file.ddof) });
                return (
                  <NumCell key={f} field={f} value={s.mean} extra={extra}>
                    {sig5(s.mean)}
                    <span className="muted std"> ± {s.std === null ? 'n/a' : sig5(s.std)}</span>
                    {s.given && <sup title={`as the file states it${s.ddof === 0 ? ' (population std, ddof 0)' : ''}`}>†</sup>}
                    {file && (
                      <div className="muted small" title="as the imported file states it">
                        file: {sig5(file.mean)} ± {file.std === null ? 'n/a' : sig5(file.std)}
                        {file.ddof !== null ? ` (ddof ${file.ddof})` : ''}
                      </div>
                    )}
                  </NumCell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
