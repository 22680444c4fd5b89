/**
 * What a WebGPU adapter is, read once for everyone who reports it (the execution-provider choice and
 * the linear-algebra kernels): a software adapter (SwiftShader) must never be mistaken for a GPU.
 */

export interface AdapterFacts {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** true for a software adapter (SwiftShader): results are right, speed is not a GPU's */
  isFallbackAdapter: boolean;
  /** bytes */
  maxBufferSize: number;
  /** bytes; the largest single storage binding */
  maxStorageBufferBindingSize: number;
  hasShaderF16: boolean;
}

/** The adapter's facts; `isFallbackAdapter` moved from the adapter to its info in newer Chromium, so both are read. */
export function readAdapterFacts(adapter: GPUAdapter): AdapterFacts {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacyFallback = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? legacyFallback),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    hasShaderF16: adapter.features.has('shader-f16'),
  };
}

/** One line naming the adapter, with "(software fallback adapter)" where it is one. */
export function describeAdapter(a: AdapterFacts): string {
  const name = [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' ') || 'unnamed adapter';
  return `${name}${a.isFallbackAdapter ? ' (software fallback adapter)' : ''}`;
}
