/// <reference lib="webworker" />
/**
 * Analysis worker: a thin Comlink adapter that runs the weight and embedding batteries (pure src/
 * code) off the UI thread and off the model worker. Weights, vocabulary and residual states come
 * straight from the model worker over a MessagePort the main thread hands to connect().
 */
import * as Comlink from 'comlink';
import type { WeightPortApi } from './model.worker';
import { runWeightBattery } from '../src/runtime/weight-battery';
import { runEmbeddingBattery } from '../src/runtime/embedding-battery';
import type { ProgressFn } from '../src/runtime/jobs';

let source: Comlink.Remote<WeightPortApi> | null = null;
/** Running jobs by id; cancel(jobId) aborts the job's signal, which the batteries check between and inside steps. */
const running = new Map<string, AbortController>();

function modelPort(): Comlink.Remote<WeightPortApi> {
  if (!source) throw new Error('the analysis worker is not connected to the model worker');
  return source;
}

/** The distinct buffers of every typed array in `value`, so a result crosses to the page without a copy. */
function buffersOf(value: unknown, out: Set<ArrayBuffer> = new Set()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (Array.isArray(value)) for (const v of value) buffersOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) buffersOf(v, out);
  return [...out];
}

async function run<T>(jobId: string, job: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  running.set(jobId, controller);
  try {
    const result = await job(controller.signal);
    return Comlink.transfer(result, buffersOf(result));
  } finally {
    running.delete(jobId);
  }
}

const api = {
  /** Read the model through `port` (the model worker serves it with exposeWeights). */
  connect(port: MessagePort): void {
    source = Comlink.wrap<WeightPortApi>(port);
  },
  /** runWeightBattery on the loaded model; rejects with a CancelledError after cancel(jobId). */
  weightBattery: (jobId: string, opts: { only?: string[] }, onProgress?: ProgressFn) =>
    run(jobId, (signal) => runWeightBattery(modelPort(), { only: opts.only, signal, onProgress })),
  /** runEmbeddingBattery on the loaded model; rejects with a CancelledError after cancel(jobId). */
  embeddingBattery: (jobId: string, opts: { seed?: number; sentences?: string[] }, onProgress?: ProgressFn) =>
    run(jobId, (signal) => runEmbeddingBattery(modelPort(), { seed: opts.seed, sentences: opts.sentences, signal, onProgress })),
  cancel(jobId: string): void {
    running.get(jobId)?.abort();
  },
};

export type AnalysisWorkerApi = typeof api;
Comlink.expose(api);
