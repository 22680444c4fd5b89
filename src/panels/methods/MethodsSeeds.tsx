/** Methods: what each seed notebook measured, in the lab's definitions, and how its files' columns import. */
import { SEED_COLUMN_MAP, type SeedFormatId } from '../../io/seed-formats';

const SEEDS: { id: string; title: string; metric: string; lab: string; notes: string[] }[] = [
  {
    id: 'seed01',
    title: 'Seed 01, clean residual gain',
    metric: 'G = ||hidden_states[-1]|| / ||hidden_states[-2]||, last token, float32',
    lab: 'G_hf_last',
    notes: [
      'hidden_states[-1] is the final-norm output, so the "last layer gain" is mostly the final norm\'s gain, not the last block\'s.',
      'Its std is np.std: population std (ddof = 0); the lab\'s tables use the sample std (ddof = 1).',
      'all_layer_gains[i] = hidden_states[i+1] / hidden_states[i]: G_block(i) for i < L-1, and G_hf_last for the last entry.',
    ],
  },
  {
    id: 'seed02',
    title: 'Seed 02, Pythia family sweep "without the final LayerNorm"',
    metric: 'G = ||hidden_states[-2]|| / ||hidden_states[-3]||, last token',
    lab: 'G_hf_penult',
    notes: [
      'It leaves the final norm out as intended, but the ratio is resid_pre(L-1) / resid_pre(L-2) = G_block(L-2): the second-to-last block\'s gain, not the "true last layer".',
      'Its "WRONG" comparison metric (gain_with_ln) is G_hf_last. Std: np.std, ddof = 0. With one block the seed falls back to G_hf_last.',
      'Per-prompt values are stored by position only; the importer pairs them with the seed 02 preset when there are 25.',
    ],
  },
  {
    id: 'seed03',
    title: 'Seed 03, GPT-2 LayerNorm validation',
    metric: 'Last_Gain = norms[-1] / norms[-2] of forward hooks on every block of transformer.h, last token',
    lab: 'G_block(L-1)',
    notes: [
      'Block outputs: resid_post(L-1) / resid_post(L-2) = resid_post(L-1) / resid_pre(L-1), the true last-block gain; the final norm ln_f is outside the blocks.',
      'Total_Amp = norms[-1] / norms[0] = resid_post(L-1) / resid_post(0): not the lab\'s total, whose denominator is resid_pre(0) (the embeddings).',
      'Entropy: scipy.stats.entropy (nats) of the softmax clipped at 1e-10 and renormalised; differs from the exact entropy by under 2e-4 nats for GPT-2.',
      'Its t-test is scipy\'s two-sided ttest_1samp halved into a one-sided p (H1: G < 1), the same as the lab\'s one-sided test; its "Bentov law" is Pearson r of entropy vs |Last_Gain - 1|.',
    ],
  },
];

const FORMATS: { format: SeedFormatId; label: string }[] = [
  { format: 'seed01-json', label: 'seed 01: clean_residual_validation_*.json' },
  { format: 'seed02-json', label: 'seed 02: pythia_family_NO_FINAL_LN_*.json' },
  { format: 'seed03-csv', label: 'seed 03: gpt2_layernorm_validation_*.csv' },
  { format: 'seed03-json', label: 'seed 03: gpt2_layernorm_validation_*.json' },
];

export function MethodsSeeds() {
  return (
    <section className="panel" id="methods-seeds" aria-labelledby="methods-seeds-h">
      <h2 id="methods-seeds-h">The seeds' metrics in the lab's definitions</h2>
      <p>
        The three notebooks disagree because each measures a different ratio under the same name ("last layer gain"). The lab shows all three definitions
        side by side, and an imported number keeps the definition its notebook actually computed.
      </p>
      <table className="gain-table methods-table" data-testid="methods-seed-mapping">
        <thead>
          <tr>
            <th scope="col">seed</th>
            <th scope="col">what the notebook computes</th>
            <th scope="col">lab definition</th>
            <th scope="col">notes</th>
          </tr>
        </thead>
        <tbody>
          {SEEDS.map((s) => (
            <tr key={s.id} data-seed={s.id} data-definition={s.lab}>
              <th scope="row">{s.title}</th>
              <td>
                <code>{s.metric}</code>
              </td>
              <td>
                <code>{s.lab}</code>
              </td>
              <td>
                <ul className="tight">
                  {s.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Imported columns</h3>
      {FORMATS.map((f) => (
        <details key={f.format} className="methods-columns">
          <summary>{f.label}</summary>
          <table className="gain-table methods-table" data-testid="methods-columns" data-format={f.format}>
            <tbody>
              {SEED_COLUMN_MAP.filter((c) => c.format === f.format).map((c) => (
                <tr key={c.column}>
                  <th scope="row">
                    <code>{c.column}</code>
                  </th>
                  <td>
                    <code>{c.quantity}</code>
                  </td>
                  <td className="small">{c.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}
