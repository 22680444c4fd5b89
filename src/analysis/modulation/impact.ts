/**
 * The seed's impact measures (seed 05 section 7, measure_modulator_impact) for one sequence: how far the
 * modulated final states moved from the original ones. Inputs are the final-layer states of the same
 * tokens with and without modulation; sums run in float64.
 */

export interface ModulationImpact {
  /** [pos] cos(original_t, modulated_t), each norm clamped at 1e-8 as torch's cosine_similarity does */ cosPerToken: number[];
  /** [pos] ||modulated_t|| / (||original_t|| + 1e-8) */ normRatio: number[];
  /**
   * [pos (pos - 1) / 2] cos(mod_s, mod_t) - cos(orig_s, orig_t) for s < t in row-major upper-triangle
   * order: how the modulation changed the geometry between tokens. Empty for a single token.
   */
  pairwiseCosShift: number[];
  /** mean of cosPerToken */ cosMean: number;
  /** population standard deviation of cosPerToken (numpy's default ddof 0, as the seed) */ cosStd: number;
  /** mean of normRatio */ normRatioMean: number;
  /** mean of pairwiseCosShift; NaN for a single token */ pairwiseShiftMean: number;
  /** population standard deviation of pairwiseCosShift; NaN for a single token */ pairwiseShiftStd: number;
}

function norms(x: ArrayLike<number>, S: number, D: number): Float64Array {
  const out = new Float64Array(S);
  for (let t = 0; t < S; t++) {
    let s = 0;
    for (let j = 0; j < D; j++) s += x[t * D + j] ** 2;
    out[t] = Math.sqrt(s);
  }
  return out;
}

function dot(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number, D: number): number {
  let s = 0;
  for (let k = 0; k < D; k++) s += a[i * D + k] * b[j * D + k];
  return s;
}

function meanStd(v: readonly number[]): [number, number] {
  if (v.length === 0) return [Number.NaN, Number.NaN];
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return [m, Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length)];
}

/**
 * @param original [pos, d_model] final-layer states without modulation
 * @param modulated [pos, d_model] the same positions with modulation
 */
export function modulationImpact(original: ArrayLike<number>, modulated: ArrayLike<number>, seqLen: number, dModel: number): ModulationImpact {
  const n = seqLen * dModel;
  if (original.length !== n || modulated.length !== n) {
    throw new Error(`modulationImpact: expected ${seqLen}x${dModel} = ${n} values each, got ${original.length} and ${modulated.length}`);
  }
  const on = norms(original, seqLen, dModel);
  const mn = norms(modulated, seqLen, dModel);
  const cosPerToken: number[] = [];
  const normRatio: number[] = [];
  for (let t = 0; t < seqLen; t++) {
    cosPerToken.push(dot(original, t, modulated, t, dModel) / (Math.max(on[t], 1e-8) * Math.max(mn[t], 1e-8)));
    normRatio.push(mn[t] / (on[t] + 1e-8));
  }
  const pairwiseCosShift: number[] = [];
  // F.normalize's eps (1e-12) on each row before the pairwise cosines.
  const oc = (s: number, t: number) => dot(original, s, original, t, dModel) / (Math.max(on[s], 1e-12) * Math.max(on[t], 1e-12));
  const mc = (s: number, t: number) => dot(modulated, s, modulated, t, dModel) / (Math.max(mn[s], 1e-12) * Math.max(mn[t], 1e-12));
  for (let s = 0; s < seqLen; s++) for (let t = s + 1; t < seqLen; t++) pairwiseCosShift.push(mc(s, t) - oc(s, t));
  const [cosMean, cosStd] = meanStd(cosPerToken);
  const [pairwiseShiftMean, pairwiseShiftStd] = meanStd(pairwiseCosShift);
  return { cosPerToken, normRatio, pairwiseCosShift, cosMean, cosStd, normRatioMean: meanStd(normRatio)[0], pairwiseShiftMean, pairwiseShiftStd };
}
