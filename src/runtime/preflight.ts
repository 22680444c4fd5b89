/**
 * Memory pre-flight: before a session is created (the step that crashes a tab when memory runs
 * out), compare the model with what the chosen provider allows, and refuse with a way forward.
 */
import type { AdapterFacts } from './ep';
import { WASM_MEMORY_LIMIT } from './ep';
import type { ExecutionProvider } from './session';

export interface WeightFacts {
  /** bytes of all initializers */ totalBytes: number;
  /** the largest single initializer */ largest: { name: string; bytes: number };
}

export interface Preflight {
  ok: boolean;
  /** why it refuses, with what to do instead; or notes when ok */ message: string;
}

const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

/**
 * WASM holds the weights about twice while the session is built (our bytes and onnxruntime's), in a
 * 4 GiB linear memory. WebGPU needs each weight in one buffer within the adapter's binding limits.
 */
export function preflight(w: WeightFacts, ep: ExecutionProvider, adapter: AdapterFacts | null, deviceMemoryGiB?: number): Preflight {
  const notes: string[] = [];
  if (ep === 'wasm') {
    if (2 * w.totalBytes > WASM_MEMORY_LIMIT) {
      return { ok: false, message: `the model's weights are ${mb(w.totalBytes)}; WASM would need about ${mb(2 * w.totalBytes)} of its 4096 MiB memory: choose WebGPU, or a smaller variant (q8 or q4)` };
    }
  }
  if (ep === 'webgpu' && adapter) {
    const limit = Math.min(adapter.maxBufferSize, adapter.maxStorageBufferBindingSize);
    if (w.largest.bytes > limit) {
      const wasmFits = 2 * w.totalBytes <= WASM_MEMORY_LIMIT;
      return {
        ok: false,
        message: `weight '${w.largest.name}' is ${mb(w.largest.bytes)}, over this WebGPU adapter's buffer limit of ${mb(limit)}: ${wasmFits ? 'choose WASM, or ' : ''}a smaller variant (q8 or q4)`,
      };
    }
  }
  if (deviceMemoryGiB && 2 * w.totalBytes > deviceMemoryGiB * 2 ** 30) {
    notes.push(`the device reports about ${deviceMemoryGiB} GiB of memory and the model needs about ${mb(2 * w.totalBytes)} while loading; the tab may run short`);
  }
  return { ok: true, message: notes.join('; ') };
}
