/** The embedding battery's tables: the summary numbers, seed 05's categories and the hidden-state evolution by boundary. */
import type { EmbeddingBatteryResult } from '../../runtime/embedding-battery';
import { boundaryLabels } from '../../plots/geometry/embedding';
import { embeddingSummaryRows } from '../../state/geometry-view';
import { NumCell } from '../study/cells';

export function EmbeddingSummary({ r }: { r: EmbeddingBatteryResult }) {
  return (
    <div className="table-scroll">
      <table className="gain-table geometry-table" data-testid="embedding-table">
        <tbody>
          {embeddingSummaryRows(r).map((row) => (
            <tr key={row.field} data-testid="embedding-row" data-field={row.field}>
              <th scope="row">{row.label}</th>
              <NumCell field={row.field} value={row.value} missing={row.note} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CategoryTable({ r }: { r: EmbeddingBatteryResult }) {
  const c = r.geometry.categories;
  if (!c) return <p className="muted small">No semantic categories: {r.vocabulary.digits.startsWith('the model ships no tokenizer') ? 'the model ships no tokenizer' : 'none resolved'}.</p>;
  return (
    <div className="table-scroll">
      <table className="gain-table geometry-table" data-testid="embedding-categories-table">
        <thead>
          <tr>
            <th scope="col">category</th>
            <th scope="col" className="num" title="single-token words measured">n</th>
            <th scope="col" className="num" title="mean cosine over the pairs of members">intra cos</th>
            <th scope="col" className="num" title="population std of those cosines">std</th>
            <th scope="col" className="num" title={`intra cos - global mean cos (${c.globalMeanCos.toPrecision(5)})`}>lift</th>
          </tr>
        </thead>
        <tbody>
          {c.categories.map((x) => (
            <tr key={x.name} data-testid="embedding-category-row" data-category={x.name}>
              <th scope="row" title={x.skippedWords?.length ? `not one token: ${x.skippedWords.join(', ')}` : undefined}>
                {x.name}
              </th>
              <NumCell field="n" value={x.n} />
              <NumCell field="intraCos" value={x.intraCos} missing="too few words" />
              <NumCell field="intraStd" value={x.intraStd} missing="too few words" />
              <NumCell field="lift" value={x.lift} missing="too few words" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EvolutionTable({ r }: { r: EmbeddingBatteryResult }) {
  const e = r.evolution;
  if (!e) return <p className="muted small">No hidden-state evolution: {r.evolutionNote}.</p>;
  const hooks = boundaryLabels(e.layers.length, r.evolutionHooks);
  return (
    <div className="table-scroll">
      <table className="gain-table geometry-table" data-testid="embedding-evolution-table">
        <thead>
          <tr>
            <th scope="col">boundary</th>
            <th scope="col" className="num">mean ||h||</th>
            <th scope="col" className="num" title="mean over sentences of the token-norm std (ddof 0)">std ||h||</th>
            <th scope="col" className="num" title="mean pairwise cosine between a sentence's tokens">mean cos</th>
            <th scope="col" className="num">std cos</th>
          </tr>
        </thead>
        <tbody>
          {e.layers.map((l, i) => (
            <tr key={l.layer} data-testid="embedding-evolution-row" data-layer={l.layer}>
              <th scope="row">
                <code>{hooks[i]}</code>
              </th>
              <NumCell field="meanNorm" value={l.meanNorm} />
              <NumCell field="stdNorm" value={l.stdNorm} />
              <NumCell field="meanCos" value={l.meanCos} />
              <NumCell field="stdCos" value={l.stdCos} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
