import { singularValuesWith, type SingularValueOptions } from '../cpu/singular-values';
import { checkShape } from '../cpu/types';
import type { GpuContext } from './device';
import { checkGramPrecision, gpuGram, type GpuGramOptions } from './gram';

/**
 * Eigenvalues of the float-float Gram below this fraction of the largest go to the CPU refinement
 * (the float64 path uses 1e-8). The top level's relative error is about u (s_max / s_i)^2 with
 * u ~ 2^-47 here, so keeping only s_i >= 1e-3 s_max there bounds it near 1e-8, as on the CPU.
 */
export const GPU_REFINE_RATIO = 1e-6;

/**
 * All min(rows, cols) singular values of a float32 row-major [rows, cols] matrix, descending, float64:
 * the short side's Gram on the GPU in float-float, then the CPU path's tridiagonal QL and refinement
 * of small values (src/linalg/cpu/singular-values.ts). Throws before any use when the device fails
 * the float-float precision check, rather than returning float32-quality values.
 */
export async function gpuSingularValues(ctx: GpuContext, w: Float32Array, rows: number, cols: number, opts?: SingularValueOptions & GpuGramOptions): Promise<Float64Array> {
  checkShape('gpuSingularValues', w, rows, cols);
  const check = await checkGramPrecision(ctx);
  if (!check.passed) {
    throw new Error(`gpuSingularValues: this GPU's float-float Gram is off by ${check.maxRelError.toExponential(2)} (bound ${check.bound.toExponential(2)}): its shader compiler does not keep the two-sum exact; use the CPU path`);
  }
  return singularValuesWith(w, rows, cols, (m, r, c, side) => gpuGram(ctx, m, r, c, side, opts), GPU_REFINE_RATIO, opts);
}
