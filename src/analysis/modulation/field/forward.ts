/**
 * A pure float64 forward of the Geometric Field Modulator on one block's input (seed 05 section 12,
 * `GeometricFieldModulator.forward` with null_space_position 'tail'), for tests and diagnostics; the
 * lab runs the same computation as ONNX nodes (src/onnx/field-surgery.ts).
 *
 * Per position, with a = x[:n_active] and for each expert k with alpha_k:
 *   verts = template + deform_scale * reshape(W_deform a + b_deform, [k+1, edim])
 *   geo   = LayerNorm([d2 pairs, vol2])                  (CMValidator, then nn.LayerNorm)
 *   gate  = sigmoid(W_gate geo + b_gate)                 [n_active]
 *   combined *= (1 - alpha_k) + alpha_k * gate
 * out = [a * combined, x[n_active:]]: the null dims are copied, never touched.
 */
import { activeDims, geoDim, nVertices } from './config';
import { cayleyMengerFeatures } from './simplex';
import type { FieldParams } from './params';

export interface FieldForward {
  /** [S, d_model] the modulated residual */ out: Float64Array;
  /** [S] mean over the active dims of the combined gate (the seed's validity_map) */ gateMean: Float64Array;
  /** [n_experts, S] each expert's raw vol^2 per position (the seed's expert_volumes) */ vol2: Float64Array;
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * The modulator on x [S, d_model] at one block, with `alphas` [n_experts] (that block's row of
 * fieldAlphas; all 0 returns x unchanged).
 */
export function fieldForward(p: FieldParams, x: ArrayLike<number>, S: number, alphas: ArrayLike<number>): FieldForward {
  const c = p.config;
  const D = c.dModel;
  const A = activeDims(c);
  const E = p.experts.length;
  if (x.length !== S * D) throw new RangeError(`fieldForward: x must be [${S}, ${D}], got ${x.length} values`);
  if (alphas.length !== E) throw new RangeError(`fieldForward: one alpha per expert (${E}) is needed, got ${alphas.length}`);
  const out = Float64Array.from(x);
  const gateMean = new Float64Array(S);
  const vol2 = new Float64Array(E * S);
  const combined = new Float64Array(A);
  for (let s = 0; s < S; s++) {
    const row = s * D;
    combined.fill(1);
    p.experts.forEach((e, ei) => {
      const nv = nVertices(e.k);
      const nd = nv * c.edim;
      const verts = new Float64Array(nd);
      for (let o = 0; o < nd; o++) {
        let acc = e.deformB[o];
        for (let j = 0; j < A; j++) acc += e.deformW[o * A + j] * x[row + j];
        verts[o] = e.template[o] + c.deformScale * acc;
      }
      const cm = cayleyMengerFeatures(verts, e.k, c.edim);
      vol2[ei * S + s] = cm.vol2;
      const G = geoDim(e.k);
      const geo = Float64Array.from([...cm.d2Pairs, cm.vol2]);
      let mean = 0;
      for (const v of geo) mean += v;
      mean /= G;
      let v2 = 0;
      for (const v of geo) v2 += (v - mean) ** 2;
      const inv = 1 / Math.sqrt(v2 / G + c.layerNormEps);
      for (let g = 0; g < G; g++) geo[g] = (geo[g] - mean) * inv * e.normGamma[g] + e.normBeta[g];
      const a = alphas[ei];
      for (let j = 0; j < A; j++) {
        let z = e.gateB[j];
        for (let g = 0; g < G; g++) z += e.gateW[j * G + g] * geo[g];
        combined[j] *= 1 - a + a * sigmoid(z);
      }
    });
    let m = 0;
    for (let j = 0; j < A; j++) {
      out[row + j] = x[row + j] * combined[j];
      m += combined[j];
    }
    gateMean[s] = m / A;
  }
  return { out, gateMean, vol2 };
}
