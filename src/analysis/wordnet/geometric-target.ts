/**
 * Seed 05 section 8's geometric target with its own similarity (issue 9, item 4): the steps of
 * src/analysis/modulation/geometric.ts with WordNet in place of embedding cosine.
 * 1. anchors: min(3000, n) matched lemmas drawn with Rng(seed).sample (the seed: rng.choice(len(matched), 3000));
 * 2. similarity among anchors: NLTK's wup_similarity of their synsets (wup.ts), 1 on the diagonal,
 *    0 where undefined (the seed starts from np.eye and fills only defined values);
 * 3. spectral embedding (top nGeo eigenvectors scaled by sqrt(eigenvalue), rows normalised);
 * 4. every other vocabulary token: its k = 10 nearest anchors by static-embedding cosine, softmax(10 cos)
 *    weights. The seed fills only matched tokens this way and leaves the rest of the vocabulary at
 *    nn.Embedding's random init; the lab interpolates every token, as its embedding-cosine target does;
 * 5. Procrustes of the anchors' geometric rows onto the PCA (nGeo axes) of their contextual vectors
 *    (the seed: the mean-pooled encoder output of each definition), scaled by 0.1 x their mean norm;
 * 6. the table T = G W^T [vocab, d_model] that the modulator gathers by token id.
 */
import { Rng } from '../../linalg/cpu/rng';
import { interpolateFromAnchors, procrustesProjection, spectralEmbedding, type ProcrustesProjection } from '../modulation/geometric';
import { wupSimilarity } from './wup';
import type { WordNet } from './wordnet';

export interface WordNetTargetInput {
  wn: WordNet;
  /** [n] synset id of each matched lemma */
  synsets: ArrayLike<number>;
  /** [n] its single token id */
  tokenIds: ArrayLike<number>;
  /** [vocab, dEmb] row-major static token embedding */
  embedding: ArrayLike<number>;
  vocab: number;
  dEmb: number;
  /** [n, dModel] row-major contextual vector of each matched lemma (the battery's contextReps) */
  contextReps: ArrayLike<number>;
  dModel: number;
}

export interface WordNetTargetOptions {
  /** seed of the anchor draw */
  seed: number;
  /** anchors (default min(3000, n), the seed's N_ANCHOR) */
  nAnchor?: number;
  /** geometric dimensions (default min(64, d_model, nAnchor - 1), the seed's 64) */
  nGeo?: number;
  /** nearest anchors per token (the seed: 10) */
  k?: number;
  /** softmax sharpness on the cosines (the seed: 10) */
  sharpness?: number;
  /** the seed's projection scale, 0.1 */
  projectionScale?: number;
}

export interface WordNetTarget {
  /** [vocab, d_model] float32 per-token target */
  table: Float32Array;
  /** [vocab, nGeo] geometric embedding */
  geo: Float64Array;
  projection: ProcrustesProjection;
  /** [nAnchor] indices into the matched lemmas, in draw order */
  anchorEntries: number[];
  /** [nAnchor] the anchors' token ids */
  anchorTokens: number[];
  nGeo: number;
  /** sum of every entry of the [nAnchor, nAnchor] similarity matrix (a checksum) */
  similaritySum: number;
  similarity: 'wup_similarity';
  /** set when nGeo reaches the span of the anchors' contextual vectors: the extra PCA axes are arbitrary there */
  warning: string | null;
}

/** [n, n] NLTK wup_similarity among `synsets`, 1 on the diagonal, 0 where undefined. */
export function wupMatrix(wn: WordNet, synsets: ArrayLike<number>): Float64Array {
  const n = synsets.length;
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    s[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const v = wupSimilarity(wn, synsets[i], synsets[j]) ?? 0;
      s[i * n + j] = v;
      s[j * n + i] = v;
    }
  }
  return s;
}

export function wordnetGeometricTarget(input: WordNetTargetInput, opts: WordNetTargetOptions): WordNetTarget {
  const { wn, synsets, tokenIds, embedding, vocab, dEmb, contextReps, dModel } = input;
  const n = synsets.length;
  if (tokenIds.length !== n || contextReps.length !== n * dModel) throw new RangeError(`WordNet target: ${n} synsets, ${tokenIds.length} token ids and ${contextReps.length / dModel} contextual rows must agree`);
  if (embedding.length !== vocab * dEmb) throw new RangeError(`WordNet target: embedding holds ${embedding.length} values, not [${vocab}, ${dEmb}]`);
  const nA = opts.nAnchor ?? Math.min(3000, n);
  if (!Number.isInteger(nA) || nA < 2 || nA > n) throw new RangeError(`WordNet target: need 2 <= anchors <= matched lemmas (${n}), got ${nA}`);
  const nGeo = opts.nGeo ?? Math.min(64, dModel, nA - 1);
  const anchorEntries = Array.from(new Rng(opts.seed).sample(n, nA));
  const anchorTokens = anchorEntries.map((i) => tokenIds[i]);
  const sim = wupMatrix(wn, anchorEntries.map((i) => synsets[i]));
  const anchorGeo = spectralEmbedding(sim, nA, nGeo);
  const geo = interpolateFromAnchors(embedding, vocab, dEmb, anchorTokens, anchorGeo, nGeo, { k: opts.k ?? 10, sharpness: opts.sharpness ?? 10 });
  const reps = new Float64Array(nA * dModel);
  anchorEntries.forEach((e, r) => {
    for (let c = 0; c < dModel; c++) reps[r * dModel + c] = contextReps[e * dModel + c];
  });
  const projection = procrustesProjection(anchorGeo, reps, nA, nGeo, dModel, opts.projectionScale ?? 0.1);
  const table = new Float32Array(vocab * dModel);
  for (let t = 0; t < vocab; t++) {
    for (let c = 0; c < dModel; c++) {
      let s = 0;
      for (let i = 0; i < nGeo; i++) s += projection.proj[c * nGeo + i] * geo[t * nGeo + i];
      table[t * dModel + c] = s;
    }
  }
  let similaritySum = 0;
  for (const v of sim) similaritySum += v;
  // Equal contextual rows (lemmas of one synset share a definition) bound the rank of the centred anchors.
  const distinct = new Set(anchorEntries.map((e) => Array.from({ length: dModel }, (_, c) => contextReps[e * dModel + c]).join(','))).size;
  const warning = nGeo >= distinct - 1 ? `nGeo = ${nGeo}, but the ${nA} anchors have only ${distinct} distinct contextual vectors (rank <= ${distinct - 1} after centring): the PCA axes beyond that rank, and the target along them, are arbitrary; use fewer geometric dimensions` : null;
  return { table, geo, projection, anchorEntries, anchorTokens, nGeo, similaritySum, similarity: 'wup_similarity', warning };
}
