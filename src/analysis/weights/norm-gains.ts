import { mean, std } from '../../linalg/cpu/stats';
import { countBelow, type ThresholdCount } from './types';

/**
 * Statistics of one norm gain vector (LayerNorm / RMSNorm weight; catalog ln_attn.i, ln_mlp.i,
 * ln_final, T5's ln_cross.i), seed 05 section 4's "LayerNorm learned scales": mean, std (population,
 * ddof 0, numpy's w.std() as the seed prints it), high (> 1.5), low (< 0.5) and near one (0.8 < g < 1.2)
 * counts, plus min, max, negatives and |g| below the sparsity thresholds. Biases are not gains and are
 * not passed here.
 */

export interface NormGainStats {
  /** d_model */
  n: number;
  mean: number;
  /** population standard deviation, ddof = 0 */
  std: number;
  min: number;
  max: number;
  /** g > 1.5 */
  nHigh: number;
  /** g < 0.5 */
  nLow: number;
  /** 0.8 < g < 1.2 */
  nNearOne: number;
  /** g < 0 */
  nNegative: number;
  /** |g| below 1e-6 ... 1e-1 */
  absBelow: ThresholdCount[];
}

/** Statistics of gain vector `g` [d_model]. */
export function normGainStats(g: ArrayLike<number>): NormGainStats {
  const n = g.length;
  if (n === 0) throw new Error('normGainStats: empty gain vector');
  let min = Infinity;
  let max = -Infinity;
  let nHigh = 0;
  let nLow = 0;
  let nNearOne = 0;
  let nNegative = 0;
  for (let i = 0; i < n; i++) {
    const v = g[i];
    min = Math.min(min, v);
    max = Math.max(max, v);
    if (v > 1.5) nHigh++;
    if (v < 0.5) nLow++;
    if (v > 0.8 && v < 1.2) nNearOne++;
    if (v < 0) nNegative++;
  }
  return { n, mean: mean(g), std: std(g, 0), min, max, nHigh, nLow, nNearOne, nNegative, absBelow: countBelow(g) };
}
