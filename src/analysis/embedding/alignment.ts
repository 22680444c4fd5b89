/**
 * Cross-model embedding alignment (seed 05, section 13b): two embedding matrices over the same
 * tokens. PCA the wider one (the source) down to the narrower width, fit an orthogonal Procrustes
 * rotation on centred anchor tokens, then measure per-token cosine between the target and the
 * aligned source on held-out tokens (and on all tokens), plus the relational correlation of
 * pairwise cosines on up to 1000 held-out tokens.
 *
 * Choices (said here because the seed does not face them):
 * - Equal widths: b is the source; its PCA is then a pure rotation (variance retained = 1) that the
 *   Procrustes fit absorbs, so the numbers equal a plain Procrustes alignment of b onto a.
 * - Fewer tokens than anchors + held-out (10000 + 5000): the seed's 2:1 split of all tokens,
 *   anchors = floor(n * anchors / (anchors + heldOut)), held-out = the rest.
 * - PCA axes come from src/linalg (covariance eigenvectors), not numpy's SVD; their signs and any
 *   rotation within the kept space do not change the aligned result.
 * - The seed has no random-rotation baseline for this measurement, so none is computed.
 * Draws, from one Rng(seed): sample(n, pcaRows) for the PCA rows only when n > pcaRows, then
 * sample(n, anchors + heldOut) (a prefix of a permutation, as the seed's rng.permutation): anchors
 * first, held-out after.
 */
import { pca, project } from '../../linalg/cpu/pca';
import { orthogonalProcrustes } from '../../linalg/cpu/procrustes';
import { Rng } from '../../linalg/cpu/rng';
import { checkShape, throwIfAborted, type Mat } from '../../linalg/cpu/types';
import { pearson } from '../stats';
import { COSINE_EPS, summarize, type Distribution } from './distribution';
import { stage, Ticker, type JobOptions } from './job';

/** The seed's sample sizes (13b). */
export const SEED_ALIGNMENT = { pcaRows: 50000, anchors: 10000, heldOut: 5000, relationalTokens: 1000 } as const;
/** Percentile levels 13b prints for the held-out cosines. */
export const ALIGNMENT_PERCENTILES = [1, 5, 10, 25, 50, 75, 90, 95, 99] as const;
/** Thresholds of 13b's "alignment distribution" over all tokens. */
export const ALIGNMENT_THRESHOLDS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

export interface AlignmentOptions extends JobOptions {
  /** Rng seed (default 42) */
  seed?: number;
  /** rows of the source the PCA is fitted on (default 50000; all, no draws, when >= n) */
  pcaRows?: number;
  /** anchor tokens for the Procrustes fit (default 10000) */
  anchors?: number;
  /** held-out tokens evaluated (default 5000) */
  heldOut?: number;
  /** held-out tokens in the relational comparison (default 1000) */
  relationalTokens?: number;
}

/** Fraction of tokens above a cosine threshold. */
export interface ThresholdFraction {
  threshold: number;
  /** fraction of all n tokens with cosine > threshold */
  fraction: number;
}

export interface CrossModelAlignment {
  /** shared tokens n */
  tokens: number;
  /** the input that was PCA-projected and rotated: the wider one, b on a tie */
  source: 'a' | 'b';
  /** width of the source before PCA */
  sourceDim: number;
  /** width of the target (the narrower input) = PCA components kept */
  targetDim: number;
  /** rows the PCA was fitted on */
  pcaRows: number;
  /** variance of the source kept by the top targetDim components (sum of kept / total) */
  varianceRetained: number;
  /** [anchors] token ids the rotation was fitted on */
  anchorIds: Int32Array;
  /** [heldOut] token ids evaluated */
  heldOutIds: Int32Array;
  /** Procrustes scale: sum of singular values of A^T B (scipy's `scale`), = trace(R^T A^T B) */
  procrustesScale: number;
  /** per-token cosine(target, aligned source) on held-out tokens, dot / (||a|| ||b|| + 1e-8) as 13b: percentiles 1..99, 100-bin histogram */
  heldOutCos: Distribution;
  /** per-token L2 distance ||target - aligned|| on held-out tokens */
  heldOutDistance: Distribution;
  /** Pearson r of pairwise cosines (target vs aligned) over the first relationalTokens held-out tokens; null if undefined */
  relationalCorrelation: number | null;
  /** mean |cos_target - cos_aligned| over those pairs */
  relationalMeanAbsDiff: number;
  /** per-token cosine over all n tokens (the seed's all_cos) */
  allCos: Distribution;
  /** 13b's fractions of all tokens with cosine above 0, 0.1, ..., 0.9 */
  allCosAbove: ThresholdFraction[];
}

/**
 * Aligns two embedding matrices over the same n tokens: `a` [n, dA] and `b` [n, dB], row-major,
 * row i of both is token i.
 */
export function crossModelAlignment(a: Mat, dA: number, b: Mat, dB: number, n: number, opts: AlignmentOptions = {}): CrossModelAlignment {
  checkShape('crossModelAlignment a', a, n, dA);
  checkShape('crossModelAlignment b', b, n, dB);
  const { seed = 42, pcaRows = SEED_ALIGNMENT.pcaRows, anchors = SEED_ALIGNMENT.anchors, heldOut = SEED_ALIGNMENT.heldOut, relationalTokens = SEED_ALIGNMENT.relationalTokens } = opts;
  const source: 'a' | 'b' = dA > dB ? 'a' : 'b';
  const [src, ds, tgt, k] = source === 'a' ? [a, dA, b, dB] : [b, dB, a, dA];
  let [nA, nT] = [anchors, heldOut];
  if (n < nA + nT) {
    nA = Math.floor((n * anchors) / (anchors + heldOut));
    nT = n - nA;
  }
  if (nA < 2 || nT < 1) throw new Error(`crossModelAlignment: ${n} tokens are too few for anchors and held-out tokens`);
  const rng = new Rng(seed);

  // 1. PCA of the source, fitted on a sample.
  const nP = Math.min(pcaRows, n);
  const fitRows = nP < n ? gatherRows(src, ds, rng.sample(n, nP)) : src;
  const fit = pca(fitRows, nP, ds, k);
  let kept = 0;
  for (const v of fit.variances) kept += v;
  throwIfAborted(opts.signal);
  opts.onProgress?.(0.3);

  // 2. Procrustes on centred anchors, in PCA coordinates.
  const split = rng.sample(n, nA + nT);
  const anchorIds = split.slice(0, nA);
  const heldOutIds = split.slice(nA);
  const anchorsProj = project(gatherRows(src, ds, anchorIds), nA, ds, fit);
  const all = Int32Array.from({ length: nA }, (_, i) => i);
  const muL = columnMean(anchorsProj, k, all);
  const muS = columnMean(tgt, k, anchorIds);
  const ac = centredRows(anchorsProj, k, all, muL);
  const bc = centredRows(tgt, k, anchorIds, muS);
  const rot = orthogonalProcrustes(ac, bc, nA, k);
  let procrustesScale = 0;
  const acRot = affineRows(ac, nA, k, rot, k, new Float64Array(k));
  for (let i = 0; i < nA * k; i++) procrustesScale += acRot[i] * bc[i];
  throwIfAborted(opts.signal);
  opts.onProgress?.(0.45);

  // 3. Every token aligned: ((x - mean) C^T - muL) R + muS = x M + shift with M = C^T R [ds, k],
  // one pass over the source instead of projecting and then rotating.
  const m = new Float64Array(ds * k);
  for (let l = 0; l < k; l++) for (let c = 0; c < ds; c++) {
    const w = fit.components[l * ds + c];
    for (let j = 0; j < k; j++) m[c * k + j] += w * rot[l * k + j];
  }
  const offset = new Float64Array(k); // mean C^T + muL, in PCA coordinates
  for (let l = 0; l < k; l++) {
    let s = muL[l];
    for (let c = 0; c < ds; c++) s += fit.mean[c] * fit.components[l * ds + c];
    offset[l] = s;
  }
  const shift = Float64Array.from(muS);
  for (let l = 0; l < k; l++) for (let j = 0; j < k; j++) shift[j] -= offset[l] * rot[l * k + j];
  const aligned = affineRows(src, n, ds, m, k, shift, new Ticker(n, stage(opts, 0.45, 0.95), 256));
  const allCosValues = new Float64Array(n);
  const dist = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let ab = 0, aa = 0, bb = 0, dd = 0;
    for (let j = 0; j < k; j++) {
      const x = tgt[t * k + j];
      const y = aligned[t * k + j];
      ab += x * y;
      aa += x * x;
      bb += y * y;
      dd += (x - y) * (x - y);
    }
    allCosValues[t] = ab / (Math.sqrt(aa) * Math.sqrt(bb) + COSINE_EPS);
    dist[t] = Math.sqrt(dd);
  }
  const pick = (v: Float64Array): Float64Array => Float64Array.from(heldOutIds, (id) => v[id]);

  // 4. Relational structure: pairwise cosines within the first held-out tokens, in both spaces.
  const rel = heldOutIds.subarray(0, Math.min(relationalTokens, nT));
  const cosT = pairCosines(tgt, k, rel);
  const cosA = pairCosines(aligned, k, rel);
  let absDiff = 0;
  for (let p = 0; p < cosT.length; p++) absDiff += Math.abs(cosT[p] - cosA[p]);
  const r = pearson(cosT, cosA);
  throwIfAborted(opts.signal);
  opts.onProgress?.(1);

  return {
    tokens: n,
    source,
    sourceDim: ds,
    targetDim: k,
    pcaRows: nP,
    varianceRetained: kept / fit.totalVariance,
    anchorIds,
    heldOutIds,
    procrustesScale,
    heldOutCos: summarize(pick(allCosValues), ALIGNMENT_PERCENTILES, 100),
    heldOutDistance: summarize(pick(dist), ALIGNMENT_PERCENTILES, 100),
    relationalCorrelation: r.ok ? r.r : null,
    relationalMeanAbsDiff: cosT.length ? absDiff / cosT.length : NaN,
    allCos: summarize(allCosValues, ALIGNMENT_PERCENTILES, 200),
    allCosAbove: ALIGNMENT_THRESHOLDS.map((threshold) => {
      let c = 0;
      for (const v of allCosValues) if (v > threshold) c++;
      return { threshold, fraction: c / n };
    }),
  };
}

/**
 * [rows, k] X M + shift for X [rows, dIn] and M [dIn, k], both row-major. Four rows at a time, so
 * each row of M is loaded once per four rows.
 */
function affineRows(x: Mat, rows: number, dIn: number, mat: Float64Array, k: number, shift: Float64Array, ticker?: Ticker): Float64Array {
  const out = new Float64Array(rows * k);
  for (let r0 = 0; r0 < rows; r0 += 4) {
    const nr = Math.min(4, rows - r0);
    const o0 = r0 * k;
    for (let q = 0; q < nr; q++) out.set(shift, o0 + q * k);
    if (nr === 4) {
      const x0 = r0 * dIn, x1 = x0 + dIn, x2 = x1 + dIn, x3 = x2 + dIn;
      const o1 = o0 + k, o2 = o1 + k, o3 = o2 + k;
      for (let l = 0; l < dIn; l++) {
        const a0 = x[x0 + l], a1 = x[x1 + l], a2 = x[x2 + l], a3 = x[x3 + l];
        const ml = l * k;
        for (let j = 0; j < k; j++) {
          const w = mat[ml + j];
          out[o0 + j] += a0 * w;
          out[o1 + j] += a1 * w;
          out[o2 + j] += a2 * w;
          out[o3 + j] += a3 * w;
        }
      }
    } else {
      for (let q = 0; q < nr; q++) {
        for (let l = 0; l < dIn; l++) {
          const a = x[(r0 + q) * dIn + l];
          for (let j = 0; j < k; j++) out[o0 + q * k + j] += a * mat[l * k + j];
        }
      }
    }
    ticker?.tick(nr);
  }
  return out;
}

/** [ids, d] the rows `ids` of a row-major [*, d] matrix, as float64. */
function gatherRows(x: Mat, d: number, ids: Int32Array): Float64Array {
  const out = new Float64Array(ids.length * d);
  ids.forEach((id, i) => {
    for (let c = 0; c < d; c++) out[i * d + c] = x[id * d + c];
  });
  return out;
}

/** [k] mean of the rows `ids` of a row-major [*, k] matrix. */
function columnMean(x: Mat, k: number, ids: Int32Array): Float64Array {
  const mu = new Float64Array(k);
  for (const id of ids) for (let j = 0; j < k; j++) mu[j] += x[id * k + j];
  for (let j = 0; j < k; j++) mu[j] /= ids.length;
  return mu;
}

/** [ids, k] the rows `ids` minus mu. */
function centredRows(x: Mat, k: number, ids: Int32Array, mu: Float64Array): Float64Array {
  const out = new Float64Array(ids.length * k);
  ids.forEach((id, i) => {
    for (let j = 0; j < k; j++) out[i * k + j] = x[id * k + j] - mu[j];
  });
  return out;
}

/** Upper-triangle pairwise cosines (i < j, row-major order) of the rows `ids`, (||a|| + eps)(||b|| + eps) as 13b. */
function pairCosines(x: Mat, k: number, ids: Int32Array): Float64Array {
  const m = ids.length;
  const inv = Float64Array.from(ids, (id) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += x[id * k + j] ** 2;
    return 1 / (Math.sqrt(s) + COSINE_EPS);
  });
  const out = new Float64Array((m * (m - 1)) / 2);
  let p = 0;
  for (let i = 0; i < m; i++) {
    for (let q = i + 1; q < m; q++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += x[ids[i] * k + j] * x[ids[q] * k + j];
      out[p++] = s * inv[i] * inv[q];
    }
  }
  return out;
}
