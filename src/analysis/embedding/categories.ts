/**
 * Semantic category clustering (seed 05, section 1): for each category of single-token words, the
 * mean pairwise cosine of its members and its lift over the global mean cosine; then the cosine
 * matrix of the category centroids (means of the raw embeddings). Categories with fewer than 3
 * single-token words are skipped, as in the seed.
 *
 * The caller tokenizes: it passes each category's token ids (single-token words only) and, to have
 * them reported, the words it kept and the words it skipped for not being one token.
 */
import { checkShape, type Mat } from '../../linalg/cpu/types';
import { cosineMatrix, upperTriangleStats } from './distribution';

/** The seed's category word lists (section 1); "fish" is in both animals and food, as there. */
export const SEED_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  animals: ['cat', 'dog', 'bird', 'fish', 'horse', 'mouse', 'bear', 'wolf', 'deer', 'fox', 'lion', 'tiger', 'snake', 'whale', 'frog', 'rabbit', 'monkey', 'elephant'],
  colors: ['red', 'blue', 'green', 'yellow', 'black', 'white', 'orange', 'purple', 'brown', 'pink'],
  numbers: ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'],
  body: ['head', 'hand', 'eye', 'foot', 'arm', 'leg', 'face', 'mouth', 'heart', 'brain'],
  food: ['bread', 'meat', 'rice', 'milk', 'fish', 'salt', 'sugar', 'cheese', 'fruit', 'water'],
  emotions: ['happy', 'sad', 'angry', 'fear', 'love', 'hate', 'joy', 'hope', 'pain', 'calm'],
  actions: ['run', 'walk', 'jump', 'fly', 'swim', 'eat', 'sleep', 'talk', 'think', 'write'],
  time: ['day', 'night', 'year', 'month', 'week', 'hour', 'morning', 'evening', 'today', 'tomorrow'],
};

/** The seed's minimum number of single-token words for a category to be measured. */
export const SEED_MIN_CATEGORY_TOKENS = 3;

/** One category as the caller resolved it. */
export interface CategoryInput {
  name: string;
  /** token ids of its single-token words */
  ids: readonly number[];
  /** the words (or the vocabulary pieces that matched, e.g. " day") behind `ids`, same order (reported only) */
  words?: readonly string[];
  /** words left out because they are not a single token (reported only) */
  skippedWords?: readonly string[];
}

/** Result for one category. */
export interface CategoryResult {
  name: string;
  /** number of single-token words */
  n: number;
  /** token ids measured */
  ids: number[];
  /** words measured, when the caller gave them */
  words: string[] | null;
  /** words not single tokens, when the caller gave them */
  skippedWords: string[] | null;
  /** true when n < the minimum: no cosine numbers, and no centroid */
  skipped: boolean;
  /** mean cosine over the n (n - 1) / 2 pairs of members (null when skipped) */
  intraCos: number | null;
  /** population std of those cosines (null when skipped) */
  intraStd: number | null;
  /** intraCos - globalMeanCos: how much tighter than two random tokens (null when skipped) */
  lift: number | null;
}

export interface CategoryClustering {
  /** the global mean pairwise cosine the lifts are measured from (the sampled-cosine mean) */
  globalMeanCos: number;
  /** every category, in input order */
  categories: CategoryResult[];
  /** names of the measured (not skipped) categories: the rows and columns of centroidCosines */
  centroidNames: string[];
  /** [k, k] row-major cosine matrix of the measured categories' centroids (mean raw embedding), seed's epsilon */
  centroidCosines: Float64Array;
}

/** Category clustering of `e` [vocab, d] row-major; `globalMeanCos` is sampledCosines(...).summary.mean. */
export function semanticCategories(
  e: Mat,
  vocab: number,
  d: number,
  categories: readonly CategoryInput[],
  globalMeanCos: number,
  minTokens = SEED_MIN_CATEGORY_TOKENS,
): CategoryClustering {
  checkShape('semanticCategories', e, vocab, d);
  const centroids: number[] = [];
  const centroidNames: string[] = [];
  const results = categories.map((cat): CategoryResult => {
    for (const id of cat.ids) if (!(Number.isInteger(id) && id >= 0 && id < vocab)) throw new Error(`semanticCategories: ${cat.name}: token id ${id} is outside [0, ${vocab})`);
    const n = cat.ids.length;
    const base = { name: cat.name, n, ids: [...cat.ids], words: cat.words ? [...cat.words] : null, skippedWords: cat.skippedWords ? [...cat.skippedWords] : null };
    if (n < Math.max(minTokens, 2)) return { ...base, skipped: true, intraCos: null, intraStd: null, lift: null };
    const intra = upperTriangleStats(cosineMatrix(e, d, cat.ids), n);
    const c = new Float64Array(d);
    for (const id of cat.ids) for (let k = 0; k < d; k++) c[k] += e[id * d + k];
    for (let k = 0; k < d; k++) centroids.push(c[k] / n);
    centroidNames.push(cat.name);
    return { ...base, skipped: false, intraCos: intra.mean, intraStd: intra.std, lift: intra.mean - globalMeanCos };
  });
  const k = centroidNames.length;
  const centroidCosines = k ? cosineMatrix(Float64Array.from(centroids), d, Int32Array.from({ length: k }, (_, i) => i)) : new Float64Array(0);
  return { globalMeanCos, categories: results, centroidNames, centroidCosines };
}

