/** Distribution of the token embedding norms (seed 05, sections 1 and 13a: "global embedding statistics"). */
import { checkShape, type Mat } from '../../linalg/cpu/types';
import { rowNorms, summarize, type Distribution, SEED_PERCENTILES } from './distribution';

/** Below this norm a token counts as a zero embedding (the seed's threshold). */
export const ZERO_NORM = 1e-6;

/** Norms of every row of E. */
export interface NormDistribution {
  /** [vocab] L2 norm of each token embedding, sum of squares in float64 */
  norms: Float64Array;
  /** mean, std (ddof 0), min, max, median, percentiles 1/5/25/50/75/95/99, 100-bin histogram (13a's bins) */
  summary: Distribution;
  /** token id of the smallest norm (first one on ties, as numpy's argmin) */
  argmin: number;
  /** token id of the largest norm (first one on ties) */
  argmax: number;
  /** tokens whose norm is below ZERO_NORM */
  zeroCount: number;
}

/** Norm distribution of an embedding matrix `e` [vocab, d] row-major. */
export function embeddingNorms(e: Mat, vocab: number, d: number, bins = 100): NormDistribution {
  checkShape('embeddingNorms', e, vocab, d);
  const norms = rowNorms(e, vocab, d);
  let argmin = 0;
  let argmax = 0;
  let zeroCount = 0;
  for (let i = 0; i < vocab; i++) {
    if (norms[i] < norms[argmin]) argmin = i;
    if (norms[i] > norms[argmax]) argmax = i;
    if (norms[i] < ZERO_NORM) zeroCount++;
  }
  return { norms, summary: summarize(norms, SEED_PERCENTILES, bins), argmin, argmax, zeroCount };
}
