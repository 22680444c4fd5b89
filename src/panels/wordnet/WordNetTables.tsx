/** The WordNet battery's tables: matched lemmas, seed 0's run (static | contextual) and the stability summary per statistic. */
import type { WordNetBatteryResult } from '../../runtime/wordnet-battery';
import { runRows, statisticLabel, statisticRows } from '../../state/wordnet-view';
import { NumCell } from '../study/cells';

export function MatchedLemmas({ b }: { b: WordNetBatteryResult }) {
  return (
    <p className="small" data-testid="wordnet-matched" data-matched={b.matched}>
      <strong>{b.matched}</strong> WordNet lemmas are one token of this model&rsquo;s vocabulary (each token counted once; definitions longer than 10 characters). First of them:{' '}
      {b.examples.map((e, i) => (
        <span key={e.synset} data-testid="wordnet-example" data-synset={e.synset} data-token-id={e.tokenId}>
          {i > 0 && ', '}
          <code>{JSON.stringify(e.text)}</code> {e.synset} (id {e.tokenId})
        </span>
      ))}
      . Contextual vector: {b.contextual}.{b.tokenization === 'utf8-bytes' && ' Token ids are UTF-8 bytes.'}
    </p>
  );
}

export function RunTable({ b }: { b: WordNetBatteryResult }) {
  const r = b.run;
  return (
    <div className="table-scroll">
      <p className="muted small" data-testid="wordnet-run-counts" data-pairs-valid={r.pairsValid} data-chains={r.chains.available} data-seed={r.seed}>
        Seed {r.seed}: {r.nRel} related lemmas, {r.pairsDrawn} pairs drawn, {r.pairsDistinct} distinct, {r.pairsValid} with a path similarity &gt; 0; {r.chains.available} hypernym chains ({r.chains.used} used);{' '}
        {r.simplices.requested} pentachora ({r.simplices.static.valid} / {r.simplices.context.valid} with V&sup2; &gt; 0, static / contextual); volume correlation{' '}
        {r.simplices.volumeCorrelation === null ? 'undefined' : r.simplices.volumeCorrelation.toPrecision(5)}.
      </p>
      <table className="gain-table geometry-table" data-testid="wordnet-run-table">
        <thead>
          <tr>
            <th scope="col">statistic</th>
            <th scope="col" className="num" title="pairs or chains behind the numbers">n</th>
            <th scope="col" className="num">static</th>
            <th scope="col" className="num">contextual</th>
          </tr>
        </thead>
        <tbody>
          {runRows(b).map((row) => (
            <tr key={row.field} data-testid="wordnet-run-row" data-field={row.field}>
              <th scope="row">{row.label}</th>
              <NumCell field="n" value={row.n} missing="" />
              <NumCell field="static" value={row.static} missing={row.missing} />
              <NumCell field="context" value={row.context} missing={row.missing} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StabilityTable({ b }: { b: WordNetBatteryResult }) {
  const st = b.stability;
  if (!st) return <p className="muted small" data-testid="wordnet-no-stability">A single run (1 seed): no stability summary. Set the seeds above 1 for section 3&rsquo;s test.</p>;
  return (
    <div className="table-scroll">
      <table className="gain-table geometry-table" data-testid="wordnet-stability-table" data-seeds={st.seeds.length}>
        <thead>
          <tr>
            <th scope="col">statistic</th>
            <th scope="col">representation</th>
            <th scope="col" className="num" title="seeds where the statistic exists">n</th>
            <th scope="col" className="num">mean</th>
            <th scope="col" className="num" title="ddof 0, as the seed's report">std</th>
            <th scope="col" className="num" title="mean - t(0.975, n-1) std(ddof 1) / sqrt(n)">95% CI low</th>
            <th scope="col" className="num">95% CI high</th>
            <th scope="col" className="num" title="numpy linear percentile of the per-seed values">p2.5</th>
            <th scope="col" className="num">p97.5</th>
          </tr>
        </thead>
        <tbody>
          {statisticRows(b).map((row) => {
            const v = Object.fromEntries(row.values);
            const missing = 'not defined in any seed';
            return (
              <tr key={row.name} data-testid="wordnet-stability-row" data-name={row.name}>
                <th scope="row">{statisticLabel(row.statistic)}</th>
                <td>{row.representation === 'context' ? 'contextual' : row.representation}</td>
                <NumCell field="n" value={row.seeds} />
                <NumCell field="mean" value={v.mean} missing={missing} />
                <NumCell field="std_ddof0" value={v.std_ddof0} missing={missing} />
                <NumCell field="ci95_low" value={v.ci95_low} missing={row.seeds === 1 ? 'needs 2 seeds' : missing} />
                <NumCell field="ci95_high" value={v.ci95_high} missing={row.seeds === 1 ? 'needs 2 seeds' : missing} />
                <NumCell field="p2_5" value={v.p2_5} missing={missing} />
                <NumCell field="p97_5" value={v.p97_5} missing={missing} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
