/**
 * The pairs behind one run of the relational battery, for scatter figures: relationalBattery
 * (relational.ts) reports only their correlations and band means, so this replays its first two
 * draws from the same Rng(seed) (the related subset, then pi and pj) and keeps, for every pair it
 * measured (pi != pj, path similarity > 0), the similarity and both cosines. The full replay gives
 * the battery's own Pearson r exactly (tested), so a figure shows the very pairs the numbers describe.
 */
import { Rng } from '../../linalg/cpu/rng';
import { throwIfAborted } from '../../linalg/cpu/types';
import { SECTION3_DEFAULTS, type RelationalPrep } from './relational';
import { pathIndex } from './path';

export interface PairsOptions {
  /** the run's seed (relationalBattery's `seed`, default 0) */
  seed?: number;
  /** size of the related subset (default: section 3's 2000) */
  nRel?: number;
  /** pairs drawn before dropping pi = pj (default: section 3's 200000) */
  nPairs?: number;
  /** keep at most this many measured pairs, evenly spaced in draw order (default: all) */
  maxPoints?: number;
  signal?: AbortSignal;
}

export interface RelationalPairs {
  seed: number;
  /** pairs the run measured (its pairsValid) */
  measured: number;
  /** [kept] indices of the kept pairs among the measured ones, ascending */
  index: Int32Array;
  /** [kept] WordNet path similarity of each kept pair */
  similarity: Float64Array;
  /** [kept] cosine of the two static embedding rows (x / (||x|| + 1e-8), as the battery) */
  cosStatic: Float64Array;
  /** [kept] cosine of the two contextual vectors */
  cosContext: Float64Array;
}

function dot(u: Float64Array, i: number, j: number, d: number): number {
  let s = 0;
  for (let c = 0; c < d; c++) s += u[i * d + c] * u[j * d + c];
  return s;
}

/** The kept positions: all when `measured <= max`, else floor(k * measured / max) for k < max. */
export function evenlySpaced(measured: number, max: number): Int32Array {
  if (measured <= max) return Int32Array.from({ length: measured }, (_, k) => k);
  return Int32Array.from({ length: max }, (_, k) => Math.floor((k * measured) / max));
}

/** Replays one run's pair draws (see the file comment) and returns the measured pairs, thinned to maxPoints. */
export function relationalPairs(prep: RelationalPrep, opts: PairsOptions = {}): RelationalPairs {
  const seed = opts.seed ?? 0;
  const nRel = opts.nRel ?? SECTION3_DEFAULTS.nRel;
  const nPairs = opts.nPairs ?? SECTION3_DEFAULTS.nPairs;
  const { n, staticUnit, contextUnit } = prep;
  const { wn, synsets, dStatic, dContext } = prep.input;
  const paths = pathIndex(wn);
  const rng = new Rng(seed);
  const rel = rng.sample(n, Math.min(nRel, n));
  const pi = Int32Array.from({ length: nPairs }, () => rng.int(rel.length));
  const pj = Int32Array.from({ length: nPairs }, () => rng.int(rel.length));
  const sims: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  for (let k = 0; k < nPairs; k++) {
    if (k % 8192 === 0) throwIfAborted(opts.signal);
    if (pi[k] === pj[k]) continue;
    const s = paths.pathSimilarity(synsets[rel[pi[k]]], synsets[rel[pj[k]]]);
    if (s === null || !(s > 0)) continue;
    sims.push(s);
    a.push(rel[pi[k]]);
    b.push(rel[pj[k]]);
  }
  const index = evenlySpaced(sims.length, opts.maxPoints ?? Infinity);
  return {
    seed,
    measured: sims.length,
    index,
    similarity: Float64Array.from(index, (k) => sims[k]),
    cosStatic: Float64Array.from(index, (k) => dot(staticUnit, a[k], b[k], dStatic)),
    cosContext: Float64Array.from(index, (k) => dot(contextUnit, a[k], b[k], dContext)),
  };
}

/** `p` thinned to at most `max` of its pairs, evenly spaced (indices stay those among the measured pairs). */
export function thinPairs(p: RelationalPairs, max: number): RelationalPairs {
  const keep = evenlySpaced(p.index.length, max);
  return {
    seed: p.seed,
    measured: p.measured,
    index: Int32Array.from(keep, (k) => p.index[k]),
    similarity: Float64Array.from(keep, (k) => p.similarity[k]),
    cosStatic: Float64Array.from(keep, (k) => p.cosStatic[k]),
    cosContext: Float64Array.from(keep, (k) => p.cosContext[k]),
  };
}
