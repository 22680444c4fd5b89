/** The field modulator's feeds and diagnostic outputs (runtime/modulator.ts runs the session). */
import type { FieldBlockOutputs } from '../onnx/field-surgery';
import { alphaIsClamped, fieldAlphas, type FieldParams } from '../analysis/modulation/field/params';
import type { FieldModulation } from './modulation-types';

/** One block's diagnostics from a forward: the combined-gate mean [pos] and each expert's vol2 [pos]. */
export interface FieldDiag {
  gateMean: Float32Array;
  vol2: Float32Array[];
}

/** The diagnostic output names of a field session (empty for the lerp). */
export function fieldDiagNames(field: { diagnostics: FieldBlockOutputs[] } | undefined): string[] {
  return field ? field.diagnostics.flatMap((d) => [d.gateMean, ...d.vol2]) : [];
}

/** The diagnostics read from a run's outputs, per block (undefined for the lerp). */
export function readFieldDiag(field: { diagnostics: FieldBlockOutputs[] } | undefined, out: Map<string, { data: Float32Array }>): FieldDiag[] | undefined {
  return field?.diagnostics.map((d) => ({ gateMean: out.get(d.gateMean)!.data, vol2: d.vol2.map((v) => out.get(v)!.data) }));
}

/** [n_blocks, n_experts] the fed field alphas and whether the seed's clamp moved any requested value. */
export function fedFieldAlphas(p: FieldParams, alphas: readonly number[], t: FieldModulation): { alphas: Float32Array; clamped: boolean } {
  const wanted = t.perExpert ? t.perExpert.flat() : alphas;
  return { alphas: fieldAlphas(p.config, alphas, t.perExpert), clamped: wanted.some((a) => alphaIsClamped(p.config, a)) };
}
