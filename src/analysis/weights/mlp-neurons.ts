import { mean, std } from '../../linalg/cpu/stats';
import { checkMatrix, type Matrix } from './types';

/**
 * MLP dead and weak neurons (seed 05 sections 4-6, issue 6 item 3). Neuron j of the hidden layer
 * reads row j of W_in [d_mlp, d_model] and writes column j of W_out [d_model, d_mlp]; its importance
 * is ||W_in[j, :]|| ||W_out[:, j]||, and for a gated MLP (SwiGLU/GeGLU: Llama gate_proj, llama2.c w1,
 * T5 v1.1 wi_0) also times ||W_gate[j, :]||, the product seed 05 section 6 uses for GeGLU. A neuron is
 * dead below 1% of the layer's mean importance and weak below 10% (weak counts the dead too, as the
 * seed's dead_10). Norm statistics use the sample standard deviation (ddof 1, torch's .std()).
 */

/** Summary of one set of per-neuron norms. */
export interface NormSummary {
  mean: number;
  /** sample standard deviation, ddof = 1 */
  std: number;
  min: number;
  max: number;
}

export interface MlpNeurons {
  /** d_mlp */
  nNeurons: number;
  /** [d_mlp] ||W_in[j, :]|| */
  inNorms: Float64Array;
  /** [d_mlp] ||W_out[:, j]|| */
  outNorms: Float64Array;
  /** [d_mlp] ||W_gate[j, :]||; null for an ungated MLP */
  gateNorms: Float64Array | null;
  /** [d_mlp] product of the norms above */
  importance: Float64Array;
  /** mean importance over the layer */
  meanImportance: number;
  /** importance < 0.01 mean */
  dead: number;
  /** importance < 0.10 mean (includes the dead) */
  weak: number;
  deadFraction: number;
  weakFraction: number;
  inSummary: NormSummary;
  outSummary: NormSummary;
  gateSummary: NormSummary | null;
}

/** L2 norm of each row ('rows') or each column ('cols') of m, in float64. */
export function lineNorms(m: Matrix, along: 'rows' | 'cols'): Float64Array {
  const { data, rows, cols } = m;
  const out = new Float64Array(along === 'rows' ? rows : cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    if (along === 'rows') {
      let acc = 0;
      for (let c = 0; c < cols; c++) acc += data[base + c] * data[base + c];
      out[r] = acc;
    } else {
      for (let c = 0; c < cols; c++) out[c] += data[base + c] * data[base + c];
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(out[i]);
  return out;
}

function summary(x: Float64Array): NormSummary {
  let min = Infinity;
  let max = -Infinity;
  for (const v of x) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { mean: mean(x), std: std(x, 1), min, max };
}

/** Dead and weak neurons of one MLP: `mlpIn` [d_mlp, d_model], `mlpOut` [d_model, d_mlp], optional `mlpGate` [d_mlp, d_model]. */
export function mlpNeurons(mlpIn: Matrix, mlpOut: Matrix, mlpGate?: Matrix | null): MlpNeurons {
  checkMatrix('mlpNeurons mlpIn', mlpIn);
  checkMatrix('mlpNeurons mlpOut', mlpOut);
  const n = mlpIn.rows;
  if (mlpOut.cols !== n || mlpOut.rows !== mlpIn.cols) {
    throw new Error(`mlpNeurons: mlp_in ${mlpIn.rows}x${mlpIn.cols} and mlp_out ${mlpOut.rows}x${mlpOut.cols} do not form one MLP`);
  }
  if (mlpGate) {
    checkMatrix('mlpNeurons mlpGate', mlpGate);
    if (mlpGate.rows !== n || mlpGate.cols !== mlpIn.cols) throw new Error(`mlpNeurons: mlp_gate ${mlpGate.rows}x${mlpGate.cols} does not match mlp_in`);
  }
  const inNorms = lineNorms(mlpIn, 'rows');
  const outNorms = lineNorms(mlpOut, 'cols');
  const gateNorms = mlpGate ? lineNorms(mlpGate, 'rows') : null;
  const importance = new Float64Array(n);
  for (let j = 0; j < n; j++) importance[j] = inNorms[j] * outNorms[j] * (gateNorms ? gateNorms[j] : 1);
  const meanImportance = mean(importance);
  let dead = 0;
  let weak = 0;
  for (const v of importance) {
    if (v < 0.01 * meanImportance) dead++;
    if (v < 0.1 * meanImportance) weak++;
  }
  return {
    nNeurons: n,
    inNorms,
    outNorms,
    gateNorms,
    importance,
    meanImportance,
    dead,
    weak,
    deadFraction: dead / n,
    weakFraction: weak / n,
    inSummary: summary(inNorms),
    outSummary: summary(outNorms),
    gateSummary: gateNorms ? summary(gateNorms) : null,
  };
}
