/**
 * Test-only helpers for the weight battery: stories260K's catalog matrices read with the lab's own
 * checkpoint reader, and the typed numpy fixture fixtures/weights.reference.json
 * (scripts/reference_weights.py documents its schema). Node only (reads files); never imported by app code.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readLlama2cCheckpoint, type Llama2cConfig } from '../../model/llama2c/checkpoint';
import { readBytes, STORIES_CKPT } from '../../testing/shared';
import type { Matrix } from './types';

export interface RefMetrics {
  frobenius_norm: number;
  spectral_norm: number;
  stable_rank: number;
  participation_ratio: number;
  participation_ratio_seed05: number;
  active_fraction: number;
  rank90_energy: number;
  rank90_seed05: number;
  condition_number: number | null;
  sparsity_counts: number[];
  n_entries: number;
}

export interface RefMp {
  status: string;
  Q: number;
  sigma: number;
  lambda_plus: number;
  soft_rank: number;
  num_spikes: number;
}

export type RefEsd =
  | { status: 'skipped'; reason: string; n_evals: number }
  | {
      status: 'fitted';
      n_evals: number;
      n_fitted: number;
      alpha: number;
      xmin: number;
      xmax: number;
      D: number;
      sigma: number;
      num_pl_spikes: number;
      warning: string | null;
      log_norm: number;
      log_spectral_norm: number;
      alpha_weighted: number;
      log_alpha_norm: number;
      stable_rank: number;
      mp: RefMp;
    };

export interface RefMatrix {
  shape: [number, number];
  singular_values: number[];
  metrics: RefMetrics;
  esd: RefEsd;
}

export interface RefForm {
  dim: number;
  frobenius_norm: number;
  stable_rank: number;
  participation_ratio: number;
  participation_ratio_seed05: number;
  symmetry_deviation: number;
  n_positive: number;
  n_negative: number;
  n_zero: number;
  top5: number[];
  bottom5: number[];
  singular_values?: number[];
}

export interface RefQkLayer {
  q: string;
  k: string;
  layer: number;
  n_heads: number;
  n_kv_heads: number;
  d_head: number;
  heads: (RefForm & { head: number; kv_head: number; singular_values: number[] })[];
  head_sum: RefForm;
  seed_layer_product: RefForm | null;
}

export interface RefNormSummary {
  mean: number;
  std: number;
  min: number;
  max: number;
}

export interface RefMlp {
  layer: number;
  in: string;
  out: string;
  gate: string | null;
  d_mlp: number;
  mean_importance: number;
  dead: number;
  weak: number;
  importance: number[];
  up_norms: RefNormSummary;
  down_norms: RefNormSummary;
  gate_norms: RefNormSummary | null;
}

export interface RefNormGain {
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  n_high: number;
  n_low: number;
  n_near_one: number;
  n_negative: number;
  abs_below_counts: number[];
}

export interface RefNullFamily {
  n_layers: number;
  scale_track: number[];
  pairs: ({ layer: number; next: number; cos: number; resid_norm: number; scalar_fit_resid: number } | { layer: number; next: number; skipped: string })[];
  mean_cos?: number;
  median_cos?: number;
  raw_resid?: number;
  scalar_fit?: number;
  improve_frac?: number;
  cosine_matrix: (number | null)[][];
}

export interface RefNullTest {
  families: Record<string, RefNullFamily>;
  scale_pca: {
    families: string[];
    singular_values: number[];
    explained_fraction: number[];
    degenerate: boolean[];
    loadings: Record<string, number[]>;
    scores: number[][];
  };
}

export interface RefModel {
  source: string;
  config: { d_model: number; n_layers: number; n_heads: number; n_kv_heads: number; d_head: number; d_mlp: number; vocab: number };
  matrices: Record<string, RefMatrix>;
  norms: Record<string, RefNormGain>;
  qk: RefQkLayer[];
  mlp: RefMlp[];
  null_test: Record<string, RefNullTest>;
}

export interface WeightsReference {
  models: Record<string, RefModel>;
}

let cached: WeightsReference | null = null;

export function weightsReference(): WeightsReference {
  cached ??= JSON.parse(readFileSync(resolve(process.cwd(), 'fixtures/weights.reference.json'), 'utf8')) as WeightsReference;
  return cached;
}

export interface StoriesCatalog {
  config: Llama2cConfig;
  /** catalog name -> [out, in] matrix (embed, wq.i, wk.i, wv.i, wo.i, mlp_gate.i, mlp_in.i, mlp_out.i) */
  matrices: Record<string, Matrix>;
  /** catalog name -> gain vector (ln_attn.i, ln_mlp.i, ln_final) */
  norms: Record<string, Float32Array>;
}

/** stories260K's catalog, from the lab's checkpoint reader (llama2.c w1 = gate, w3 = up, w2 = down). */
export function storiesCatalog(): StoriesCatalog {
  const { config, weights } = readLlama2cCheckpoint(readBytes(STORIES_CKPT), 'stories260K.bin');
  const { dim, hiddenDim, nHeads, nKvHeads, vocabSize } = config;
  const kv = (dim / nHeads) * nKvHeads;
  const mat = (data: Float32Array, rows: number, cols: number): Matrix => ({ data, rows, cols });
  const matrices: Record<string, Matrix> = { embed: mat(weights.tokenEmbedding, vocabSize, dim) };
  if (!config.sharedClassifier) matrices.unembed = mat(weights.wcls, vocabSize, dim);
  const norms: Record<string, Float32Array> = {};
  for (let i = 0; i < config.nLayers; i++) {
    matrices[`wq.${i}`] = mat(weights.wq[i], dim, dim);
    matrices[`wk.${i}`] = mat(weights.wk[i], kv, dim);
    matrices[`wv.${i}`] = mat(weights.wv[i], kv, dim);
    matrices[`wo.${i}`] = mat(weights.wo[i], dim, dim);
    matrices[`mlp_gate.${i}`] = mat(weights.w1[i], hiddenDim, dim);
    matrices[`mlp_in.${i}`] = mat(weights.w3[i], hiddenDim, dim);
    matrices[`mlp_out.${i}`] = mat(weights.w2[i], dim, hiddenDim);
    norms[`ln_attn.${i}`] = weights.rmsAtt[i];
    norms[`ln_mlp.${i}`] = weights.rmsFfn[i];
  }
  norms.ln_final = weights.rmsFinal;
  return { config, matrices, norms };
}

/** max |a - b| / max(|b|, floor) over paired entries. */
export function maxRel(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-300): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
  return m;
}
