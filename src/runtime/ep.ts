/**
 * Execution-provider choice. Auto reads the WebGPU adapter: a software fallback adapter
 * (SwiftShader) runs small models far slower than WASM, so Auto takes WASM there and says why.
 */
import type { ExecutionProvider } from './session';
import { describeAdapter, readAdapterFacts, type AdapterFacts } from '../linalg/gpu/adapter';

export { describeAdapter, type AdapterFacts };

export type EpChoice = 'auto' | 'webgpu' | 'wasm';


export interface EpDecision {
  requested: EpChoice;
  ep: ExecutionProvider;
  reason: string;
  adapter: AdapterFacts | null;
}

/** WASM's linear memory is capped at 4 GiB; larger models need WebGPU whatever the adapter. */
export const WASM_MEMORY_LIMIT = 4 * 1024 ** 3;


export function decideEp(requested: EpChoice, adapter: AdapterFacts | null, modelBytes: number, adapterError?: string): EpDecision {
  const base = { requested, adapter };
  if (requested === 'wasm') return { ...base, ep: 'wasm', reason: 'WASM chosen by the user' };
  if (requested === 'webgpu') {
    if (!adapter) throw new Error(`WebGPU was requested but no WebGPU adapter is available${adapterError ? `: ${adapterError}` : ''}`);
    return { ...base, ep: 'webgpu', reason: `WebGPU chosen by the user, on ${describeAdapter(adapter)}` };
  }
  if (!adapter) return { ...base, ep: 'wasm', reason: `Auto: no WebGPU adapter${adapterError ? ` (${adapterError})` : ''}, so WASM` };
  if (adapter.isFallbackAdapter && modelBytes < WASM_MEMORY_LIMIT) {
    return {
      ...base,
      ep: 'wasm',
      reason: `Auto: the WebGPU adapter is a software fallback (${describeAdapter(adapter)}), slower than WASM for a model of ${(modelBytes / 1e6).toFixed(1)} MB, so WASM`,
    };
  }
  return { ...base, ep: 'webgpu', reason: `Auto: hardware WebGPU adapter ${describeAdapter(adapter)}, so WebGPU` };
}

/** Read the adapter's facts in a browser or worker; null where WebGPU is absent. */
export async function probeAdapter(): Promise<{ adapter: GPUAdapter | null; facts: AdapterFacts | null; error?: string }> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return { adapter: null, facts: null, error: 'navigator.gpu is not available' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { adapter: null, facts: null, error: 'requestAdapter() returned null' };
    const facts = readAdapterFacts(adapter);
    return { adapter, facts };
  } catch (e) {
    return { adapter: null, facts: null, error: (e as Error).message };
  }
}
