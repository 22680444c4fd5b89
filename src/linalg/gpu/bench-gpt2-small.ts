/**
 * The benchmark workload of issue 6 (src/linalg/bench/gpt2-small.ts: the 48 GPT-2-small-shaped
 * matrices from the same seeds) on the WebGPU path: float-float Gram on the GPU, eigen on the CPU.
 */
import { GPT2_SMALL_SHAPES, gaussianMatrix, type SvdBenchResult } from '../bench/gpt2-small';
import { acquireGpu, type GpuAdapterFacts } from './device';
import { checkGramPrecision, type GramPrecision } from './gram';
import { gpuSingularValues } from './singular-values';

export interface GpuSvdBenchResult extends SvdBenchResult {
  /** the adapter the Gram ran on (isFallbackAdapter: a software rasteriser, not a GPU) */
  adapter: GpuAdapterFacts;
  /** the device's float-float check, run (with the shader compile) before the clock starts */
  gramPrecision: GramPrecision;
}

/**
 * All singular values of the 48 matrices (or the first `limit`) through gpuSingularValues. Each
 * matrix's time covers packing, upload, the GPU Gram, readback and the CPU eigen stage; device
 * creation, shader compile and the precision check happen once before, untimed, as in a session.
 */
export async function benchGpt2SmallSvdWebGpu(seed = 1234, limit = GPT2_SMALL_SHAPES.length): Promise<GpuSvdBenchResult> {
  const ctx = await acquireGpu();
  const gramPrecision = await checkGramPrecision(ctx);
  const perMatrixMs: number[] = [];
  const sMax: number[] = [];
  const shapes = GPT2_SMALL_SHAPES.slice(0, limit);
  for (let i = 0; i < shapes.length; i++) {
    const [r, c] = shapes[i];
    const w = gaussianMatrix(r, c, seed + i);
    const t0 = performance.now();
    const s = await gpuSingularValues(ctx, w, r, c);
    perMatrixMs.push(performance.now() - t0);
    sMax.push(s[0]);
  }
  return { totalMs: perMatrixMs.reduce((a, b) => a + b, 0), perMatrixMs, sMax, adapter: ctx.facts, gramPrecision };
}
