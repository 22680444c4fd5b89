/**
 * Digit manifold (seed 05, section 1): cosines between the embeddings of "0".."9" and the Pearson
 * correlation of |i - j| with cosine over the 45 pairs. A negative correlation means numerically
 * close digits sit closer in embedding space. The caller maps digits to token ids (which piece,
 * " 0" or "0", depends on the tokenizer); any ordered list of at least 3 tokens works.
 */
import { pearson } from '../stats';
import { checkShape, type Mat } from '../../linalg/cpu/types';
import { cosineMatrix } from './distribution';

export interface DigitManifold {
  /** [m] token id of digit i (as passed) */
  ids: number[];
  /** [m, m] row-major cosine matrix (seed's epsilon, so the diagonal is just below 1) */
  cosines: Float64Array;
  /** Pearson r of |i - j| against cosine over pairs i < j (np.corrcoef); null when undefined (constant cosines) */
  correlation: number | null;
  /** mean cosine of pairs with |i - j| = 1 */
  adjacentMean: number;
  /** mean cosine of pairs with |i - j| > 1 */
  nonAdjacentMean: number;
  /** adjacentMean - nonAdjacentMean */
  gap: number;
}

/** Digit geometry of `e` [vocab, d] for the tokens `ids` in digit order. */
export function digitManifold(e: Mat, vocab: number, d: number, ids: readonly number[]): DigitManifold {
  checkShape('digitManifold', e, vocab, d);
  const m = ids.length;
  if (m < 3) throw new Error(`digitManifold: need at least 3 tokens, got ${m}`);
  for (const id of ids) if (!(Number.isInteger(id) && id >= 0 && id < vocab)) throw new Error(`digitManifold: token id ${id} is outside [0, ${vocab})`);
  const cosines = cosineMatrix(e, d, ids);
  const dist: number[] = [];
  const cos: number[] = [];
  let adj = 0, nAdj = 0, non = 0, nNon = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const c = cosines[i * m + j];
      dist.push(j - i);
      cos.push(c);
      if (j - i === 1) {
        adj += c;
        nAdj++;
      } else {
        non += c;
        nNon++;
      }
    }
  }
  const r = pearson(dist, cos);
  const adjacentMean = adj / nAdj;
  const nonAdjacentMean = non / nNon;
  return { ids: [...ids], cosines, correlation: r.ok ? r.r : null, adjacentMean, nonAdjacentMean, gap: adjacentMean - nonAdjacentMean };
}
