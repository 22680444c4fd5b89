/// <reference lib="webworker" />
/** Model worker: a thin Comlink adapter around a Lab running onnxruntime-web (WebGPU build, WASM inside). */
import * as Comlink from 'comlink';
import * as ort from 'onnxruntime-web/webgpu';
import { installConsoleTap } from '../src/runtime/session';
import { Lab } from '../src/runtime/lab';
import { browserPlatform } from '../src/runtime/browser-platform';
import { NotFoundError } from '../src/model/sources';
import { listCached, deleteCached } from '../src/model/cache';
import { runSweep, type SweepRequest } from '../src/runtime/sweep';
import type { ProgressFn } from '../src/runtime/jobs';
import { benchGpt2SmallSvd } from '../src/linalg/bench/gpt2-small';
import { benchGpt2SmallSvdWebGpu } from '../src/linalg/gpu/bench-gpt2-small';
import { acquireGpu } from '../src/linalg/gpu/device';
import { checkGramPrecision } from '../src/linalg/gpu/gram';
import { gpuSingularValues } from '../src/linalg/gpu/singular-values';
import { gpuSimplexVolumes } from '../src/linalg/gpu/cayley-menger';
import { fetchWordNet } from '../src/analysis/wordnet/asset';
import type { WordNet } from '../src/analysis/wordnet/wordnet';
import type { TrainAlphaOptions, TrainAlphaProgress } from '../src/runtime/train-alpha';

// @huggingface/transformers (the tokenizers) points onnxruntime at a CDN when it is imported; the lab
// serves onnxruntime's own files and reaches no network but the Hub, so undo that.
ort.env.wasm.wasmPaths = undefined;
// Before onnxruntime's WASM module starts (at the first session), so its log can be read.
installConsoleTap();
// No cross-origin isolation here, so no SharedArrayBuffer: one WASM thread, said plainly.
ort.env.wasm.numThreads = 1;
// Verbose at the environment so a session can ask for its placement log; sessions default to errors only.
ort.env.logLevel = 'verbose';

const dropped = new Map<string, File>();
const lab = new Lab(ort, browserPlatform(ort.env, __APP_VERSION__), async (name) => {
  const f = dropped.get(name);
  if (!f) throw new NotFoundError(`no local file named '${name}' was given: drop it on the page again`);
  return f.arrayBuffer();
});

const sweepsCancelled = new Set<string>();
/** WordNet for the alpha training, fetched on first use. */
let trainWordNet: Promise<WordNet> | null = null;

/** `a` itself when it owns its whole buffer (so that buffer can be transferred), else a copy that does. */
const ownBuffer = (a: Float32Array): Float32Array => (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer ? a : a.slice());

/**
 * What the analysis worker reads over its MessagePort (see src/runtime/analysis-client.ts): the
 * loaded model's weight catalog, one weight at a time, its vocabulary and residual states.
 * Arrays are transferred, not copied: each read decodes a fresh copy the Lab keeps no reference to.
 */
const weightPort = {
  listing: () => lab.weightList(),
  read: (name: string) => {
    const w = ownBuffer(lab.weight(name));
    return Comlink.transfer(w, [w.buffer]);
  },
  pieces: () => (lab.modelInfo()?.hasTokenizer ? lab.pieces() : null),
  residualStates: async (input: { prompt: string }) => {
    const r = await lab.residualStates(input);
    const states = r.states.map(ownBuffer);
    return Comlink.transfer({ ...r, states }, [...new Set(states.map((s) => s.buffer))]);
  },
  /** The model's ids of `text` without the special tokens its tokenizer puts first (BOS), as the CLI's WordNet battery encodes lemmas. */
  encode: (text: string) => idsWithoutPrefix([text])[0],
  /** encode() of many texts in one message: WordNet has ~150k distinct lemma texts, too many for a round trip each. */
  encodeMany: (texts: string[]) => idsWithoutPrefix(texts),
  /** residualStates of token ids (the WordNet battery's byte-ids mode for a model without a tokenizer). */
  residualStatesOfIds: async (ids: number[]) => {
    const r = await lab.residualStates({ ids });
    const states = r.states.map(ownBuffer);
    return Comlink.transfer({ ...r, states }, [...new Set(states.map((s) => s.buffer))]);
  },
  /** What the WordNet battery needs to know of the loaded model: its tokenizer, its stack, its context length. */
  wordnetFacts: () => {
    const info = lab.modelInfo();
    if (!info) throw new Error('no model is loaded');
    let stack: 'decoder-only' | 'encoder' = 'decoder-only';
    try {
      stack = lab.modulatorShape().stack;
    } catch {
      // A graph the modulator cannot take is measured as a decoder-only stack through its taps.
    }
    return { hasTokenizer: info.hasTokenizer, stack, maxSeqLen: info.card.maxSeqLen };
  },
  /** The encoder's output [ids.length, d_model] (T5: its final layer norm), as the CLI reads it: the modulated stack with every alpha 0. */
  encoderOutput: async (ids: number[]) => {
    const shape = lab.modulatorShape();
    const out = ownBuffer(await lab.modulatedStates(ids, new Array<number>(shape.nBlocks).fill(0), { kind: 'vector', data: new Float32Array(shape.dModel) }));
    return Comlink.transfer(out, [out.buffer]);
  },
};
export type WeightPortApi = typeof weightPort;

function idsWithoutPrefix(texts: string[]): number[][] {
  if (!lab.modelInfo()?.hasTokenizer) throw new Error('this model has no tokenizer: WordNet lemmas cannot be matched to single tokens');
  const prefix = lab.tokenize('').ids.length;
  return texts.map((t) => lab.tokenize(t).ids.slice(prefix));
}

const api = {
  /** Local files the user dropped or picked, addressed by name in model sources. */
  addFiles(files: (File | { path: string; file: File })[], replace = false): string[] {
    // A new folder replaces the old one: a file it lacks must not be read from an earlier drop.
    if (replace) dropped.clear();
    // A dropped folder gives paths relative to it (config.json, onnx/model.onnx): those name the files.
    for (const f of files) {
      if (f instanceof File) dropped.set(f.name, f);
      else dropped.set(f.path, f.file);
    }
    return [...dropped.keys()];
  },
  probe: () => lab.probe(),
  load: (...a: Parameters<Lab['load']>) => lab.load(...a),
  cancel: (jobId: string) => lab.cancel(jobId),
  tokenize: (text: string) => lab.tokenize(text),
  measure: (...a: Parameters<Lab['measure']>) => lab.measure(...a),
  generate: (...a: Parameters<Lab['generate']>) => lab.generate(...a),
  runSpec: (...a: Parameters<Lab['runSpec']>) => lab.runSpec(...a),
  modelInfo: () => lab.modelInfo(),
  manifest: () => lab.manifest(),
  unload: () => lab.unload(),
  taps: (...a: Parameters<Lab['taps']>) => lab.taps(...a),
  measureIds: (...a: Parameters<Lab['measureIds']>) => lab.measureIds(...a),
  generateIds: (...a: Parameters<Lab['generateIds']>) => lab.generateIds(...a),
  /** Original vs modulated continuation (issue 7); a newer call cancels the stale one. */
  modulate: (...a: Parameters<Lab['modulate']>) => lab.modulate(...a),
  modulatedStates: (...a: Parameters<Lab['modulatedStates']>) => lab.modulatedStates(...a),
  residualStats: (...a: Parameters<Lab['residualStats']>) => lab.residualStats(...a),
  modulatorShape: () => lab.modulatorShape(),
  geometricTarget: (...a: Parameters<Lab['geometricTarget']>) => lab.geometricTarget(...a),
  /**
   * Train the modulator's per-layer alpha (seed 05 section 9, src/runtime/train-alpha.ts) on WordNet from
   * `wordnetUrl` (the build-time asset, fetched once per worker). Progress per step through a
   * Comlink.proxy callback; cancel(jobId) stops it (CancelledError).
   */
  trainAlpha: async (wordnetUrl: string, opts: Omit<TrainAlphaOptions, 'signal' | 'onProgress'>, onProgress?: (p: TrainAlphaProgress) => void, jobId?: string) => {
    trainWordNet ??= fetchWordNet(wordnetUrl).catch((e: unknown) => {
      trainWordNet = null;
      throw e;
    });
    return lab.trainAlpha(await trainWordNet, opts, onProgress, jobId);
  },
  listCached: () => listCached(),
  deleteCached: (repo: string, revision?: string) => deleteCached(repo, revision),
  /** A sweep over several models (see src/runtime/sweep.ts); cancel with cancelSweep(jobId). */
  runSweep: (req: SweepRequest, onProgress?: ProgressFn, jobId?: string) =>
    runSweep(lab, req, onProgress, () => jobId !== undefined && sweepsCancelled.has(jobId)).finally(() => jobId && sweepsCancelled.delete(jobId)),
  cancelSweep: (jobId: string) => {
    sweepsCancelled.add(jobId);
  },
  benchForward: (...a: Parameters<Lab['benchForward']>) => lab.benchForward(...a),
  /** Serve weightPort on `port` (the analysis worker holds the other end). */
  exposeWeights: (port: MessagePort) => {
    Comlink.expose(weightPort, port);
  },
  /** The benchmark's CPU singular-value workload (GPT-2-small shapes), run in this worker. */
  benchSvd: (seed?: number, limit?: number) => benchGpt2SmallSvd(seed, limit),
  /** The same workload on the WebGPU path (float-float Gram on the GPU, eigen on the CPU). */
  benchSvdWebGpu: (seed?: number, limit?: number) => benchGpt2SmallSvdWebGpu(seed, limit),
  /** Singular values of one float32 [rows, cols] matrix on the WebGPU path, with the adapter it ran on. */
  gpuSingularValues: async (rows: number, cols: number, data: Float32Array) => {
    const ctx = await acquireGpu();
    const gramPrecision = await checkGramPrecision(ctx);
    const t0 = performance.now();
    const s = await gpuSingularValues(ctx, data, rows, cols);
    return { s, ms: performance.now() - t0, adapter: ctx.facts, gramPrecision };
  },
  /** Cayley-Menger volumes of simplices (rows of `simplices` [count, m] index `points` [n, d]) on the GPU, float32. */
  gpuSimplexVolumes: async (points: Float32Array, n: number, d: number, simplices: Uint32Array, m: number) => {
    const ctx = await acquireGpu();
    const t0 = performance.now();
    const volumes = await gpuSimplexVolumes(ctx, points, n, d, simplices, m);
    return { volumes, ms: performance.now() - t0, adapter: ctx.facts };
  },
};

export type ModelWorkerApi = typeof api;
Comlink.expose(api);
