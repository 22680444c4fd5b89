/**
 * The Geometric Field Modulator's health report and CV check (seed 05 section 12: `health_report`,
 * `cv_check`), for inference.
 *
 * What differs from the seed, and why:
 * - The seed's validity numbers are an exponential moving average of the fraction of vol^2 > 0 updated
 *   only while training. Nothing is trained here, so that EMA would stay 0; the lab reports the same
 *   fraction per forward instead (forwardValidity: per block, per expert, over the positions of one
 *   forward), with the mean combined gate, which the seed returns as validity_map.
 * - deform norms: the seed loops over named_parameters and writes `deform_norm_k{k}` for the weight and
 *   then for the bias of _to_deform, so its report holds the bias norm. Both are given here, named.
 * - cv_check draws its 5-point simplices with the lab Rng (seed 42, five rng.int(N) per simplex, with
 *   replacement like torch.randint) instead of torch.Generator, and computes in float64. A draw that
 *   repeats a point (the same row drawn twice, or two equal rows) spans no volume, but its computed vol^2
 *   is rounding noise of either sign (the Gram route leaves d^2 of a point with itself ~1e-16, not 0), so
 *   the seed's `vol2 > 0` counts it or not by chance, differently in numpy and here: such a draw is
 *   counted as degenerate (vol^2 = 0) outright; every other draw keeps the seed's vol2 > 0.
 * - Alpha statistics are over the blocks the modulator acts on (alpha > 0): a block left alone has
 *   alpha 0, which the seed's clamp would never produce.
 */
import { Rng } from '../../../linalg/cpu/rng';
import { activeDims } from './config';
import { fieldParamCount, type FieldParams } from './params';
import { cayleyMengerFeatures, regularSimplexVol2 } from './simplex';

export interface ExpertHealth {
  k: number;
  /** vol^2 of the frozen template by the expert's own CM validator */ templateVol2: number;
  /** (k+1) / (2^k (k!)^2): a regular k-simplex with unit edges; the seed's template is regular for k = 1 only */ regularVol2: number;
  /** ||_to_deform.weight||_F */ deformWeightNorm: number;
  /** ||_to_deform.bias||_2: what the seed's `deform_norm_k{k}` ends up holding */ deformNorm: number;
}

export interface FieldHealthReport {
  /** mean of the modulated alphas (every expert of every block with alpha > 0) */ alphaMean: number;
  /** their standard deviation, ddof 1 as torch.std (NaN for a single value) */ alphaStd: number;
  alphaMin: number;
  alphaMax: number;
  /** [n_layers] mean alpha over the experts of each block (0: block not modulated) */ alphaLayer: number[];
  /** [n_layers, n_experts] the alphas used */ alphas: number[][];
  experts: ExpertHealth[];
  /** the seed's parameter count (alpha_logits included) */ totalParams: number;
  /** d_model - n_null, and n_null (the tail dims never touched) */ nActive: number;
  nNull: number;
}

/** Parameter-only health figures for the alphas [n_layers, n_experts] in use (see the module doc). */
export function healthReport(p: FieldParams, alphas: ArrayLike<number>): FieldHealthReport {
  const c = p.config;
  const L = c.nLayers;
  const E = p.experts.length;
  if (alphas.length !== L * E) throw new RangeError(`healthReport: alphas must be [${L}, ${E}]`);
  const rows = Array.from({ length: L }, (_, i) => Array.from({ length: E }, (_, e) => alphas[i * E + e]));
  const on = rows.flat().filter((a) => a > 0);
  const mean = on.length ? on.reduce((s, a) => s + a, 0) / on.length : NaN;
  const std = on.length > 1 ? Math.sqrt(on.reduce((s, a) => s + (a - mean) ** 2, 0) / (on.length - 1)) : NaN;
  const norm = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0));
  return {
    alphaMean: mean,
    alphaStd: std,
    alphaMin: on.length ? Math.min(...on) : NaN,
    alphaMax: on.length ? Math.max(...on) : NaN,
    alphaLayer: rows.map((r) => r.reduce((s, a) => s + a, 0) / E),
    alphas: rows,
    experts: p.experts.map((e) => ({
      k: e.k,
      templateVol2: cayleyMengerFeatures(e.template, e.k, c.edim).vol2,
      regularVol2: regularSimplexVol2(e.k),
      deformWeightNorm: norm(e.deformW),
      deformNorm: norm(e.deformB),
    })),
    totalParams: fieldParamCount(p),
    nActive: p.nActive,
    nNull: c.dModel - p.nActive,
  };
}

export interface ForwardValidity {
  /** [n_blocks, n_experts] fraction of positions whose vol^2 > 0 */ validity: number[][];
  /** [n_experts] mean over blocks */ validityPerExpert: number[];
  /** mean over blocks and experts */ validityMean: number;
  /** [n_blocks] mean combined gate over positions and active dims */ gateMean: number[];
}

/** Per-forward validity from each block's vol^2 [n_experts, S] and combined-gate means [S]. */
export function forwardValidity(blocks: readonly { vol2: ArrayLike<number>; gateMean: ArrayLike<number> }[], nExperts: number): ForwardValidity {
  const validity = blocks.map((b) => {
    const S = b.vol2.length / nExperts;
    return Array.from({ length: nExperts }, (_, e) => {
      let n = 0;
      for (let s = 0; s < S; s++) if (b.vol2[e * S + s] > 0) n++;
      return n / S;
    });
  });
  const avg = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  return {
    validity,
    validityPerExpert: Array.from({ length: nExperts }, (_, e) => avg(validity.map((r) => r[e]))),
    validityMean: avg(validity.flat()),
    gateMean: blocks.map((b) => avg(Array.from(b.gateMean))),
  };
}

export interface CvCheck {
  /** std (ddof 1) / mean of the volumes of the draws with vol^2 > 0 (NaN if none) */ cv: number;
  meanVol: number;
  /** draws with vol^2 > 0 (a repeated point counts as 0) over all draws */ validFraction: number;
  /** |cv - cv_target| < cv_tolerance */ inBand: boolean;
  nSimplices: number;
  /** the first edim dims of the embedding rows are what the pentachora span */ dims: number;
}

/** Two of the m points [m, d] are equal coordinate for coordinate. */
function repeatsPoint(pts: Float64Array, m: number, d: number): boolean {
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      let same = true;
      for (let c = 0; c < d && same; c++) same = pts[i * d + c] === pts[j * d + c];
      if (same) return true;
    }
  }
  return false;
}

/**
 * The seed's cv_check: `nSimplices` 5-point draws of rows of `embeddings` [N, dEmb] (five rng.int(N)
 * each, Rng(seed)), the first edim of the active dims of each point, vol = sqrt(vol^2) by the k = 4 CM
 * validator where vol^2 > 0, and the coefficient of variation of those volumes.
 */
export function cvCheck(p: FieldParams, embeddings: ArrayLike<number>, N: number, dEmb: number, o: { nSimplices?: number; seed?: number } = {}): CvCheck {
  const c = p.config;
  const nSimplices = o.nSimplices ?? 500;
  if (embeddings.length !== N * dEmb) throw new RangeError(`cvCheck: embeddings must be [${N}, ${dEmb}]`);
  const dims = Math.min(c.edim, activeDims(c), dEmb);
  const rng = new Rng(o.seed ?? 42);
  const vols: number[] = [];
  const pts = new Float64Array(5 * dims);
  for (let t = 0; t < nSimplices; t++) {
    for (let v = 0; v < 5; v++) {
      const r = rng.int(N);
      for (let j = 0; j < dims; j++) pts[v * dims + j] = embeddings[r * dEmb + j];
    }
    if (repeatsPoint(pts, 5, dims)) continue;
    const { vol2 } = cayleyMengerFeatures(pts, 4, dims);
    if (vol2 > 0) vols.push(Math.sqrt(vol2));
  }
  if (vols.length === 0) return { cv: NaN, meanVol: 0, validFraction: 0, inBand: false, nSimplices, dims };
  const mean = vols.reduce((s, v) => s + v, 0) / vols.length;
  const std = vols.length > 1 ? Math.sqrt(vols.reduce((s, v) => s + (v - mean) ** 2, 0) / (vols.length - 1)) : NaN;
  const cv = std / mean;
  return { cv, meanVol: mean, validFraction: vols.length / nSimplices, inBand: Math.abs(cv - c.cvTarget) < c.cvTolerance, nSimplices, dims };
}
