/** Bad Hugging Face input: each gets a message naming the problem (the CLI's and the worker's Lab alike). */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { nodeLab, nodePlatform, readLocalFile } from './node-lab';
import { Lab } from '../src/runtime/lab';
import type { OrtModule } from '../src/runtime/session';
import { decodeModel, encodeModel, onnx, DataType } from '../src/onnx/proto';
import { GraphBuilder, valueInfo } from '../src/onnx/builder';
import { SHARED } from '../src/testing/shared';

const LLAMA = resolve(SHARED, 'fixtures/hf-tiny/llama');

/** A model folder in a temp dir: config.json and onnx/model.onnx (override either). */
function folder(opts: { config?: string | null; onnx?: Uint8Array; extra?: Record<string, Uint8Array> } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'rl-hf-'));
  mkdirSync(join(dir, 'onnx'));
  if (opts.config !== null) writeFileSync(join(dir, 'config.json'), opts.config ?? readFileSync(join(LLAMA, 'config.json')));
  if (opts.onnx) writeFileSync(join(dir, 'onnx/model.onnx'), opts.onnx);
  else copyFileSync(join(LLAMA, 'opset14/model.onnx'), join(dir, 'onnx/model.onnx'));
  for (const [name, bytes] of Object.entries(opts.extra ?? {})) writeFileSync(join(dir, 'onnx', name), bytes);
  return dir;
}

/** The llama fixture with every weight over 1 KiB moved to onnx/model.onnx_data, as large exports do. */
function externalized(): { graph: Uint8Array; data: Uint8Array } {
  const m = decodeModel(readFileSync(join(LLAMA, 'opset14/model.onnx')));
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const t of m.graph!.initializer!) {
    if (!t.rawData || t.rawData.byteLength < 1024) continue;
    chunks.push(t.rawData);
    t.externalData = [
      { key: 'location', value: 'model.onnx_data' },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(t.rawData.byteLength) },
    ];
    t.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    offset += t.rawData.byteLength;
    t.rawData = new Uint8Array(0);
  }
  const data = new Uint8Array(offset);
  let o = 0;
  for (const c of chunks) data.set(c, (o += c.byteLength) - c.byteLength);
  return { graph: encodeModel(m), data };
}

const load = (dir: string, lab = nodeLab()) => lab.load({ source: { kind: 'hf', location: { local: dir } }, ep: 'auto' });

describe('bad Hugging Face input', () => {
  it('a file named model.onnx that is not ONNX', async () => {
    await expect(load(folder({ onnx: new TextEncoder().encode('<html>404 page saved by a browser</html>') }))).rejects.toThrow(/onnx\/model\.onnx is not an ONNX model/);
  });

  it('a graph without its config', async () => {
    await expect(load(folder({ config: null }))).rejects.toThrow(/has onnx\/model\.onnx but no config\.json/);
  });

  it('a config that disagrees with the graph (layer count)', async () => {
    const config = JSON.parse(readFileSync(join(LLAMA, 'config.json'), 'utf8'));
    config.num_hidden_layers = 4;
    await expect(load(folder({ config: JSON.stringify(config) }))).rejects.toThrow(/config\.json disagrees with onnx\/model\.onnx: .*4 layers.*3 blocks/);
  });

  it('external data: loads when present, names the file when missing or short', async () => {
    const { graph, data } = externalized();
    const lab = nodeLab();
    const plain = nodeLab();
    await load(folder({ onnx: graph, extra: { 'model.onnx_data': data } }), lab);
    await load(folder(), plain);
    const a = await lab.taps({ ids: [3, 17, 42] }, ['blocks.2.hook_resid_post']);
    const b = await plain.taps({ ids: [3, 17, 42] }, ['blocks.2.hook_resid_post']);
    expect(a.taps['blocks.2.hook_resid_post']).toEqual(b.taps['blocks.2.hook_resid_post']);
    await expect(load(folder({ onnx: graph }))).rejects.toThrow(/keeps its weights in 'model\.onnx_data', which was not found/);
    await expect(load(folder({ onnx: graph, extra: { 'model.onnx_data': data.subarray(0, data.byteLength - 100) } }))).rejects.toThrow(/'model\.onnx_data' is \d+ bytes, but initializer .* needs bytes .*the file is short/);
  });

  it('a model the pre-flight must refuse (weights over the WebGPU buffer limit)', async () => {
    const tiny = { ...nodePlatform, adapter: async () => ({ facts: { vendor: 'test', architecture: 'small', device: '', description: '', isFallbackAdapter: false, maxBufferSize: 4096, maxStorageBufferBindingSize: 4096, hasShaderF16: false } }) };
    const lab = new Lab(ort as unknown as OrtModule, tiny, readLocalFile);
    await expect(lab.load({ source: { kind: 'hf', location: { local: folder() } }, ep: 'webgpu' })).rejects.toThrow(/memory pre-flight refused to load on webgpu: weight '.*' is 0 MiB, over this WebGPU adapter's buffer limit of 0 MiB: choose WASM/);
  });

  it('a surgery failure leaves the model running for logits', async () => {
    // A graph with an embedding and a head but no residual blocks: the surgery finds no structure.
    const g = new GraphBuilder();
    const rnd = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.5);
    const emb = g.float('emb', [256, 64], rnd(256 * 64));
    g.op('MatMul', [g.op('Gather', [emb, 'input_ids']), g.float('head', [64, 256], rnd(64 * 256))]);
    g.renameLastOutput('logits');
    const model = g.model({
      name: 'no-blocks', producer: 'test', opset: 17,
      inputs: [valueInfo('input_ids', DataType.INT64, ['batch', 'seq'])],
      outputs: [valueInfo('logits', DataType.FLOAT, ['batch', 'seq', 256])],
    });
    const lab = nodeLab();
    const info = await load(folder({ onnx: encodeModel(model) }), lab);
    expect(info.structureError).toMatch(/looked for/);
    expect(info.taps).toEqual([]);
    await expect(lab.taps({ ids: [3, 17] }, ['blocks.0.hook_resid_pre'])).rejects.toThrow(/no taps on this model: .*still runs for logits/);
    const gen = await lab.generateIds({ ids: [3, 17], maxNewTokens: 4, temperature: 0 });
    expect(gen.ids).toHaveLength(6);
  });
});
