/** Methods: the gain definitions, total amplification, norm convention, entropy, token positions, and HF's hidden_states. */
import { GAIN_DEFINITIONS, NORM_CONVENTION, TOTAL_AMPLIFICATION } from '../../analysis/definitions';
import { hookFinalNorm, residPre } from '../../model/hooks';

export function MethodsDefinitions() {
  return (
    <>
      <section className="panel" id="methods-definitions" aria-labelledby="methods-def-h">
        <h2 id="methods-def-h">Definitions</h2>
        <p>
          For a model with L blocks (i = 0..L-1), per token t. The residual stream is tapped at every block boundary with TransformerLens names:{' '}
          <code>{residPre(0)}</code> (the embeddings) … <code>blocks.i.hook_resid_pre</code>, <code>blocks.i.hook_resid_post</code> (=
          <code> blocks.(i+1).hook_resid_pre</code>), and <code>{hookFinalNorm}</code>, the output of the final norm.
        </p>
        <table className="gain-table methods-table" data-testid="methods-definitions">
          <thead>
            <tr>
              <th scope="col">name</th>
              <th scope="col">formula</th>
              <th scope="col">meaning</th>
              <th scope="col">used by</th>
            </tr>
          </thead>
          <tbody>
            {Object.values(GAIN_DEFINITIONS).map((d) => (
              <tr key={d.id} data-definition={d.id}>
                <th scope="row">
                  <code>{d.label}</code>
                </th>
                <td>
                  <code className="formula">{d.formula}</code>
                </td>
                <td>{d.meaning}</td>
                <td>{d.source}</td>
              </tr>
            ))}
            <tr data-definition="total">
              <th scope="row">
                <code>total</code>
              </th>
              <td>
                <code className="formula">{TOTAL_AMPLIFICATION.formula}</code>
              </td>
              <td>{TOTAL_AMPLIFICATION.meaning}</td>
              <td>the lab ({TOTAL_AMPLIFICATION.label})</td>
            </tr>
          </tbody>
        </table>
        <ul>
          <li>
            <strong>Norms</strong>: {NORM_CONVENTION}. Gains are ratios of these norms; no epsilon is added (the seeds add 1e-10 to the denominator, which is
            negligible at these norms).
          </li>
          <li>
            <strong>G_block(L-1)</strong> = <code>||blocks.(L-1).hook_resid_post|| / ||blocks.(L-1).hook_resid_pre||</code> is the true last-block
            gain: the input of the final norm over the input of the last block. In the study it is the default definition of the statistics and figures.
          </li>
          <li>
            <strong>Entropy</strong>: of the next-token distribution after the last prompt token, softmax of the float32 logits computed in float64, in nats (natural log):{' '}
            <code>H = -Σ p ln p</code>. No clipping: probabilities that underflow to 0 contribute 0.
          </li>
          <li>
            <strong>Token position</strong>: <em>last</em> (default, as every seed measures) takes each quantity at the last prompt token;{' '}
            <em>mean</em> takes the per-token ratio at every position (BOS included where the tokenizer adds one) and averages the ratios over positions (a mean of
            ratios, not a ratio of mean norms). Entropy, top token and its probability are always those of the next token after the last position.
          </li>
          <li>
            <strong>Per layer</strong>: G_block(i) for every block i, averaged over prompts (mean and sample std per layer).
          </li>
        </ul>
      </section>
      <section className="panel" id="methods-hf" aria-labelledby="methods-hf-h">
        <h2 id="methods-hf-h">Hugging Face hidden_states</h2>
        <p>
          <code>model(..., output_hidden_states=True).hidden_states</code> has L + 1 entries, and they map onto the lab's taps as:
        </p>
        <table className="gain-table methods-table" data-testid="methods-hf-mapping">
          <tbody>
            <tr>
              <th scope="row">
                <code>hidden_states[0]</code>
              </th>
              <td>
                <code>{residPre(0)}</code>: the embeddings
              </td>
            </tr>
            <tr>
              <th scope="row">
                <code>hidden_states[i]</code>, 0 &lt; i &lt; L
              </th>
              <td>
                <code>blocks.(i-1).hook_resid_post</code> = <code>blocks.i.hook_resid_pre</code>, i.e. resid_pre(i)
              </td>
            </tr>
            <tr>
              <th scope="row">
                <code>hidden_states[L]</code>
              </th>
              <td>
                <code>{hookFinalNorm}</code> = ln_final(resid_post(L-1)): the final norm is already applied
              </td>
            </tr>
          </tbody>
        </table>
        <p>
          The true last-block output, resid_post(L-1), is <strong>not</strong> in Hugging Face's tuple: the lab taps it at the input of the final norm. Hence{' '}
          <code>||hidden_states[L]|| / ||hidden_states[L-1]||</code> (G_hf_last) is mostly the final norm's gain, and{' '}
          <code>||hidden_states[L-1]|| / ||hidden_states[L-2]||</code> (G_hf_penult) = resid_pre(L-1) / resid_pre(L-2) = G_block(L-2), the gain of the
          second-to-last block. Consecutive ratios <code>hidden_states[i+1] / hidden_states[i]</code> for i &lt; L-1 are G_block(i).
        </p>
      </section>
    </>
  );
}
