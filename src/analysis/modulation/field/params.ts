/**
 * Seeded parameters of the Geometric Field Modulator (seed 05 section 12), mirroring PyTorch's default
 * initialisation with the lab's Rng (src/linalg/cpu/rng.ts; scripts/rng.py is its Python mirror) in
 * place of torch's generator, so scripts/reference_gfm.py rebuilds the same float32 values bit for bit.
 *
 * Distributions (PyTorch defaults): nn.Linear weight and bias U(-1/sqrt(in), 1/sqrt(in)) (kaiming_uniform
 * with a = sqrt(5) reduces to that bound), drawn as (2 next() - 1) / sqrt(in) and rounded to float32;
 * nn.LayerNorm weight ones, bias zeros (no draws).
 * Draw order (the seed's module construction order): for each expert k in expert_ks: _to_deform.weight
 * [(k+1) edim, n_active] row-major, _to_deform.bias, _validity_proj.weight [1, geo_dim], _validity_proj.bias;
 * then for each k: gate_proj.weight [n_active, geo_dim], gate_proj.bias. alpha_logits are not drawn.
 * The validity projection does not touch the residual (the seed computes it and never uses it); it is
 * drawn and counted so the order and the 38,552 parameters match the seed.
 */
import { Rng } from '../../../linalg/cpu/rng';
import { logitToAlpha } from '../alpha';
import { activeDims, geoDim, nVertices, type FieldModulatorConfig } from './config';
import { buildRegularSimplex } from './simplex';

export interface ExpertParams {
  k: number;
  /** [k+1, edim] the frozen template (build_regular_simplex), rounded to float32 as torch stores it */ template: Float32Array;
  /** [(k+1) edim, n_active] row-major [out, in]: _to_deform.weight */ deformW: Float32Array;
  /** [(k+1) edim] _to_deform.bias */ deformB: Float32Array;
  /** [geo_dim] LayerNorm weight (ones) */ normGamma: Float32Array;
  /** [geo_dim] LayerNorm bias (zeros) */ normBeta: Float32Array;
  /** [1, geo_dim] _validity_proj Linear weight (unused by the residual) */ validityW: Float32Array;
  /** [1] */ validityB: Float32Array;
  /** [n_active, geo_dim] row-major [out, in]: gate_projs[k] Linear weight */ gateW: Float32Array;
  /** [n_active] */ gateB: Float32Array;
}

export interface FieldParams {
  config: FieldModulatorConfig;
  /** the Rng seed the weights were drawn with */ seed: number;
  /** d_model - n_null */ nActive: number;
  /** one per config.expertKs, in that order */ experts: ExpertParams[];
}

/** [out, in] then [out]: PyTorch's nn.Linear default init from the lab Rng, float32. */
function linear(rng: Rng, out: number, inDim: number): { w: Float32Array; b: Float32Array } {
  const bound = 1 / Math.sqrt(inDim);
  const draw = (n: number) => Float32Array.from({ length: n }, () => (2 * rng.next() - 1) * bound);
  const w = draw(out * inDim);
  return { w, b: draw(out) };
}

/** The modulator's weights for a seed (see the module doc for distributions and order). */
export function initFieldParams(config: FieldModulatorConfig, seed: number): FieldParams {
  const rng = new Rng(seed);
  const nActive = activeDims(config);
  const { edim } = config;
  const experts: ExpertParams[] = config.expertKs.map((k) => {
    const g = geoDim(k);
    const deform = linear(rng, nVertices(k) * edim, nActive);
    const validity = linear(rng, 1, g);
    return {
      k,
      template: Float32Array.from(buildRegularSimplex(k, edim)),
      deformW: deform.w,
      deformB: deform.b,
      normGamma: new Float32Array(g).fill(1),
      normBeta: new Float32Array(g),
      validityW: validity.w,
      validityB: validity.b,
      gateW: new Float32Array(0),
      gateB: new Float32Array(0),
    };
  });
  for (const e of experts) {
    const gate = linear(rng, nActive, geoDim(e.k));
    e.gateW = gate.w;
    e.gateB = gate.b;
  }
  return { config, seed, nActive, experts };
}

/** Parameters the seed counts (named_parameters): every Linear and LayerNorm, plus alpha_logits [n_layers, n_experts]. */
export function fieldParamCount(p: FieldParams): number {
  let n = p.config.nLayers * p.config.expertKs.length;
  for (const e of p.experts) n += e.deformW.length + e.deformB.length + e.normGamma.length + e.normBeta.length + e.validityW.length + e.validityB.length + e.gateW.length + e.gateB.length;
  return n;
}

/**
 * One alpha as the seed's `alphas` property turns it into the value used: its logit stored as a float32
 * parameter, sigmoid, clamped to [alpha_min, alpha_max], float32. 0 means "block not modulated" (the
 * seed's modulate_layers) and stays exactly 0; the clamp applies to every other value.
 */
export function effectiveAlpha(c: FieldModulatorConfig, alpha: number): number {
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`field alpha must be in [0, 1], got ${alpha}`);
  if (alpha === 0) return 0;
  const logit = Math.fround(Math.log(alpha / (1 - alpha)));
  return Math.fround(Math.min(c.alphaMax, Math.max(c.alphaMin, logitToAlpha(logit))));
}

/** True when the seed's clamp moves this alpha (outside [alpha_min, alpha_max], 0 excepted). */
export const alphaIsClamped = (c: FieldModulatorConfig, alpha: number): boolean => alpha !== 0 && (alpha < c.alphaMin || alpha > c.alphaMax);

/**
 * [n_layers, n_experts] float32 alphas as the graph input `field_alpha` takes them: `perBlock[i]` for
 * every expert of block i (or `perExpert[i][e]` when given), through effectiveAlpha.
 */
export function fieldAlphas(c: FieldModulatorConfig, perBlock: readonly number[], perExpert?: readonly (readonly number[])[]): Float32Array {
  const E = c.expertKs.length;
  if (perBlock.length !== c.nLayers) throw new RangeError(`field alphas: one value per block is needed (${c.nLayers}), got ${perBlock.length}`);
  if (perExpert && (perExpert.length !== c.nLayers || perExpert.some((r) => r.length !== E))) throw new RangeError(`field alphas: per-expert values must be [${c.nLayers}, ${E}]`);
  const out = new Float32Array(c.nLayers * E);
  for (let i = 0; i < c.nLayers; i++) for (let e = 0; e < E; e++) out[i * E + e] = effectiveAlpha(c, perExpert ? perExpert[i][e] : perBlock[i]);
  return out;
}
