/** The embedding battery: Run (with its Rng seed) / progress / Cancel / Download, then its tables and figures. */
import { useGeometry } from '../../state/geometry-store';
import { setGeometrySeed } from '../../state/geometry-actions';
import { useEmbeddingEntry } from '../../state/geometry-view';
import { resultFilename, resultJson } from '../../state/geometry-results';
import { BatteryControls } from './BatteryControls';
import { CategoryTable, EmbeddingSummary, EvolutionTable } from './EmbeddingTables';
import { EmbeddingFigures } from './EmbeddingFigures';
import { ResultOrigin } from './ResultOrigin';
import { downloadText } from '../common/download';

export function EmbeddingBatteryPanel({ canRun }: { canRun: boolean }) {
  const entry = useEmbeddingEntry();
  const model = useGeometry((s) => s.embedding.resultModel);
  const seed = useGeometry((s) => s.seed);
  const busy = useGeometry((s) => s.embedding.jobId !== null);
  const r = entry?.result ?? null;
  return (
    <section className="panel" aria-labelledby="geo-embedding-h" data-testid="embedding-panel">
      <h2 id="geo-embedding-h">Embedding battery</h2>
      <p className="muted small">
        Seed 05's geometry of the token embedding E [vocab, d_model]: norms, sampled pairwise cosines, the covariance eigenspectrum, Cayley-Menger volumes of random
        5-point simplices against Gaussian points of the same scale, the digit manifold and the semantic categories; then the residual stream's norm and pairwise cosine at
        every block boundary over seed 05's ten test sentences: resid_pre of each block, resid_post of the last (before the final norm) and the final norm's output (HF's last hidden state).
      </p>
      <BatteryControls kind="embedding" canRun={canRun} onDownload={entry ? () => downloadText(resultFilename(entry), resultJson(entry), 'application/json') : null}>
        <div className="field field-inline seed-field">
          <label htmlFor="geo-seed">Rng seed</label>
          <input
            id="geo-seed" data-testid="embedding-seed" type="number" step={1} value={seed} disabled={busy}
            onChange={(e) => Number.isInteger(Number(e.target.value)) && setGeometrySeed(Number(e.target.value))}
          />
        </div>
      </BatteryControls>
      {r && (
        <div data-testid="embedding-result">
          <ResultOrigin model={model} />
          <p className="muted small" data-testid="embedding-summary" data-seed={r.geometry.seed} data-total-ms={r.timing.totalMs}>
            Rng seed {r.geometry.seed}; {r.vocabulary.digits}; {r.timing.totalMs.toFixed(0)} ms.
            {r.vocabulary.skippedWords.length > 0 && ` Category words that are not one token (left out): ${r.vocabulary.skippedWords.join(', ')}.`}
          </p>
          <h3>Embedding geometry</h3>
          <EmbeddingSummary r={r} />
          <h3>Semantic categories</h3>
          <CategoryTable r={r} />
          <h3>Hidden states by boundary</h3>
          <p className="muted small">{r.evolutionNote}</p>
          <EvolutionTable r={r} />
          <h3>Figures</h3>
          <EmbeddingFigures r={r} />
        </div>
      )}
    </section>
  );
}
