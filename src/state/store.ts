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
import { HUB_BASE_URL, STORIES260K } from '../io/spec';

export type SourceKind = 'hub' | 'local';

export interface HubForm {
  repo: string;
  revision: string;
  checkpointPath: string;
  tokenizerPath: string;
  baseUrl: string;
}

/** A file handed to the worker (by name); the bytes live only in the worker. */
export interface LocalFileMeta {
  name: string;
  bytes: number;
}

export interface LocalForm {
  files: LocalFileMeta[];
  checkpoint: string | null;
  tokenizer: string | null;
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
  local: { files: [], checkpoint: null, tokenizer: null },
  ep: 'auto',
  model: null,
  loadedWith: null,
  prompt: { text: 'Once upon a time', maxNewTokens: 60, temperature: 0, seed: 0 },
  generation: null,
  measurement: null,
  results: [],
  job: null,
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
