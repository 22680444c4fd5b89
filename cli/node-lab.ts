/** A Lab in-thread on onnxruntime-node: the CLI, the Node tests and the benchmark use this. */
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';
import * as ort from 'onnxruntime-node';
import { Lab, type LabPlatform } from '../src/runtime/lab';
import type { OrtModule } from '../src/runtime/session';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string };

export const nodePlatform: LabPlatform = {
  name: `node ${process.version} ${process.platform}-${process.arch} (${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores)`,
  onnxruntimeVersion: `onnxruntime-node ${ort.env.versions.node ?? ort.env.versions.common}`,
  appVersion: pkg.version,
  cpuEp: 'cpu',
  adapter: async () => ({ facts: null, error: 'the Node CLI has no WebGPU; it runs onnxruntime-node on the CPU' }),
  confirmEp: async (ep) => `observed: onnxruntime-node ${ep} execution provider`,
};

export async function readLocalFile(path: string): Promise<ArrayBuffer> {
  const b = await readFile(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

export function nodeLab(): Lab {
  return new Lab(ort as unknown as OrtModule, nodePlatform, readLocalFile);
}
