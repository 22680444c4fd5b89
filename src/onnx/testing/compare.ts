/** Comparisons of tapped activations with reference summaries and with each other. */
import { tokenNorms } from '../../analysis/norms';
import type { TensorSummary } from './fixtures';
import type { Float32Output } from './run';

/** Relative errors of one tapped tensor against a reference summary. */
export interface SummaryError {
  /** max over tokens of |norm_a - norm_b| / norm_b */ norms: number;
  /** ||a_last - b_last|| / ||b_last|| */ lastToken: number;
}

function l2(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

/** ||a - b|| / ||b|| */
export function vectorRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`vectorRelErr: length ${a.length} vs ${b.length}`);
  const d = Array.from(a, (v, i) => v - b[i]);
  return l2(d) / l2(b);
}

/** Compare a tapped [.., S, D] tensor with a reference summary (D taken from the reference). */
export function compareSummary(t: Float32Output, ref: TensorSummary): SummaryError {
  const D = ref.last_token.length;
  const S = ref.token_l2_norms.length;
  if (t.data.length !== S * D) throw new Error(`compareSummary: tensor [${t.dims}] is not ${S}x${D}`);
  const n = tokenNorms(t.data, S, D);
  let norms = 0;
  for (let i = 0; i < S; i++) norms = Math.max(norms, Math.abs(n[i] - ref.token_l2_norms[i]) / ref.token_l2_norms[i]);
  return { norms, lastToken: vectorRelErr(t.data.subarray((S - 1) * D), ref.last_token) };
}

/** Worst relative error between two tapped tensors: per-token norms and per-token vectors. */
export function compareTensors(a: Float32Output, b: Float32Output, dModel: number): number {
  if (a.data.length !== b.data.length) throw new Error(`compareTensors: ${a.data.length} vs ${b.data.length} values`);
  const S = a.data.length / dModel;
  let worst = 0;
  for (let t = 0; t < S; t++) {
    const x = a.data.subarray(t * dModel, (t + 1) * dModel);
    const y = b.data.subarray(t * dModel, (t + 1) * dModel);
    worst = Math.max(worst, vectorRelErr(x, y));
  }
  return worst;
}

/** Compare the last position of a tapped [.., S', D] tensor (an incremental step) with a reference summary's last token. */
export function compareLastToken(t: Float32Output, ref: TensorSummary): SummaryError {
  const D = ref.last_token.length;
  const last = t.data.subarray(t.data.length - D);
  const n = tokenNorms(last, 1, D)[0];
  const refNorm = ref.token_l2_norms[ref.token_l2_norms.length - 1];
  return { norms: Math.abs(n - refNorm) / refNorm, lastToken: vectorRelErr(last, ref.last_token) };
}
