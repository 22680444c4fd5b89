/** Every per-prompt value of every model, so each summary can be checked against its rows. */
import type { StudyModel } from '../../state/study-model';
import { GAIN_FIELDS, FIELD_INFO } from '../../state/study-fields';
import { percent } from '../../plots/format';
import { NumCell } from './cells';

const FIELDS = [...GAIN_FIELDS, 'entropyNats'] as const;

export function PromptsTable({ models }: { models: StudyModel[] }) {
  const n = models.reduce((a, m) => a + m.prompts.length, 0);
  return (
    <details className="prompts-details" open={n > 0 && n <= 60}>
      <summary>
        Per-prompt values ({n} rows over {models.length} model{models.length === 1 ? '' : 's'})
      </summary>
      <div className="table-scroll tall">
        <table className="gain-table prompts-table" data-testid="study-prompts">
          <thead>
            <tr>
              <th scope="col">model</th>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">category</th>
              <th scope="col">prompt</th>
              {FIELDS.map((f) => (
                <th key={f} scope="col" className="num" title={FIELD_INFO[f].formula}>
                  <code>{FIELD_INFO[f].label}</code>
                </th>
              ))}
              <th scope="col">top token</th>
            </tr>
          </thead>
          <tbody>
            {models.flatMap((m) =>
              m.prompts.map((p) => (
                <tr key={`${m.key}#${p.index}`} data-testid="study-prompt-row" data-model={m.key} data-index={p.index} data-prompt={p.prompt}>
                  <td>
                    <code title={m.key}>{m.label}</code>
                  </td>
                  <td className="num">{p.index}</td>
                  <td>{p.category ?? <span className="muted">–</span>}</td>
                  <td className="prompt-cell" title={p.prompt}>
                    {p.prompt}
                    {p.truncatedFrom !== undefined && (
                      <div className="muted small" data-testid="study-prompt-truncated" data-value={p.truncatedFrom}>
                        longer than the context: only its last ids were measured (of {p.truncatedFrom})
                      </div>
                    )}
                  </td>
                  {FIELDS.map((f) => (
                    <NumCell key={f} field={f} value={p[f]} missing="–" />
                  ))}
                  <td className="small" data-field="topToken" data-value={p.topToken ?? ''}>
                    {p.topToken === null ? '–' : <code>{JSON.stringify(p.topToken)}</code>} {p.topProb !== null && <span className="muted">{percent(p.topProb)}</span>}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </details>
  );
}
