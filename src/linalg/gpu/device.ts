/**
 * The linear-algebra kernels' own GPUDevice (separate from onnxruntime's): acquired once per page or
 * worker, with the adapter's buffer limits requested so large matrices stream in few chunks.
 */
import { describeAdapter, readAdapterFacts, type AdapterFacts } from './adapter';

/** What the kernels ran on, reported with every GPU result; limits are the device's (created with the adapter's maxima). */
export interface GpuAdapterFacts extends AdapterFacts {
  /** bytes of workgroup memory per workgroup */
  maxComputeWorkgroupStorageSize: number;
}

export interface GpuContext {
  device: GPUDevice;
  facts: GpuAdapterFacts;
}

/** Thrown when there is no WebGPU here (no navigator.gpu, no adapter, or the device request failed). */
export class WebGpuUnavailableError extends Error {
  override name = 'WebGpuUnavailableError';
}

let cached: Promise<GpuContext> | null = null;

/** The shared context, created on first use; a lost device is dropped so the next call makes a new one. */
export function acquireGpu(): Promise<GpuContext> {
  if (!cached) {
    cached = createContext();
    // A failed attempt is not cached: WebGPU may become available (or the error be fixed) later.
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

async function createContext(): Promise<GpuContext> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) throw new WebGpuUnavailableError('WebGPU is not available here (navigator.gpu is missing): use the CPU path');
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    throw new WebGpuUnavailableError(`WebGPU adapter request failed: ${(e as Error).message}`);
  }
  if (!adapter) throw new WebGpuUnavailableError('WebGPU is present but requestAdapter() returned no adapter: use the CPU path');
  const { limits } = adapter;
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      requiredLimits: {
        maxBufferSize: limits.maxBufferSize,
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      },
    });
  } catch (e) {
    throw new WebGpuUnavailableError(`WebGPU device request failed: ${(e as Error).message}`);
  }
  const facts: GpuAdapterFacts = {
    ...readAdapterFacts(adapter),
    maxBufferSize: device.limits.maxBufferSize,
    maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize,
    maxComputeWorkgroupStorageSize: device.limits.maxComputeWorkgroupStorageSize,
  };
  void device.lost.then(() => {
    cached = null;
  });
  return { device, facts };
}

/** One line naming the adapter, with "(software fallback adapter)" where it is one. */
export const describeGpu = (f: GpuAdapterFacts): string => describeAdapter(f);

/** Reads a GPU buffer back (it must have COPY_SRC) into a fresh ArrayBuffer. */
export async function readBuffer(device: GPUDevice, src: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
  const staging = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const enc = device.createCommandEncoder();
  enc.copyBufferToBuffer(src, 0, staging, 0, bytes);
  device.queue.submit([enc.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const out = staging.getMappedRange().slice(0);
  staging.unmap();
  staging.destroy();
  return out;
}

/** Compiles a compute pipeline, turning WGSL compile errors into one readable exception. */
export async function computePipeline(device: GPUDevice, code: string, label: string): Promise<GPUComputePipeline> {
  const module = device.createShaderModule({ code, label });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length) throw new Error(`${label}: WGSL compile failed: ${errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('; ')}`);
  return device.createComputePipelineAsync({ label, layout: 'auto', compute: { module, entryPoint: 'main' } });
}
