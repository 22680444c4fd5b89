/**
 * The lab's UI state: ids, parameters, the loaded model's info and result summaries (plain
 * data only: never worker proxies, tensors or File objects). State changes only through the
 * named actions in actions.ts and jobs.ts; components read it through selectors.
 */
import { create } from 'zustand';
import type { ModelInfo } from '../runtime/lab';
import type { EpChoice } from '../runtime/ep';
import type { Measurement, Generation } from '../runtime/results';
import type { PromptResult } from '../io/results';
import type { CachedModel } from '../model/cache';
import { HUB_BASE_URL, STORIES260K } from '../io/spec';

/** llama2.c files on the Hub, a Hugging Face model folder on the Hub, or files / a folder from disk. */
export type SourceKind = 'hub' | 'hf' | 'local';

export interface HubForm {
  repo: string;
  revision: string;
  checkpointPath: string;
  tokenizerPath: string;
  baseUrl: string;
}

/** A Hugging Face model folder on the Hub. */
export interface HfForm {
  repo: string;
  revision: string;
  /** ONNX graph path inside the repo; '' = auto (the most exact variant present) */
  onnx: string;
}

/** A file handed to the worker (by name: its path relative to a dropped folder); the bytes live only in the worker. */
export interface LocalFileMeta {
  name: string;
  bytes: number;
}

export interface LocalForm {
  files: LocalFileMeta[];
  /** 'hf' when the files include config.json (a Hugging Face model folder), else a llama2.c pair */
  mode: 'llama2c' | 'hf';
  checkpoint: string | null;
  tokenizer: string | null;
  /** ONNX graph of a local HF folder; '' = auto */
  onnx: string;
}

/** One file of the current (or last) load: bytes so far, and where they came from. */
export interface FileProgressView {
  /** path inside the repo or folder */
  file: string;
  loaded: number;
  total?: number;
  fraction?: number;
  /** the worker's words after the file name: size, rate and time left, or "from the cache" */
  detail: string;
  cached: boolean;
  /** the load ended (failed or cancelled) before this file was complete */
  stopped?: boolean;
}

/** Hub files kept in the browser's Cache Storage (listed by the worker). */
export interface CacheView {
  state: 'unknown' | 'ready' | 'failed';
  models: CachedModel[];
}

export interface WorkerStatus {
  state: 'starting' | 'ready' | 'failed';
  onnxruntime?: string;
  /** the WebGPU adapter in words, or why there is none */
  adapter?: string;
}

export type JobKind = 'load' | 'generate' | 'measure';

export interface JobStatus {
  kind: JobKind;
  jobId: string;
  message: string;
  /** 0..1 when known; undefined = indeterminate */
  fraction?: number;
  cancelling?: boolean;
}

export interface PromptParams {
  text: string;
  maxNewTokens: number;
  /** 0 = greedy */
  temperature: number;
  seed: number;
}

export interface GenerationView {
  prompt: string;
  maxNewTokens: number;
  /** decoded text so far, prompt included */
  text: string;
  newTokens: number;
  done: boolean;
  cancelled: boolean;
  /** the worker's summary once finished */
  result: Generation | null;
}

export interface LabState {
  worker: WorkerStatus;
  sourceKind: SourceKind;
  hub: HubForm;
  hf: HfForm;
  local: LocalForm;
  ep: EpChoice;
  model: ModelInfo | null;
  /** the options the loaded model was loaded with (they go into the exported spec) */
  loadedWith: { executionProvider: EpChoice; hubBaseUrl: string } | null;
  prompt: PromptParams;
  generation: GenerationView | null;
  measurement: Measurement | null;
  /** measurements made in this session for the loaded model, in order */
  results: PromptResult[];
  job: JobStatus | null;
  /** another view holds the model worker (the Study view's sweep): the Model view's jobs wait */
  lockedBy: string | null;
  /** per-file progress of the current load, kept after it ends until the next one starts */
  loadFiles: FileProgressView[];
  cache: CacheView;
  error: { message: string; name?: string } | null;
  /** a neutral note, e.g. that a job was cancelled */
  notice: string | null;
  /** name of the last action applied (for debugging) */
  lastAction: string;
}

const hubDefaults = (): HubForm => {
  const s = STORIES260K;
  const ck = 'hub' in s.checkpoint ? s.checkpoint.hub : null;
  const tk = 'hub' in s.tokenizer ? s.tokenizer.hub : null;
  return {
    repo: ck?.repo ?? '',
    revision: ck?.revision ?? 'main',
    checkpointPath: ck?.path ?? '',
    tokenizerPath: tk?.path ?? '',
    baseUrl: HUB_BASE_URL,
  };
};

export const initialState = (): LabState => ({
  worker: { state: 'starting' },
  sourceKind: 'hub',
  hub: hubDefaults(),
  hf: { repo: '', revision: 'main', onnx: '' },
  local: { files: [], mode: 'llama2c', checkpoint: null, tokenizer: null, onnx: '' },
  ep: 'auto',
  model: null,
  loadedWith: null,
  prompt: { text: 'Once upon a time', maxNewTokens: 60, temperature: 0, seed: 0 },
  generation: null,
  measurement: null,
  results: [],
  job: null,
  lockedBy: null,
  loadFiles: [],
  cache: { state: 'unknown', models: [] },
  error: null,
  notice: null,
  lastAction: 'init',
});

export const useLab = create<LabState>()(() => initialState());

/**
 * Declare a named action: a pure update from the current state and the arguments.
 * Returns the function components and jobs call.
 */
export function action<A extends unknown[]>(name: string, update: (s: LabState, ...args: A) => Partial<LabState>): (...args: A) => void {
  return (...args: A) => useLab.setState((s) => ({ ...update(s, ...args), lastAction: name }));
}
