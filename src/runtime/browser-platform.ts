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
    adapter: async () => {
      const r = await probeAdapter();
      return { facts: r.facts, error: r.error };
    },
    async confirmEp(ep) {
      if (ep === 'webgpu') {
        // onnxruntime sets env.webgpu.device only when its WebGPU backend really initialised.
        const device = (await (env.webgpu.device as unknown as Promise<GPUDevice | undefined> | undefined)) ?? undefined;
        if (!device) throw new Error('WebGPU was chosen but onnxruntime did not create a WebGPU device');
        const info = (device as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo;
        const name = info ? [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') : 'unknown adapter';
        return `observed: onnxruntime's WebGPU device is live on ${name || 'unnamed adapter'}`;
      }
      return `observed: onnxruntime-web WASM backend, ${env.wasm.numThreads ?? 1} thread(s)`;
    },
  };
}
