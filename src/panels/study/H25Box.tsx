/** The H25 verdict: seed 01's accuracy rule and seed 02's rule, with the counts behind them. */
import type { AcrossModels } from '../../state/study-stats';
import { sig5 } from '../../plots/format';
import { NumCell, Undefined } from './cells';

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(0)}%`);

export function H25Box({ across }: { across: AcrossModels }) {
  const h = across.h25;
  if (!h.ok)
    return (
      <div className="stat-block" data-testid="study-h25" data-verdict="">
        <h3>H25 verdict</h3>
        <p>
          <Undefined reason={h.reason} field="h25" />
        </p>
      </div>
    );
  const c = h.confusion;
  return (
    <div className="stat-block" data-testid="study-h25" data-verdict={h.verdict} data-seed02-verdict={h.seed02Verdict} data-agree={h.agree} data-total={h.total}>
      <h3>H25 verdict</h3>
      <p className="h25-verdict">
        <strong className={`verdict verdict-${h.verdict.replace(/ /g, '-')}`}>{h.verdict}</strong> <span data-testid="study-h25-text">{h.verdictText}</span>
      </p>
      <div className="h25-grid">
        <table className="gain-table kv-table" data-testid="study-h25-counts">
          <thead>
            <tr>
              <th scope="col">predicted by rho</th>
              <th scope="col" className="num">
                observed G &lt; 1
              </th>
              <th scope="col" className="num">
                observed G ≥ 1
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">rho ≥ {h.threshold}: dampens</th>
              <NumCell field="dampen-dampen" value={c.predictedDampenObservedDampen} />
              <NumCell field="dampen-expand" value={c.predictedDampenObservedExpand} />
            </tr>
            <tr>
              <th scope="row">rho &lt; {h.threshold}: expands</th>
              <NumCell field="expand-dampen" value={c.predictedExpandObservedDampen} />
              <NumCell field="expand-expand" value={c.predictedExpandObservedExpand} />
            </tr>
          </tbody>
        </table>
        <ul className="h25-facts small">
          <li>
            agree {h.agree} of {h.total} ({pct(h.accuracy)})
          </li>
          <li>
            seed 02's rule: <strong data-testid="study-h25-seed02">{h.seed02Verdict}</strong> (high-rho dampening rate {pct(h.highRhoDampenRate)}, low-rho expansion rate{' '}
            {pct(h.lowRhoExpandRate)}, Pearson r of rho vs G:{' '}
            {h.rhoGainCorrelation.ok ? sig5(h.rhoGainCorrelation.r) : <Undefined reason={h.rhoGainCorrelation.reason} />})
          </li>
          {h.excluded.length > 0 && <li>left out: {h.excluded.map((e) => `${e.name} (${e.reason})`).join('; ')}</li>}
        </ul>
      </div>
      <p className="muted small">
        A tally over {h.total} model{h.total === 1 ? '' : 's'}, not a significance test; see the regression above. Per model:{' '}
        {h.rows.map((r) => `${r.name} rho ${sig5(r.rho)}, G ${sig5(r.gain)} ${r.agrees ? 'agrees' : 'disagrees'}`).join('; ')}.
      </p>
    </div>
  );
}
