/** Methods: the statistics of the study (ddof, alternatives, ties, undefined cases, the H25 rules) and how sweeps resume. */
import { H25_DEFAULT_THRESHOLD } from '../../analysis/h25';

export function MethodsStats() {
  return (
    <>
      <section className="panel" id="methods-stats" aria-labelledby="methods-stats-h">
        <h2 id="methods-stats-h">Statistics</h2>
        <p>All in float64, matching scipy.stats (checked against scipy values committed as a fixture); Student-t probabilities from @stdlib.</p>
        <ul data-testid="methods-stats-list">
          <li>
            <strong>Summaries</strong>: mean and <em>sample</em> standard deviation over prompts, ddof = 1 (numpy <code>std(ddof=1)</code>, pandas{' '}
            <code>.std()</code>). Seeds 01 and 02 wrote population std (ddof = 0); an imported summary keeps its file's value and says so.
          </li>
          <li>
            <strong>t-test against 1.0</strong>: one-sample Student t, <code>t = (mean - 1) / (s / √n)</code> with s the sample std, df = n - 1
            (scipy <code>ttest_1samp(G, 1.0, alternative=…)</code>). Both one-sided alternatives are shown: H1: G &lt; 1 (dampening; seed 03's test) and H1:
            G &gt; 1 (expansion). Undefined for n &lt; 2 and for zero variance.
          </li>
          <li>
            <strong>Seed 03's "Bentov law"</strong>: entropy (nats) against |G - 1| over a model's prompts, Pearson r and Spearman rho, two-sided, p from Student
            t with n - 2 df. Spearman ranks ties by their <em>average</em> rank (scipy <code>rankdata(method='average')</code>) with no tie correction of
            the p-value. Undefined for n ≤ 2 (two points always lie on a line) and for zero variance in either variable.
          </li>
          <li>
            <strong>G on rho across models</strong>: least-squares line of each model's mean G on its rho (scipy <code>linregress</code>), with Pearson r
            and the two-sided p of the slope. The line needs two models with different rho; r and p need three and variance in G.
          </li>
          <li>
            <strong>H25</strong>: rho = n_heads / d_head ≥ threshold (default {H25_DEFAULT_THRESHOLD}, configurable) predicts dampening, mean G &lt; 1;
            G = 1 exactly counts as not dampening. Seed 01's rule: the fraction of models whose prediction agrees, ≥ 75% "validated", ≥ 50% "partially
            validated", else "falsified". Seed 02's rule, shown beside it: "validated" when more than half of the high-rho models dampen or (≥ 3 models and
            Pearson r of rho vs G &lt; -0.3), "inconclusive" below 3 models, else "not validated". One definition at a time: the verdict never mixes gain
            definitions across models. A verdict on a handful of models is a tally, not a significance test.
          </li>
          <li>
            <strong>Undefined</strong> statistics are shown with their reason, never as NaN.
          </li>
        </ul>
      </section>
      <section className="panel" id="methods-sweeps" aria-labelledby="methods-sweeps-h">
        <h2 id="methods-sweeps-h">Sweeps</h2>
        <p>
          A sweep runs the queued models one after another in the model worker: each loads, measures every prompt of the set (one forward pass per prompt, taps
          at every block boundary), is unloaded, and the next starts. A model that fails is reported with its error and the sweep goes on. Cancel stops the
          sweep where the worker next checks (between prompts, and before a model's first prompt) and keeps what was measured. <strong>Resume</strong> keeps the run's prompt set and token position and measures only the model
          × prompt pairs that are missing: untouched models run over the whole set, and a model cancelled part-way is loaded again and measures only its missing
          prompts (its earlier rows are kept; a forward pass is deterministic, so a row does not depend on when it was measured). Run starts a new run with the
          prompt set and options shown.
        </p>
      </section>
    </>
  );
}
