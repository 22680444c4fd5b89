/** The seed's impact measures (seed 05 §7) on the prompt's final states: summaries, then per token. */
import type { ModulationView } from '../../state/modulator-store';
import { sig5 } from '../../plots/format';

function Num({ testId, v }: { testId: string; v: number }) {
  return (
    <td className="num" data-testid={testId} data-value={String(v)} title={String(v)}>
      {Number.isNaN(v) ? 'n/a' : sig5(v)}
    </td>
  );
}

export function ImpactNumbers({ r }: { r: ModulationView }) {
  const i = r.impact;
  const states = r.stack === 'encoder' ? 'encoder output (T5)' : 'final-norm output (HF last hidden state)';
  return (
    <div className="impact">
      <h3>Impact on the prompt’s final states</h3>
      <table className="kv-table impact-table" data-testid="impact-table">
        <tbody>
          <tr>
            <th scope="row">cos(original_t, modulated_t), mean</th>
            <Num testId="impact-cos-mean" v={i.cosMean} />
            <th scope="row">std</th>
            <Num testId="impact-cos-std" v={i.cosStd} />
          </tr>
          <tr>
            <th scope="row">||modulated_t|| / ||original_t||, mean</th>
            <Num testId="impact-norm-ratio-mean" v={i.normRatioMean} />
            <td />
            <td />
          </tr>
          <tr>
            <th scope="row">pairwise cosine shift, mean</th>
            <Num testId="impact-pairwise-shift-mean" v={i.pairwiseShiftMean} />
            <th scope="row">std</th>
            <Num testId="impact-pairwise-shift-std" v={i.pairwiseShiftStd} />
          </tr>
        </tbody>
      </table>
      <p className="muted small">
        Over the {r.promptIds.length} prompt tokens’ {states}, without and with modulation. Pairwise shift: cos(mod_s, mod_t) − cos(orig_s, orig_t) over the{' '}
        {(r.promptIds.length * (r.promptIds.length - 1)) / 2} pairs s &lt; t (n/a for one token). Std: population (ddof 0), as the seed.
      </p>
      <details className="impact-tokens">
        <summary>per token</summary>
        <table className="kv-table">
          <thead>
            <tr>
              <th scope="col">position</th>
              <th scope="col">id</th>
              <th scope="col" className="num">cos</th>
              <th scope="col" className="num">norm ratio</th>
            </tr>
          </thead>
          <tbody>
            {i.cosPerToken.map((c, t) => (
              <tr key={t} data-testid="impact-token" data-pos={t}>
                <td>{t}</td>
                <td>{r.promptIds[t]}</td>
                <Num testId="impact-cos-token" v={c} />
                <Num testId="impact-norm-ratio-token" v={i.normRatio[t]} />
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
