/**
 * The Gram matrix of the short side on the GPU in float-float (~48 bits), streamed in chunks of
 * positions, read back as hi + lo into float64. See float-float.ts for why the products are exact.
 */
import { Rng } from '../cpu/rng';
import { checkShape } from '../cpu/types';
import { computePipeline, readBuffer, type GpuContext } from './device';
import { GRAM_TILE, GRAM_WGSL } from './gram-shader';
import { assembleGram, chunkPositions, gramDims, packChunk, scaleExponent } from './gram-pack';
import { exactGram, gramError } from './reference';

export interface GpuGramOptions {
  /** Positions per chunk (default DEFAULT_CHUNK_POSITIONS); fewer when a chunk would not fit a binding. */
  chunkPositions?: number;
}

const pipelines = new WeakMap<GPUDevice, Promise<GPUComputePipeline>>();

function gramPipeline(device: GPUDevice): Promise<GPUComputePipeline> {
  let p = pipelines.get(device);
  if (!p) {
    p = computePipeline(device, GRAM_WGSL, 'float-float gram');
    pipelines.set(device, p);
  }
  return p;
}

/**
 * X X^T [k, k] (row-major, symmetric, float64) for X the short-side view of the float32 W [rows, cols]:
 * side 'rows' gives W W^T, side 'cols' W^T W, as cpu gram(). Entries carry ~2^-47 relative error
 * against sqrt(G_ii G_jj), against float64's ~2^-53 on the CPU.
 */
export async function gpuGram(ctx: GpuContext, w: Float32Array, rows: number, cols: number, side: 'rows' | 'cols', opts?: GpuGramOptions): Promise<Float64Array> {
  checkShape('gpuGram', w, rows, cols);
  const { device, facts } = ctx;
  const { k, n } = gramDims(rows, cols, side);
  if (k === 0) return new Float64Array(0);
  const outBytes = 8 * k * k;
  const maxBinding = Math.min(facts.maxStorageBufferBindingSize, facts.maxBufferSize);
  if (outBytes > maxBinding) throw new Error(`gpuGram: a ${k}x${k} float-float Gram needs ${outBytes} bytes, above this device's binding limit of ${maxBinding}`);
  if (n === 0) return new Float64Array(k * k);
  const e = scaleExponent(w);
  const len0 = chunkPositions(k, n, maxBinding, opts?.chunkPositions);
  const pipeline = await gramPipeline(device);
  const out = device.createBuffer({ size: outBytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const input = device.createBuffer({ size: 8 * k * len0, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  const params = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const staging = new Float32Array(2 * k * len0);
  const bind = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: params } },
      { binding: 1, resource: { buffer: input } },
      { binding: 2, resource: { buffer: out } },
    ],
  });
  const tiles = Math.ceil(k / GRAM_TILE);
  try {
    for (let c0 = 0; c0 < n; c0 += len0) {
      const len = Math.min(len0, n - c0);
      packChunk(w, rows, cols, side, c0, len, e, staging);
      // Queue writes are ordered with submits, so one staging array and one input buffer serve every chunk.
      device.queue.writeBuffer(input, 0, staging, 0, 2 * k * len);
      device.queue.writeBuffer(params, 0, new Uint32Array([k, len, 0, 0]));
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bind);
      pass.dispatchWorkgroups(tiles, tiles);
      pass.end();
      // One submit per chunk keeps each piece of GPU work short (watchdogs, a software adapter).
      device.queue.submit([enc.finish()]);
    }
    const raw = new Float32Array(await readBuffer(device, out, outBytes));
    return assembleGram(raw, k, e);
  } finally {
    out.destroy();
    input.destroy();
    params.destroy();
  }
}

export interface GramPrecision {
  /** max |G_gpu - G_exact| / sqrt(G_ii G_jj) on the calibration matrix */
  maxRelError: number;
  /** the bound the GPU Gram must meet to be used: 2^-40 (float32 gives ~1e-8, float-float ~1e-14) */
  bound: number;
  passed: boolean;
}

const GRAM_ERROR_BOUND = 2 ** -40;
const checks = new WeakMap<GPUDevice, Promise<GramPrecision>>();

/**
 * Runs the Gram kernel on a calibration matrix (magnitudes over 4 decades, three chunks) and measures
 * it against the exact Gram. WGSL allows a compiler to reassociate or round either way, which would
 * quietly turn float-float into float32; this catches that on the device itself. Memoised per device.
 */
export function checkGramPrecision(ctx: GpuContext): Promise<GramPrecision> {
  let p = checks.get(ctx.device);
  if (!p) {
    p = (async () => {
      const { w, rows, cols, chunk } = gramCalibration();
      const g = await gpuGram(ctx, w, rows, cols, 'cols', { chunkPositions: chunk });
      const maxRelError = gramError(g, exactGram(w, rows, cols, 'cols'), cols);
      return { maxRelError, bound: GRAM_ERROR_BOUND, passed: maxRelError <= GRAM_ERROR_BOUND };
    })();
    checks.set(ctx.device, p);
  }
  return p;
}

/** The calibration input of checkGramPrecision: W [1100, 24] (side 'cols'), entries over 4 decades, chunks of 512. */
export function gramCalibration(): { w: Float32Array; rows: number; cols: number; chunk: number } {
  const rows = 1100;
  const cols = 24;
  const rng = new Rng(20240611);
  const w = new Float32Array(rows * cols);
  for (let i = 0; i < w.length; i++) w[i] = rng.normal() * 10 ** (-4 * rng.next());
  return { w, rows, cols, chunk: 512 };
}
