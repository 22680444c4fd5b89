/**
 * The Study view's state: the prompt set being edited, the saved sets (persisted in
 * localStorage), the model queue, the sweep's progress, and the per-model results of the run
 * (plain data: prompt rows indexed by their place in the run's prompt set, never tensors).
 * Imported seed files live beside the swept models. State changes only through study-actions.ts
 * and study-jobs.ts; panels read through the selectors and hooks of study-view.ts.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { HUB_BASE_URL, type ModelSource } from '../io/spec';
import type { PromptRow, TokenPosition } from '../analysis/aggregate';
import type { ArchitectureCard } from '../model/card';
import type { EpChoice } from '../runtime/ep';
import type { SweepPrompt } from '../runtime/sweep';
import type { GainField } from './study-fields';
import type { StudyModel } from './study-model';

/** A saved, named prompt set (the editor's text: one prompt a line, optional `category<TAB>` prefix). */
export interface SavedPromptSet {
  name: string;
  text: string;
  savedAt: string;
}

/** A model in the sweep queue; `key` (its source label) names it everywhere (data-model). */
export interface QueuedModel {
  key: string;
  source: ModelSource;
}

/** The prompt set and token position a run measures; Resume continues this, whatever the editor shows now. */
export interface RunConfig {
  prompts: SweepPrompt[];
  position: TokenPosition;
  ep: EpChoice;
  hubBaseUrl: string;
  /** models without a tokenizer get each prompt's UTF-8 bytes as ids (labelled in their rows) */
  byteIds: boolean;
  /** the prompt set's name when the run started */
  setName: string;
}

export type ModelRunStatus = 'queued' | 'running' | 'done' | 'partial' | 'failed' | 'cancelled';

/** What the run holds for one model: rows[i] belongs to RunConfig.prompts[i] (null = not measured yet). */
export interface ModelRun {
  key: string;
  source: ModelSource;
  status: ModelRunStatus;
  error?: string;
  card?: ArchitectureCard;
  /** the execution provider that actually ran */
  ep?: string;
  /** how its prompts became ids: the model's tokenizer, or UTF-8 bytes for a model that ships none */
  tokenization?: 'tokenizer' | 'utf8-bytes';
  rows: (PromptRow | null)[];
}

/** The running sweep (one worker request at a time; a resume may need several, run in order). */
export interface SweepProgressView {
  jobId: string;
  /** 0..1 over the whole current request */
  fraction: number;
  message: string;
  /** the models of the current request, in order, and the run's prompt index of each of its prompts */
  models: string[];
  promptIndex: number[];
  /** index into `models` of the model in progress, and the prompts it has measured in this request */
  modelAt: number;
  promptsDone: number;
  loading: boolean;
  /** per model of the request: the highest prompt number (1-based) it has started, so finished models keep a count */
  started: number[];
  cancelling: boolean;
  /** "request 2 of 3" of a resume */
  requestNo: number;
  requests: number;
}

/** The "add a model" form: the Model panel's three source kinds (local = the files already given there). */
export interface SourceDraft {
  kind: 'hub' | 'hf' | 'local';
  hub: { repo: string; revision: string; checkpointPath: string; tokenizerPath: string };
  hf: { repo: string; revision: string; onnx: string };
}

export interface StudyState {
  /** preset id the editor started from ('' = the user's own) and the editor's name and text */
  presetId: string;
  setName: string;
  promptText: string;
  savedSets: SavedPromptSet[];
  draft: SourceDraft;
  queue: QueuedModel[];
  position: TokenPosition;
  ep: EpChoice;
  hubBaseUrl: string;
  /** see RunConfig.byteIds */
  byteIds: boolean;
  run: RunConfig | null;
  runs: Record<string, ModelRun>;
  sweep: SweepProgressView | null;
  /** models read from seed notebooks' result files */
  imported: StudyModel[];
  /** the last import's rejected files (file, line or JSON path, field) and its warnings */
  importError: string | null;
  importWarnings: string[];
  /** the definition the statistics and figures use */
  statField: GainField;
  h25Threshold: number;
  /** a note for the study view (cancelled, resumed, …) */
  notice: string | null;
  /** an error for the study view; a malformed import names the line and field */
  error: string | null;
  lastAction: string;
}

export const initialStudyState = (): StudyState => ({
  presetId: '',
  setName: 'untitled',
  promptText: '',
  savedSets: [],
  draft: {
    kind: 'hub',
    hub: { repo: 'karpathy/tinyllamas', revision: 'main', checkpointPath: 'stories260K/stories260K.bin', tokenizerPath: 'stories260K/tok512.bin' },
    hf: { repo: '', revision: 'main', onnx: '' },
  },
  queue: [],
  position: 'last',
  ep: 'auto',
  hubBaseUrl: HUB_BASE_URL,
  byteIds: false,
  run: null,
  runs: {},
  sweep: null,
  imported: [],
  importError: null,
  importWarnings: [],
  statField: 'G_block_last',
  h25Threshold: 0.2,
  notice: null,
  error: null,
  lastAction: 'init',
});

/** Saved prompt sets and the editor survive a reload; results do not (they name a model run). */
export const useStudy = create<StudyState>()(
  persist(() => initialStudyState(), {
    name: 'residual-lab/study',
    version: 1,
    storage: createJSONStorage(() => localStorage),
    partialize: (s) => ({ savedSets: s.savedSets, promptText: s.promptText, setName: s.setName, presetId: s.presetId }),
  }),
);

/** Declare a named study action: a pure update from the current state and the arguments. */
export function studyAction<A extends unknown[]>(name: string, update: (s: StudyState, ...args: A) => Partial<StudyState>): (...args: A) => void {
  return (...args: A) => useStudy.setState((s) => ({ ...update(s, ...args), lastAction: name }));
}
