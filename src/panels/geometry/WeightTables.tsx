/**
 * The weight battery's tables: every matrix with its spectral metrics and ESD fit, the norm gains,
 * the QK manifold per layer, MLP dead / weak neurons, seed 04's null test and the scale-track PCA.
 * Numbers: ~5 digits on screen, full precision in data-value.
 */
import type { WeightBatteryResult } from '../../runtime/weight-battery';
import { matrixRows, nullRows, qkRows } from '../../state/geometry-view';
import { sig5 } from '../../plots/format';
import { NumCell } from '../study/cells';

function Head({ cols }: { cols: [string, string?][] }) {
  return (
    <thead>
      <tr>
        {cols.map(([label, title], i) => (
          <th key={label} scope="col" className={i ? 'num' : undefined} title={title}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function MatrixTable({ r }: { r: WeightBatteryResult }) {
  return (
    <div className="table-scroll">
      <table className="gain-table geometry-table" data-testid="weights-table">
        <Head
          cols={[
            ['matrix', 'catalog name'], ['shape', '[out, in] = [rows, cols]'], ['s_max', '||W||_2, largest singular value of W = U diag(s) V^T'], ['||W||_F'],
            ['stable rank', 'sum s^2 / s_max^2'], ['PR', '(sum s^2)^2 / sum s^4'], ['active', 'fraction of s above 1% of s_max'],
            ['rank90', 'smallest r with 90% of sum s^2'], ['cond', 's_max / s_min'], ['ESD alpha', 'power-law exponent of the ESD of W^T W (WeightWatcher fit)'],
          ]}
        />
        <tbody>
          {matrixRows(r).map((m) => (
            <tr key={m.name} data-testid="weights-row" data-name={m.name} data-kind={m.kind}>
              <th scope="row">
                <code>{m.name}</code>
              </th>
              <td className="num" data-field="shape" data-value={`${m.rows}x${m.cols}`}>
                {m.rows}×{m.cols}
              </td>
              <NumCell field="sMax" value={m.sMax} />
              <NumCell field="frobenius" value={m.frobenius} />
              <NumCell field="stableRank" value={m.stableRank} />
              <NumCell field="participationRatio" value={m.participationRatio} />
              <NumCell field="activeFraction" value={m.activeFraction} />
              <NumCell field="rank90" value={m.rank90} />
              <NumCell field="condition" value={m.condition} missing={m.conditionNote ?? 'n/a'} extra={m.conditionNote ? { 'data-note': m.conditionNote } : undefined}>
                {m.condition === Infinity ? <span title={m.conditionNote ?? ''}>∞</span> : undefined}
              </NumCell>
              <NumCell field="alpha" value={m.alpha} missing={m.esdNote ?? 'not fitted'} extra={m.esdNote ? { 'data-note': m.esdNote } : undefined}>
                {m.alpha !== null ? (
                  <>
                    {sig5(m.alpha)}
                    {m.esdNote && <span className="muted small"> ({m.esdNote})</span>}
                  </>
                ) : undefined}
              </NumCell>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function NormTable({ r }: { r: WeightBatteryResult }) {
  const rows = Object.entries(r.norms);
  if (!rows.length) return <p className="muted small">This catalog has no norm gains.</p>;
  return (
    <div className="table-scroll">
      <table className="gain-table geometry-table" data-testid="weights-norms-table">
        <Head cols={[['norm'], ['n'], ['mean'], ['std', 'ddof 0'], ['min'], ['max'], ['g > 1.5'], ['g < 0.5'], ['0.8 < g < 1.2'], ['g < 0']]} />
        <tbody>
          {rows.map(([name, g]) => (
            <tr key={name} data-testid="weights-norm-row" data-name={name}>
              <th scope="row">
                <code>{name}</code>
              </th>
              <NumCell field="n" value={g.n} />
              <NumCell field="mean" value={g.mean} />
              <NumCell field="std" value={g.std} />
              <NumCell field="min" value={g.min} />
              <NumCell field="max" value={g.max} />
              <NumCell field="nHigh" value={g.nHigh} />
              <NumCell field="nLow" value={g.nLow} />
              <NumCell field="nNearOne" value={g.nNearOne} />
              <NumCell field="nNegative" value={g.nNegative} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function QkTable({ r }: { r: WeightBatteryResult }) {
  const rows = qkRows(r);
  if (!rows.length) return <p className="muted small">No layer has both W_Q and W_K in the catalog.</p>;
  return (
    <div className="table-scroll">
      <table className="gain-table geometry-table" data-testid="weights-qk-table">
        <Head
          cols={[
            ['layer'], ['heads'], ['stable rank', 'mean over heads of M_h = W_Q,h^T W_K,g(h)'], ['PR', 'mean over heads'],
            ['sym. dev.', 'mean ||M - M^T||_F / ||M||_F'], ['eig > 0', 'eigenvalues of (M + M^T)/2, summed over heads'], ['eig < 0'], ['top eig'], ['bottom eig'],
          ]}
        />
        <tbody>
          {rows.map((q) => (
            <tr key={`${q.stack}${q.layer}`} data-testid="weights-qk-row" data-layer={q.layer} data-stack={q.stack}>
              <th scope="row">{q.stack ? `${q.stack}.${q.layer}` : q.layer}</th>
              <NumCell field="heads" value={q.heads} />
              <NumCell field="meanStableRank" value={q.meanStableRank} />
              <NumCell field="meanParticipationRatio" value={q.meanParticipationRatio} />
              <NumCell field="meanSymmetryDeviation" value={q.meanSymmetryDeviation} />
              <NumCell field="nPositive" value={q.nPositive} />
              <NumCell field="nNegative" value={q.nNegative} />
              <NumCell field="topEigenvalue" value={q.topEigenvalue} />
              <NumCell field="bottomEigenvalue" value={q.bottomEigenvalue} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MlpTable({ r }: { r: WeightBatteryResult }) {
  if (!r.mlp.length) return <p className="muted small">No layer has both MLP projections in the catalog.</p>;
  return (
    <div className="table-scroll">
      <table className="gain-table geometry-table" data-testid="weights-mlp-table">
        <Head cols={[['layer'], ['neurons'], ['dead', 'importance < 1% of the mean'], ['weak', 'importance < 10% of the mean (dead included)'], ['mean importance', '||W_in[j,:]|| ||W_out[:,j]|| (x ||W_gate[j,:]||)'], ['gated']]} />
        <tbody>
          {r.mlp.map(({ stack, layer, result: m }) => (
            <tr key={`${stack}${layer}`} data-testid="weights-mlp-row" data-layer={layer} data-stack={stack}>
              <th scope="row">{stack ? `${stack}.${layer}` : layer}</th>
              <NumCell field="nNeurons" value={m.nNeurons} />
              <NumCell field="dead" value={m.dead} />
              <NumCell field="weak" value={m.weak} />
              <NumCell field="meanImportance" value={m.meanImportance} />
              <td className="num" data-field="gated" data-value={String(m.gateNorms !== null)}>
                {m.gateNorms ? 'yes' : 'no'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function NullTestTable({ r }: { r: WeightBatteryResult }) {
  const rows = nullRows(r);
  if (!rows.length) return <p className="muted small">No null test: {r.skipped.join('; ') || 'no family with two layers'}.</p>;
  return (
    <div className="table-scroll">
      <table className="gain-table geometry-table" data-testid="weights-null-table">
        <Head
          cols={[
            ['family'], ['layers'], ['pairs', 'adjacent layer pairs compared'], ['mean cos', 'cos of Frobenius-normalised W_l, W_l+1'], ['median cos'],
            ['raw resid', 'mean sqrt(2 - 2 cos)'], ['scalar-fit resid', 'mean sqrt(1 - cos^2)'], ['improvement', '(raw - scalar fit) / raw'],
          ]}
        />
        <tbody>
          {rows.map((f) => (
            <tr key={f.family} data-testid="weights-null-row" data-family={f.family}>
              <th scope="row">
                <code>{f.family}</code>
              </th>
              <NumCell field="nLayers" value={f.nLayers} />
              <NumCell field="nPairs" value={f.nPairs} />
              <NumCell field="meanCos" value={f.meanCos} />
              <NumCell field="medianCos" value={f.medianCos} />
              <NumCell field="rawResid" value={f.rawResid} />
              <NumCell field="scalarFit" value={f.scalarFit} />
              <NumCell field="improveFrac" value={f.improveFrac} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PcaTable({ r }: { r: WeightBatteryResult }) {
  const pca = r.nullTest?.scalePca;
  if (!pca) return <p className="muted small">No scale-track PCA: {r.nullTest?.scalePcaReason ?? 'no null test'}.</p>;
  const modes = Array.from(pca.explainedFraction, (_, i) => i);
  return (
    <div className="table-scroll">
      <table className="gain-table geometry-table" data-testid="weights-pca-table">
        <thead>
          <tr>
            <th scope="col">family</th>
            {modes.map((k) => (
              <th key={k} scope="col" className="num" title={pca.degenerate[k] ? 'degenerate mode: its vectors are arbitrary' : undefined}>
                PC{k + 1}
                {pca.degenerate[k] ? '*' : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr data-testid="weights-pca-explained">
            <th scope="row" className="muted">explained</th>
            {modes.map((k) => (
              <NumCell key={k} field={`pc${k + 1}`} value={pca.explainedFraction[k]} />
            ))}
          </tr>
          {pca.families.map((f) => (
            <tr key={f} data-testid="weights-pca-row" data-family={f}>
              <th scope="row">
                <code>{f}</code>
              </th>
              {modes.map((k) => (
                <NumCell key={k} field={`pc${k + 1}`} value={pca.loadings[f][k]} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {pca.excluded.length > 0 && <p className="muted small">Left out: {pca.excluded.map((x) => `${x.family} (${x.reason})`).join('; ')}.</p>}
    </div>
  );
}
