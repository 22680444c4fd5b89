/**
 * The field modulator's health report for the shown result: alpha statistics, each expert's template
 * volume against the regular simplex, deform norms, parameter count, the CV check on the static
 * embedding with its band verdict, and per-forward validity and gate means per block.
 */
import { useModulator } from '../../state/modulator-store';
import { sig5 } from '../../plots/format';

const num = (v: number) => (Number.isNaN(v) ? 'n/a' : sig5(v));

function Cell({ v, testId }: { v: number; testId?: string }) {
  return (
    <td className="num" data-testid={testId} data-value={String(v)} title={String(v)}>
      {num(v)}
    </td>
  );
}

export function FieldHealth() {
  const f = useModulator((s) => s.result?.field);
  if (!f) return null;
  const h = f.health;
  const ks = f.config.expertKs;
  return (
    <section className="panel" aria-labelledby="mod-health-h" data-testid="field-health" data-seed={f.seed}>
      <h2 id="mod-health-h">Field health</h2>
      {f.clamped && (
        <p className="callout small" data-testid="field-clamped">
          An alpha outside [{f.config.alphaMin}, {f.config.alphaMax}] was clamped, as the seed’s modulator does.
        </p>
      )}
      <table className="kv-table" data-testid="field-health-table">
        <tbody>
          <tr>
            <th>alpha mean / std / min / max (modulated blocks)</th>
            <Cell v={h.alphaMean} testId="field-alpha-mean" />
            <Cell v={h.alphaStd} />
            <Cell v={h.alphaMin} />
            <Cell v={h.alphaMax} testId="field-alpha-max" />
          </tr>
          <tr>
            <th>parameters (seed count) · active / null dims</th>
            <td className="num" data-testid="field-total-params" data-value={h.totalParams}>
              {h.totalParams}
            </td>
            <td className="num">{h.nActive}</td>
            <td className="num">{h.nNull}</td>
            <td />
          </tr>
          <tr>
            <th>
              CV check: {f.cv.nSimplices} pentachora of static-embedding rows ({f.cv.dims} dims), band {f.config.cvTarget} ± {f.config.cvTolerance}
            </th>
            <Cell v={f.cv.cv} testId="field-cv" />
            <td className="num" data-testid="field-cv-valid" data-value={f.cv.validFraction}>
              valid {f.cv.validFraction}
            </td>
            <td data-testid="field-cv-verdict" data-value={f.cv.inBand ? 'in' : 'out'}>
              {f.cv.inBand ? 'in band' : 'outside the band'}
            </td>
            <td />
          </tr>
        </tbody>
      </table>
      <table className="kv-table" data-testid="field-experts">
        <thead>
          <tr>
            <th>expert</th>
            <th>template vol²</th>
            <th>regular vol² (unit edges)</th>
            <th>deform bias norm (seed’s key)</th>
            <th>deform weight norm</th>
          </tr>
        </thead>
        <tbody>
          {h.experts.map((e) => (
            <tr key={e.k} data-testid="field-expert" data-k={e.k}>
              <th>k = {e.k}</th>
              <Cell v={e.templateVol2} testId={`field-template-vol2-k${e.k}`} />
              <Cell v={e.regularVol2} />
              <Cell v={e.deformNorm} testId={`field-deform-norm-k${e.k}`} />
              <Cell v={e.deformWeightNorm} />
            </tr>
          ))}
        </tbody>
      </table>
      <table className="kv-table" data-testid="field-validity">
        <thead>
          <tr>
            <th>block</th>
            <th>α</th>
            {ks.map((k) => (
              <th key={k}>valid k = {k}</th>
            ))}
            <th>gate mean</th>
          </tr>
        </thead>
        <tbody>
          {f.validity.validity.map((row, i) => (
            <tr key={i} data-testid="field-validity-row" data-block={i} data-validity={row.join(',')}>
              <th>{i}</th>
              <Cell v={h.alphaLayer[i]} />
              {row.map((v, e) => (
                <Cell key={e} v={v} />
              ))}
              <Cell v={f.validity.gateMean[i]} testId={`field-gate-mean-${i}`} />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Validity is the fraction of prompt positions whose expert simplex has vol² &gt; 0 in this forward (the seed keeps a training-time moving average instead); the gate mean
        is the combined gate averaged over positions and active dims (1 = untouched).
      </p>
    </section>
  );
}
