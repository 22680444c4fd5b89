/** The Lab's platform in a browser worker: WebGPU adapter facts, WASM as the CPU path, observed EP. */
import type { Env } from 'onnxruntime-common';
import { probeAdapter } from './ep';
import type { LabPlatform } from './lab';

export function browserPlatform(env: Env, appVersion: string): LabPlatform {
  return {
    name: `browser: ${navigator.userAgent}`,
    onnxruntimeVersion: `onnxruntime-web ${env.versions.web ?? env.versions.common}`,
    appVersion,
    cpuEp: 'wasm',
    deviceMemoryGiB: (navigator as Navigator & { deviceMemory?: number }).deviceMemory,
    adapter: async () => {
      const r = await probeAdapter();
      return { facts: r.facts, error: r.error };
    },
    capturePlacement: true,
    async confirmEp(ep, placements) {
      const counts = placements ? Object.entries(placements).map(([k, n]) => `${n} on ${k.replace('ExecutionProvider', '')}`).join(', ') : '';
      const placed = counts ? ` (nodes: ${counts})` : '';
      if (ep === 'webgpu') {
        if (placements && !placements.WebGpuExecutionProvider) throw new Error(`WebGPU was chosen but onnxruntime placed no node on it${placed}`);
        // onnxruntime sets env.webgpu.device only when its WebGPU backend really initialised.
        const device = (await (env.webgpu.device as unknown as Promise<GPUDevice | undefined> | undefined)) ?? undefined;
        if (!device) throw new Error('WebGPU was chosen but onnxruntime did not create a WebGPU device');
        const info = (device as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo;
        const name = info ? [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') : 'unknown adapter';
        return `observed: onnxruntime's WebGPU device is live on ${name || 'unnamed adapter'}${placed}`;
      }
      return `observed: onnxruntime-web WASM backend, ${env.wasm.numThreads ?? 1} thread(s)${placed}`;
    },
  };
}
