/**
 * Statistics of the study for one chosen gain definition: per model, the one-sided t-tests of
 * G against 1.0 and seed 03's entropy vs |G - 1| correlations; across models, the regression of
 * mean G on rho and the H25 verdict with its counts. Undefined statistics show their reason.
 */
import { useStudy } from '../../state/study-store';
import { setH25Threshold, setStatField } from '../../state/study-actions';
import { STAT_FIELDS, type AcrossModels, type ModelStats } from '../../state/study-stats';
import { FIELD_INFO, fieldWithFormula, type GainField } from '../../state/study-fields';
import type { CorrelationResult, TTestResult, Undefined as U } from '../../analysis/stats';
import { NumCell, pText, Undefined } from './cells';
import { H25Box } from './H25Box';

function TCells({ t, kind }: { t: TTestResult | U; kind: string }) {
  if (!t.ok)
    return (
      <td colSpan={3} data-field={`${kind}`}>
        <Undefined reason={t.reason} field={kind} />
      </td>
    );
  return (
    <>
      <NumCell field={`${kind}.t`} value={t.t} />
      <NumCell field={`${kind}.df`} value={t.df} />
      <NumCell field={`${kind}.p`} value={t.p}>
        {pText(t.p)}
      </NumCell>
    </>
  );
}

function RCells({ c, kind }: { c: CorrelationResult | U; kind: string }) {
  if (!c.ok)
    return (
      <td colSpan={2} data-field={kind}>
        <Undefined reason={c.reason} field={kind} />
      </td>
    );
  return (
    <>
      <NumCell field={`${kind}.r`} value={c.r} />
      <NumCell field={`${kind}.p`} value={c.p}>
        {pText(c.p)}
      </NumCell>
    </>
  );
}

export function StatsPanel({ perModel, across, field }: { perModel: ModelStats[]; across: AcrossModels; field: GainField }) {
  const threshold = useStudy((s) => s.h25Threshold);
  const label = FIELD_INFO[field].label;
  return (
    <div className="study-stats" data-testid="study-stats" data-field={field}>
      <div className="param-row">
        <div className="field field-inline stat-field">
          <label htmlFor="study-stat-field">Gain definition for the statistics and figures</label>
          <select id="study-stat-field" data-testid="study-stat-field" value={field} onChange={(e) => setStatField(e.target.value as GainField)}>
            {STAT_FIELDS.map((f) => (
              <option key={f} value={f}>
                {fieldWithFormula(f)} ({FIELD_INFO[f].source})
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor="study-h25-threshold">H25 threshold on rho</label>
          <input
            id="study-h25-threshold"
            data-testid="study-h25-threshold"
            type="number"
            step={0.01}
            value={Number.isFinite(threshold) ? threshold : ''}
            onChange={(e) => setH25Threshold(e.target.value === '' ? NaN : Number(e.target.value))}
          />
        </div>
      </div>
      <h3>Per model: {label} against 1.0, and seed 03's "Bentov law"</h3>
      <div className="table-scroll">
        <table className="gain-table stats-table" data-testid="study-ttest">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                model
              </th>
              <th scope="colgroup" colSpan={3} title="one-sample t-test, ddof = 1, H1: mean G < 1 (dampening)">
                t-test, H1: G &lt; 1
              </th>
              <th scope="colgroup" colSpan={3} title="one-sample t-test, ddof = 1, H1: mean G > 1 (expansion)">
                t-test, H1: G &gt; 1
              </th>
              <th scope="colgroup" colSpan={2} title="Pearson r of entropy (nats) vs |G - 1| over prompts, two-sided">
                Pearson, entropy vs |G-1|
              </th>
              <th scope="colgroup" colSpan={2} title="Spearman rho (average ranks for ties) of entropy vs |G - 1| over prompts, two-sided">
                Spearman, entropy vs |G-1|
              </th>
            </tr>
            <tr>
              {['t', 'df', 'p', 't', 'df', 'p', 'r', 'p', 'rho', 'p'].map((h, i) => (
                <th key={i} scope="col" className="num">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {perModel.map((m) => (
              <tr key={m.key} data-testid="study-stat-row" data-model={m.key}>
                <th scope="row">
                  <code title={m.key}>{m.label}</code>
                </th>
                <TCells t={m.tLess} kind="tLess" />
                <TCells t={m.tGreater} kind="tGreater" />
                <RCells c={m.bentovPearson} kind="pearson" />
                <RCells c={m.bentovSpearman} kind="spearman" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Across models: mean {label} on rho</h3>
      <Regression across={across} />
      <H25Box across={across} />
    </div>
  );
}

function Regression({ across }: { across: AcrossModels }) {
  const r = across.regression;
  return (
    <div className="stat-block" data-testid="study-regression" data-n={across.points.length}>
      {!r.ok ? (
        <p>
          Linear regression of mean G on rho over {across.points.length} model{across.points.length === 1 ? '' : 's'}: <Undefined reason={r.reason} field="regression" />
        </p>
      ) : (
        <table className="gain-table kv-table">
          <tbody>
            <tr>
              <th scope="row">models (n)</th>
              <NumCell field="n" value={r.n} />
            </tr>
            <tr>
              <th scope="row">slope</th>
              <NumCell field="slope" value={r.slope} />
            </tr>
            <tr>
              <th scope="row">intercept</th>
              <NumCell field="intercept" value={r.intercept} />
            </tr>
            {r.inference.ok ? (
              <>
                <tr>
                  <th scope="row">Pearson r</th>
                  <NumCell field="r" value={r.inference.r} />
                </tr>
                <tr>
                  <th scope="row">p (slope ≠ 0, two-sided)</th>
                  <NumCell field="p" value={r.inference.p}>
                    {pText(r.inference.p)}
                  </NumCell>
                </tr>
              </>
            ) : (
              <tr>
                <th scope="row">r, p</th>
                <td data-field="r">
                  <Undefined reason={r.inference.reason} field="r" />
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {across.left.length > 0 && <p className="muted small">Left out: {across.left.map((l) => `${l.label} (${l.reason})`).join('; ')}.</p>}
    </div>
  );
}
