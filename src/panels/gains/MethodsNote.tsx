/** Methods: the three gain definitions, the HF hidden_states mapping and the norm convention. */
import { GAIN_DEFINITIONS, NORM_CONVENTION } from '../../analysis/definitions';

export function MethodsNote() {
  return (
    <details className="methods" data-testid="methods-note">
      <summary>Methods: gain definitions, HF hidden_states mapping, norm convention</summary>
      <p>For a model with L blocks, every number is computed per token t (default: the last prompt token):</p>
      <ul>
        {Object.values(GAIN_DEFINITIONS).map((d) => (
          <li key={d.id}>
            <code>{d.label}</code> = <code>{d.formula}</code>: {d.meaning} ({d.source}).
          </li>
        ))}
      </ul>
      <p>
        Hugging Face <code>output_hidden_states</code> maps onto the lab's taps as: <code>hidden_states[0]</code> = <code>blocks.0.hook_resid_pre</code> (the
        embeddings); <code>hidden_states[i]</code> = <code>blocks.(i-1).hook_resid_post</code> = <code>blocks.i.hook_resid_pre</code> for i &lt; L;{' '}
        <code>hidden_states[L]</code> = <code>ln_final.hook_normalized</code>, the final norm applied to <code>blocks.(L-1).hook_resid_post</code>. The true
        last-block output is not in HF's tuple: the lab taps it at the input of the final norm.
      </p>
      <p>
        Norm convention: {NORM_CONVENTION}. Total amplification = <code>||resid_post(L-1)|| / ||resid_pre(0)||</code>.
      </p>
      <p>
        The <a href="#methods">Methods</a> page states every definition, the mapping of each seed notebook's metric, and the statistics of studies.
      </p>
    </details>
  );
}
