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
import { runWordNetBattery, type WordNetBatteryResult } from '../src/runtime/wordnet-battery';
import { fetchWordNet, WORDNET_ASSET_PATH } from '../src/analysis/wordnet/asset';
import type { WordNet } from '../src/analysis/wordnet/wordnet';
import { lemmaTexts, prefetchEncodings } from '../src/analysis/wordnet/prefetch';
import { batteryPairs, recordingSource } from '../src/analysis/wordnet/battery-pairs';
import type { RelationalPairs } from '../src/analysis/wordnet/pairs';

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
  /** runWordNetBattery on the loaded model (WordNet loaded on first use), with seed 0's pairs for the scatter figures; rejects with a CancelledError after cancel(jobId). */
  wordnetBattery: (jobId: string, opts: WordNetJobOptions, onProgress?: ProgressFn) => run(jobId, (signal) => wordnetJob(opts, signal, onProgress)),
  cancel(jobId: string): void {
    running.get(jobId)?.abort();
  },
};

/** The WordNet asset, fetched and parsed once per session; a failed fetch is tried again next time. */
let wordnetLoaded: Promise<WordNet> | null = null;
function wordnet(): Promise<WordNet> {
  if (!wordnetLoaded) {
    wordnetLoaded = fetchWordNet(new URL(`${import.meta.env.BASE_URL}${WORDNET_ASSET_PATH}`, self.location.href).href);
    wordnetLoaded.catch(() => (wordnetLoaded = null));
  }
  return wordnetLoaded;
}

export interface WordNetJobOptions {
  /** boundary index pooled for the contextual vector (undefined: the battery's default, resid_post of the last block) */
  layer?: number;
  /** stability seeds (1: the single run) */
  seeds?: number;
  /** pairs kept for each scatter figure */
  maxPoints?: number;
  /** the loaded model's identity (its files' sha256s): the lemma encodings are kept for the next run on the same model */
  modelKey?: string;
  /** UTF-8 bytes as token ids (models without a tokenizer; explicit, never a fallback) */
  byteIds?: boolean;
}

/** Every lemma text's ids under the model last run (tokenizing all of WordNet's lemmas is most of a small model's run). */
let lemmaIds: { key: string; ids: Map<string, number[]> } | null = null;

export interface WordNetJobResult {
  battery: WordNetBatteryResult;
  /** seed 0's measured pairs, thinned (null with pairsNote when they could not be replayed) */
  pairs: RelationalPairs | null;
  pairsNote: string | null;
  /** ms per step; lemmaIdsKept: the lemma encodings came from the last run on this model */
  timing: { wordnetMs: number; encodeMs: number; totalMs: number; lemmaIdsKept: boolean };
}

async function wordnetJob(opts: WordNetJobOptions, signal: AbortSignal, onProgress?: ProgressFn): Promise<WordNetJobResult> {
  const t0 = performance.now();
  const port = modelPort();
  const say = (message: string, fraction: number) => onProgress?.({ stage: 'wordnet', message, fraction });
  say('loading WordNet 3.1 (first use in this session)', 0);
  const wn = await wordnet();
  const t1 = performance.now();
  const facts = await port.wordnetFacts();
  const byteIds = opts.byteIds === true;
  // Byte ids never ask the tokenizer; otherwise every lemma text is tokenized up front, in batches.
  const cached = byteIds ? new Map<string, number[]>() : opts.modelKey !== undefined && lemmaIds?.key === opts.modelKey ? lemmaIds.ids : null;
  const encodings =
    cached ??
    (await prefetchEncodings(lemmaTexts(wn), (b) => port.encodeMany(b), { signal, onProgress: (done, total) => say(`tokenizing WordNet lemmas: ${done} of ${total}`, (0.25 * done) / total) }));
  if (opts.modelKey !== undefined && !byteIds) lemmaIds = { key: opts.modelKey, ids: encodings };
  const t2 = performance.now();
  const card = (await port.listing()).card;
  const { source, records } = recordingSource(
    {
      dModel: card.dModel,
      hasTokenizer: facts.hasTokenizer,
      embed: () => port.read('embed'),
      encode: (t: string) => encodings.get(t) ?? port.encode(t),
      residualStates: (t: string) => port.residualStates({ prompt: t }),
      residualStatesOfIds: (ids: number[]) => port.residualStatesOfIds(ids),
      ...(facts.stack === 'encoder' ? { encoderOutput: (ids: number[]) => port.encoderOutput(ids) } : {}),
    },
    opts.layer,
  );
  const seeds = opts.seeds ?? 1;
  const battery = await runWordNetBattery(wn, source, {
    layer: opts.layer,
    seeds,
    byteIds,
    // Byte ids of a long definition keep the first bytes that fit the context, as the CLI does.
    maxTokens: byteIds && facts.stack !== 'encoder' ? facts.maxSeqLen : undefined,
    signal,
    onProgress: (p) => onProgress?.({ ...p, fraction: 0.25 + 0.72 * (p.fraction ?? 0) }),
  });
  say('pairs for the scatter figures', 0.98);
  const { pairs, note } = batteryPairs(wn, records, battery, opts.maxPoints ?? 4000, signal);
  return { battery, pairs, pairsNote: note, timing: { wordnetMs: t1 - t0, encodeMs: t2 - t1, totalMs: performance.now() - t0, lemmaIdsKept: cached !== null && !byteIds } };
}

export type AnalysisWorkerApi = typeof api;
Comlink.expose(api);
