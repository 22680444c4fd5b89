/**
 * Sampled pairwise cosine distribution of token embeddings (seed 05, sections 1 and 13a): draw
 * N_SAMPLE = 5000 distinct tokens, take every pair of them (upper triangle, i < j), cosine with the
 * seed's epsilon, cos = a.b / ((||a|| + 1e-8)(||b|| + 1e-8)).
 */
import { Rng } from '../../linalg/cpu/rng';
import { checkShape, type Mat } from '../../linalg/cpu/types';
import { COSINE_EPS, rowDot, summarize, type Distribution, SEED_PERCENTILES } from './distribution';
import { Ticker, type JobOptions } from './job';

/** The seed's sample: 5000 tokens, so 12,497,500 pairs. */
export const SEED_COSINE_TOKENS = 5000;
/** Values the seed looks for in the cosine distribution (13a), each with a +-0.01 window. */
export const SEED_COSINE_MARKS = [0, 0.1, 0.2, 0.29514, 0.3, 0.5, 0.7, 0.9] as const;
/** Half-width of the window around each mark. */
export const MARK_WINDOW = 0.01;

export interface CosineOptions extends JobOptions {
  /** Rng seed (default 42, the seed's default_rng(42); the draws differ from numpy's, the recipe does not) */
  seed?: number;
  /** tokens to sample (default 5000); when >= vocab every token is used, in id order, with no draws */
  sampleTokens?: number;
  /** histogram bins (default 200, as the seed plots it) */
  bins?: number;
}

/** Fraction of pairs within MARK_WINDOW of a value. */
export interface MarkFraction {
  value: number;
  /** fraction of pairs with |cos - value| < 0.01 */
  fraction: number;
}

export interface CosineDistribution {
  /** [m] token ids sampled, in draw order (pairs are (ids[i], ids[j]) for i < j) */
  tokenIds: Int32Array;
  /** number of pairs, m (m - 1) / 2 */
  nPairs: number;
  /** over all pairs: mean (the "global mean cosine" the category lift subtracts), std (ddof 0), percentiles 1..99, histogram */
  summary: Distribution;
  /** 13a's check of marked values, in SEED_COSINE_MARKS order */
  marks: MarkFraction[];
}

/**
 * Pairwise cosines of a seeded sample of rows of `e` [vocab, d]. Draws: Rng(seed).sample(vocab, m)
 * when m < vocab. Dot products in float64 on the stored (float32) values, like numpy on float64 copies.
 */
export function sampledCosines(e: Mat, vocab: number, d: number, opts: CosineOptions = {}): CosineDistribution {
  checkShape('sampledCosines', e, vocab, d);
  const { seed = 42, sampleTokens = SEED_COSINE_TOKENS, bins = 200 } = opts;
  const m = Math.min(sampleTokens, vocab);
  if (m < 2) throw new Error(`sampledCosines: need at least 2 tokens, got ${m}`);
  const ids = m === vocab ? Int32Array.from({ length: vocab }, (_, i) => i) : new Rng(seed).sample(vocab, m);
  // Gather the sample into one contiguous block (same precision as e) so the pair loop streams.
  const x = e instanceof Float32Array ? new Float32Array(m * d) : new Float64Array(m * d);
  for (let i = 0; i < m; i++) for (let c = 0; c < d; c++) x[i * d + c] = e[ids[i] * d + c];
  const inv = new Float64Array(m);
  for (let i = 0; i < m; i++) inv[i] = 1 / (Math.sqrt(rowDot(x, i, i, d)) + COSINE_EPS);
  const nPairs = (m * (m - 1)) / 2;
  const values = new Float64Array(nPairs);
  const ticker = new Ticker(nPairs * d, opts, 1 << 22);
  let k = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) values[k++] = rowDot(x, i, j, d) * inv[i] * inv[j];
    ticker.tick((m - 1 - i) * d);
  }
  const marks = SEED_COSINE_MARKS.map((value) => {
    let c = 0;
    for (let p = 0; p < nPairs; p++) if (Math.abs(values[p] - value) < MARK_WINDOW) c++;
    return { value, fraction: c / nPairs };
  });
  const summary = summarize(values, SEED_PERCENTILES, bins);
  ticker.finish();
  return { tokenIds: ids, nPairs, summary, marks };
}
