/**
 * Methods: every definition and formula the lab uses, the mapping to Hugging Face hidden_states,
 * the mapping of each seed notebook's metric to the lab's definitions, and the statistics.
 */
import { MethodsDefinitions } from './MethodsDefinitions';
import { MethodsSeeds } from './MethodsSeeds';
import { MethodsStats } from './MethodsStats';
import { MethodsGeometry } from './MethodsGeometry';
import { MethodsWordNet } from './MethodsWordNet';
import { MethodsTrainAlpha } from './MethodsTrainAlpha';
import { MethodsFieldModulator } from './MethodsFieldModulator';

export function MethodsPage() {
  return (
    <main className="methods-page" data-testid="methods-page">
      <section className="panel">
        <h2>Methods</h2>
        <p>
          Every number the lab shows, exports or plots names the definition it uses. This page states them once: the gain definitions and their formulas, how
          they map onto the Hugging Face <code>hidden_states</code> tuple, what each seed notebook's metric is in those terms, and how the statistics are
          computed.
        </p>
        <nav className="methods-toc small">
          <a href="#methods-definitions">Definitions</a> · <a href="#methods-hf">Hugging Face hidden_states</a> · <a href="#methods-seeds">The seeds' metrics</a> ·{' '}
          <a href="#methods-stats">Statistics</a> · <a href="#methods-sweeps">Sweeps</a> · <a href="#methods-weights">Weight battery</a> ·{' '}
          <a href="#methods-embedding">Embedding battery</a> · <a href="#methods-modulator">Residual modulator</a> · <a href="#methods-field-modulator">Geometric field modulator</a> · <a href="#methods-wordnet">WordNet</a>
        </nav>
      </section>
      <MethodsDefinitions />
      <MethodsSeeds />
      <MethodsStats />
      <MethodsGeometry />
      <MethodsWordNet />
      <MethodsTrainAlpha />
      <MethodsFieldModulator />
    </main>
  );
}
