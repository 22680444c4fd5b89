/**
 * The relational battery of seed 05 (section 2, repeated per seed in section 3): does a model's
 * geometry follow WordNet? Inputs are plain arrays: per matched lemma its synset, a static
 * embedding row and a contextual vector (the mean-pooled representation of its definition).
 *
 * One run, from one Rng(seed), draws in this order:
 *   1. rel = sample(n, min(nRel, n))                      the related-token subset
 *   2. pi[k] = int(|rel|) for k < nPairs, then pj[k] likewise   pairs of rel, with replacement
 *   3. nSimplices times sample(n, 5)                      pentachora over all matched entries
 *   4. sample(#chains, min(nChains, #chains))             hypernym chains (all, in order, if nChains is null)
 * and measures, as the seed:
 *   - pairs with pi != pj and a path similarity s > 0 (NLTK's, simulated root as NLTK) are kept;
 *     Pearson and Spearman of s against cosine, static and contextual;
 *   - mean cosine in bands of s;
 *   - Cayley-Menger volumes of the pentachora (raw rows, not normalised), kept when V^2 > 0:
 *     mean volume and CV = std (ddof 0) / mean; a pentachoron with two equal points has V^2 = 0
 *     exactly (the seed's determinant gives noise there), so it is never kept;
 *   - mean cosine between each chain's root and its d-th matched ancestor, per depth d.
 * Cosines use x / (||x|| + 1e-8) as the seed; all arithmetic is float64 (the seed's section 3 ran
 * float32 on a GPU and stored s as float32; the difference is below 1e-6 relative).
 */
import { simplexVolume } from '../../linalg/cpu/cayley-menger';
import { Rng } from '../../linalg/cpu/rng';
import { mean, std } from '../../linalg/cpu/stats';
import { checkShape, type Mat } from '../../linalg/cpu/types';
import { Ticker, type JobOptions } from '../embedding/job';
import { pearson, spearman } from '../stats';
import { hypernymChains, type ChainOptions } from './lemmas';
import { pathIndex } from './path';
import type { WordNet } from './wordnet';

export interface RelationalInput {
  wn: WordNet;
  /** [n] synset id of each matched entry */
  synsets: ArrayLike<number>;
  /** [n, dStatic] row-major static embedding of each entry's token */
  staticReps: Mat;
  dStatic: number;
  /** [n, dContext] row-major contextual (mean-pooled) vector of each entry */
  contextReps: Mat;
  dContext: number;
}

/** A band of path similarity s: lo <= s < hi, or lo < s <= hi with `closed: 'upper'`. */
export interface Band {
  label: string;
  lo: number;
  hi: number;
  closed: 'lower' | 'upper';
}

export interface RelationalOptions extends JobOptions {
  seed?: number;
  /** size of the related-token subset (section 3: 2000; section 2: 3000) */
  nRel?: number;
  /** pairs drawn before removing pi = pj (section 3: 200000; section 2: 500000) */
  nPairs?: number;
  /** pentachora (section 3: 500; section 2: 1000) */
  nSimplices?: number;
  /** chains sampled per run, null for all (section 3: 1000; section 2: all) */
  nChains?: number | null;
  /** depths along the chains (section 3: 1, 3, 5; section 2: 1..7) */
  depths?: readonly number[];
  bands?: readonly Band[];
  /** bands with fewer pairs report null means (section 3: 1; section 2: 10) */
  bandMinCount?: number;
  chains?: ChainOptions;
}

/** Section 3's two bands: high s >= 0.25, low s < 0.1. */
export const SECTION3_BANDS: readonly Band[] = [
  { label: 'high', lo: 0.25, hi: Infinity, closed: 'lower' },
  { label: 'low', lo: -Infinity, hi: 0.1, closed: 'lower' },
];

/**
 * Section 2's six bands: [lo, hi) except the lowest, (0, 0.05], as the seed's masks (its printout
 * labels that one [0.00,0.05)). So s = 0.05 counts in two bands and s = 1 in none, as in the seed.
 */
export const SECTION2_BANDS: readonly Band[] = [
  [0.9, 1.0],
  [0.5, 0.9],
  [0.25, 0.5],
  [0.1, 0.25],
  [0.05, 0.1],
  [0.0, 0.05],
].map(([lo, hi]) => ({ label: lo > 0 ? `[${lo.toFixed(2)},${hi.toFixed(2)})` : `(${lo.toFixed(2)},${hi.toFixed(2)}]`, lo, hi, closed: lo > 0 ? 'lower' : 'upper' }));

/** The seed's per-seed defaults (section 3). */
export const SECTION3_DEFAULTS = { nRel: 2000, nPairs: 200000, nSimplices: 500, nChains: 1000, depths: [1, 3, 5], bands: SECTION3_BANDS, bandMinCount: 1 } as const;

/** The seed's single run (section 2, seed 42). */
export const SECTION2_DEFAULTS = { seed: 42, nRel: 3000, nPairs: 500000, nSimplices: 1000, nChains: null, depths: [1, 2, 3, 4, 5, 6, 7], bands: SECTION2_BANDS, bandMinCount: 10 } as const;

/** Rows normalised once, and the chains, shared by every seed. */
export interface RelationalPrep {
  input: RelationalInput;
  n: number;
  /** [n, dStatic] x / (||x|| + 1e-8) */
  staticUnit: Float64Array;
  /** [n, dContext] x / (||x|| + 1e-8) */
  contextUnit: Float64Array;
  /** chains of entry indices, root first */
  chains: number[][];
}

function unitRows(x: Mat, n: number, d: number): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += x[i * d + c] * x[i * d + c];
    const inv = 1 / (Math.sqrt(s) + 1e-8);
    for (let c = 0; c < d; c++) out[i * d + c] = x[i * d + c] * inv;
  }
  return out;
}

function dot(u: Float64Array, i: number, j: number, d: number): number {
  let s = 0;
  for (let c = 0; c < d; c++) s += u[i * d + c] * u[j * d + c];
  return s;
}

export function prepareRelational(input: RelationalInput, chainOpts: ChainOptions = {}): RelationalPrep {
  const n = input.synsets.length;
  checkShape('relational staticReps', input.staticReps, n, input.dStatic);
  checkShape('relational contextReps', input.contextReps, n, input.dContext);
  return {
    input,
    n,
    staticUnit: unitRows(input.staticReps, n, input.dStatic),
    contextUnit: unitRows(input.contextReps, n, input.dContext),
    chains: hypernymChains(input.wn, input.synsets, chainOpts),
  };
}

/** A pair of means over one selection, static and contextual; null means when too few. */
export interface CosineMeans {
  n: number;
  static: number | null;
  context: number | null;
}

export interface VolumeStats {
  /** pentachora with V^2 > 0 */
  valid: number;
  meanVolume: number | null;
  /** std (ddof 0) / mean of the valid volumes */
  cv: number | null;
}

export interface RelationalResult {
  seed: number;
  /** matched entries */
  n: number;
  /** size of the related-token subset */
  nRel: number;
  pairsDrawn: number;
  /** pairs left after dropping pi = pj */
  pairsDistinct: number;
  /** pairs with a path similarity > 0, the ones measured */
  pairsValid: number;
  /** Pearson r of path similarity vs cosine, null when undefined */
  pearson: { static: number | null; context: number | null };
  /** Spearman rho (average ranks for ties) */
  spearman: { static: number | null; context: number | null };
  bands: (CosineMeans & { label: string })[];
  /** per depth: chains reaching it and mean cosine from root to ancestor */
  hypernymDepths: (CosineMeans & { depth: number })[];
  /** chains available, and sampled in this run */
  chains: { available: number; used: number };
  simplices: {
    requested: number;
    static: VolumeStats;
    context: VolumeStats;
    /** Pearson r of static vs contextual volume over pentachora valid in both (the seed truncates lists instead) */
    volumeCorrelation: number | null;
  };
}

function rOrNull(res: { ok: true; r: number } | { ok: false }): number | null {
  return res.ok ? res.r : null;
}

/** Whether rows i and j of x [., d] are equal in every coordinate. */
function sameRow(x: Mat, i: number, j: number, d: number): boolean {
  for (let c = 0; c < d; c++) if (x[i * d + c] !== x[j * d + c]) return false;
  return true;
}

/**
 * Volume of each pentachoron; 0 when two of its points coincide (two lemmas of one synset share a
 * definition, so their contextual vectors are equal): V^2 is then exactly 0, and the seed's
 * determinant would return rounding noise of either sign, kept or dropped by chance.
 */
function volumes(x: Mat, d: number, simplices: Int32Array[]): Float64Array {
  const pts = new Float64Array(5 * d);
  return Float64Array.from(simplices, (idx) => {
    for (let p = 0; p < 5; p++) for (let q = p + 1; q < 5; q++) if (idx[p] === idx[q] || sameRow(x, idx[p], idx[q], d)) return 0;
    for (let p = 0; p < 5; p++) for (let c = 0; c < d; c++) pts[p * d + c] = x[idx[p] * d + c];
    return simplexVolume(pts, 5, d);
  });
}

function volumeStats(v: Float64Array): VolumeStats {
  const ok = v.filter((x) => x > 0);
  if (ok.length === 0) return { valid: 0, meanVolume: null, cv: null };
  const m = mean(ok);
  return { valid: ok.length, meanVolume: m, cv: std(ok) / m };
}

/** `opts` without its undefined fields, so they do not hide the defaults when spread. */
function definedOnly<T extends object>(opts: T): Partial<T> {
  return Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Mean and std (ddof 0) over all entries of cos(static row, contextual vector), the seed's
 * "how much the encoder transforms the representation"; null when the two widths differ.
 */
export function staticContextCosine(prep: RelationalPrep): { mean: number; std: number } | null {
  const { dStatic: d, dContext, staticReps: x, contextReps: y } = prep.input;
  if (d !== dContext) return null;
  const c = Float64Array.from({ length: prep.n }, (_, i) => {
    let xy = 0;
    let xx = 0;
    let yy = 0;
    for (let k = 0; k < d; k++) {
      xy += x[i * d + k] * y[i * d + k];
      xx += x[i * d + k] * x[i * d + k];
      yy += y[i * d + k] * y[i * d + k];
    }
    return xy / (Math.sqrt(xx) * Math.sqrt(yy) + 1e-8); // the seed's dot / (|s| |e| + 1e-8)
  });
  return { mean: mean(c), std: std(c) };
}

const inBand = (s: number, b: Band): boolean => (b.closed === 'lower' ? s >= b.lo && s < b.hi : s > b.lo && s <= b.hi);

/** One run of the battery (see the file comment for the draws and the formulas). */
export function relationalBattery(prep: RelationalPrep, opts: RelationalOptions = {}): RelationalResult {
  const o = { ...SECTION3_DEFAULTS, seed: 0, ...definedOnly(opts) };
  const { n, staticUnit, contextUnit, chains } = prep;
  const { wn, synsets, dStatic, dContext } = prep.input;
  if (n < 5) throw new Error(`relational battery: needs at least 5 matched lemmas, got ${n}`);
  const paths = pathIndex(wn);
  const rng = new Rng(o.seed);
  const ticker = new Ticker(o.nPairs + o.nSimplices, opts);

  const rel = rng.sample(n, Math.min(o.nRel, n));
  const pi = Int32Array.from({ length: o.nPairs }, () => rng.int(rel.length));
  const pj = Int32Array.from({ length: o.nPairs }, () => rng.int(rel.length));
  const sims: number[] = [];
  const cosS: number[] = [];
  const cosC: number[] = [];
  let distinct = 0;
  for (let k = 0; k < o.nPairs; k++) {
    ticker.tick();
    if (pi[k] === pj[k]) continue;
    distinct++;
    const a = rel[pi[k]];
    const b = rel[pj[k]];
    const s = paths.pathSimilarity(synsets[a], synsets[b]);
    if (s === null || !(s > 0)) continue;
    sims.push(s);
    cosS.push(dot(staticUnit, a, b, dStatic));
    cosC.push(dot(contextUnit, a, b, dContext));
  }

  const bands = o.bands.map((b) => {
    const idx = sims.flatMap((s, k) => (inBand(s, b) ? [k] : []));
    const enough = idx.length >= o.bandMinCount && idx.length > 0;
    return {
      label: b.label,
      n: idx.length,
      static: enough ? mean(idx.map((k) => cosS[k])) : null,
      context: enough ? mean(idx.map((k) => cosC[k])) : null,
    };
  });

  const simplices: Int32Array[] = [];
  for (let s = 0; s < o.nSimplices; s++) simplices.push(rng.sample(n, 5));
  const volS = volumes(prep.input.staticReps, dStatic, simplices);
  ticker.tick(o.nSimplices / 2);
  const volC = volumes(prep.input.contextReps, dContext, simplices);
  ticker.tick(o.nSimplices / 2);
  const both = Array.from(volS.keys()).filter((k) => volS[k] > 0 && volC[k] > 0);

  const used = o.nChains === null ? chains.map((_, i) => i) : Array.from(rng.sample(chains.length, Math.min(o.nChains, chains.length)));
  const hypernymDepths = o.depths.map((depth) => {
    const cs: number[] = [];
    const cc: number[] = [];
    for (const ci of used) {
      const chain = chains[ci];
      if (depth >= chain.length) continue;
      cs.push(dot(staticUnit, chain[0], chain[depth], dStatic));
      cc.push(dot(contextUnit, chain[0], chain[depth], dContext));
    }
    return { depth, n: cs.length, static: cs.length ? mean(cs) : null, context: cc.length ? mean(cc) : null };
  });
  ticker.finish();

  return {
    seed: o.seed,
    n,
    nRel: rel.length,
    pairsDrawn: o.nPairs,
    pairsDistinct: distinct,
    pairsValid: sims.length,
    pearson: { static: rOrNull(pearson(sims, cosS)), context: rOrNull(pearson(sims, cosC)) },
    spearman: { static: rOrNull(spearman(sims, cosS)), context: rOrNull(spearman(sims, cosC)) },
    bands,
    hypernymDepths,
    chains: { available: chains.length, used: used.length },
    simplices: {
      requested: o.nSimplices,
      static: volumeStats(volS),
      context: volumeStats(volC),
      volumeCorrelation: both.length >= 3 ? rOrNull(pearson(both.map((k) => volS[k]), both.map((k) => volC[k]))) : null,
    },
  };
}
