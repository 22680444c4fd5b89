/** The lab's WebGPU linear algebra: float-float Gram for singular values, batched Cayley-Menger volumes. */
export { acquireGpu, describeGpu, WebGpuUnavailableError, type GpuAdapterFacts, type GpuContext } from './device';
export { checkGramPrecision, gpuGram, type GpuGramOptions, type GramPrecision } from './gram';
export { GPU_REFINE_RATIO, gpuSingularValues } from './singular-values';
export { gpuSimplexVolumes, MAX_SIMPLEX_POINTS } from './cayley-menger';
export { benchGpt2SmallSvdWebGpu, type GpuSvdBenchResult } from './bench-gpt2-small';
