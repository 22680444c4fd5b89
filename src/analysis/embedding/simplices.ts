/**
 * Cayley-Menger volumes of random 5-point simplices (pentachora) of token embeddings, against
 * Gaussian points of the same per-dimension scale (seed 05, section 13a; section 1 too, with a
 * scalar scale). A simplex counts only when its squared volume is > 0, as in the seed.
 *
 * Choices: the Gaussian scale is the per-dimension standard deviation over all tokens with
 * ddof = 1 (13a's torch .std(dim=0)); section 1 uses one scalar std over all entries instead.
 * Draws, from one Rng(seed): first `count` x sample(vocab, points) for the embedding simplices,
 * then `count` x (points x d) normals, point-major, for the Gaussian ones (13a's loop order).
 * Caveat of the seed's test: for truly degenerate simplices (e.g. near-identical rows) rounding
 * leaves V^2 slightly positive about half the time, so they count as valid with a rounding-level
 * volume; look at `summary.min` when `valid` is close to `requested` on a suspicious embedding.
 */
import { simplexVolume } from '../../linalg/cpu/cayley-menger';
import { Rng } from '../../linalg/cpu/rng';
import { checkShape, type Mat } from '../../linalg/cpu/types';
import { summarize, type Distribution, SEED_PERCENTILES } from './distribution';
import { Ticker, type JobOptions } from './job';

/** The seed's N_SIMPLICES. */
export const SEED_SIMPLEX_COUNT = 1000;

export interface SimplexOptions extends JobOptions {
  /** Rng seed (default 42) */
  seed?: number;
  /** simplices to draw (default 1000) */
  count?: number;
  /** vertices per simplex (default 5: a 4-simplex) */
  points?: number;
}

/** The valid volumes of one set of simplices. */
export interface VolumeSet {
  /** number of simplices with squared volume > 0 */
  valid: number;
  /** [valid] the volumes, in draw order */
  volumes: Float64Array;
  /** mean, std (ddof 0), min, max, median, percentiles, 100-bin histogram of `volumes` */
  summary: Distribution;
  /** coefficient of variation, std / mean (ddof 0) */
  cv: number;
}

export interface SimplexVolumes {
  /** simplices drawn for each set */
  requested: number;
  /** vertices per simplex (the simplex dimension is points - 1) */
  points: number;
  /** simplices on embedding rows */
  embedding: VolumeSet;
  /** simplices on N(0, diag(perDimStd^2)) points */
  gaussian: VolumeSet;
  /** [d] per-dimension std of the embeddings (ddof 1), the Gaussian scale */
  perDimStd: Float64Array;
  /** embedding.summary.mean / gaussian.summary.mean: below 1, embeddings span less volume than isotropic noise of the same scale */
  ratio: number;
}

/** Simplex volumes of `e` [vocab, d] row-major, and of matched Gaussian points. */
export function simplexVolumes(e: Mat, vocab: number, d: number, opts: SimplexOptions = {}): SimplexVolumes {
  checkShape('simplexVolumes', e, vocab, d);
  const { seed = 42, count = SEED_SIMPLEX_COUNT, points = 5 } = opts;
  if (vocab < points) throw new Error(`simplexVolumes: need at least ${points} tokens, got ${vocab}`);
  const perDimStd = columnStd(e, vocab, d, 1);
  const rng = new Rng(seed);
  const ticker = new Ticker(2 * count, opts, 16);
  const pts = new Float64Array(points * d);
  const embed: number[] = [];
  for (let s = 0; s < count; s++) {
    const idx = rng.sample(vocab, points);
    for (let p = 0; p < points; p++) for (let c = 0; c < d; c++) pts[p * d + c] = e[idx[p] * d + c];
    const v = simplexVolume(pts, points, d);
    if (v > 0) embed.push(v);
    ticker.tick();
  }
  const gauss: number[] = [];
  for (let s = 0; s < count; s++) {
    for (let p = 0; p < points; p++) for (let c = 0; c < d; c++) pts[p * d + c] = rng.normal() * perDimStd[c];
    const v = simplexVolume(pts, points, d);
    if (v > 0) gauss.push(v);
    ticker.tick();
  }
  const embedding = volumeSet(embed);
  const gaussian = volumeSet(gauss);
  ticker.finish();
  return { requested: count, points, embedding, gaussian, perDimStd, ratio: embedding.summary.mean / gaussian.summary.mean };
}

function volumeSet(vols: number[]): VolumeSet {
  const volumes = Float64Array.from(vols);
  const summary = summarize(volumes, SEED_PERCENTILES, 100);
  return { valid: volumes.length, volumes, summary, cv: summary.std / summary.mean };
}

/** [d] standard deviation of each column of a row-major [rows, d] matrix, two-pass in float64. */
export function columnStd(x: Mat, rows: number, d: number, ddof: number): Float64Array {
  const mu = new Float64Array(d);
  for (let r = 0; r < rows; r++) for (let c = 0; c < d; c++) mu[c] += x[r * d + c];
  for (let c = 0; c < d; c++) mu[c] /= rows;
  const ss = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < d; c++) {
      const dev = x[r * d + c] - mu[c];
      ss[c] += dev * dev;
    }
  }
  for (let c = 0; c < d; c++) ss[c] = Math.sqrt(ss[c] / (rows - ddof));
  return ss;
}
