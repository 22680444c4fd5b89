/** Synchronous named actions: form edits, job bookkeeping, results, errors. */
import {
  action, type FileProgressView, type GenerationView, type HfForm, type HubForm, type JobKind, type LabState, type LocalFileMeta, type PromptParams, type SourceKind, type WorkerStatus,
} from './store';
import { guessRoles, isHfFolder, mergeFiles } from './local-files';
import type { CachedModel } from '../model/cache';
import type { EpChoice } from '../runtime/ep';
import type { ModelInfo } from '../runtime/lab';
import type { Measurement, Generation } from '../runtime/results';
import type { Progress } from '../runtime/jobs';

export const setWorkerStatus = action('setWorkerStatus', (_s, worker: WorkerStatus) => ({ worker }));

export const setSourceKind = action('setSourceKind', (_s, sourceKind: SourceKind) => ({ sourceKind }));

export const editHub = action('editHub', (s, patch: Partial<HubForm>) => ({ hub: { ...s.hub, ...patch } }));

export const editHf = action('editHf', (s, patch: Partial<HfForm>) => ({ hf: { ...s.hf, ...patch } }));

/**
 * Files dropped or picked. A set holding config.json is a Hugging Face folder and replaces what was
 * there; llama2.c files (*.bin) after a folder start a new pair; other files join the current set.
 */
export const addLocalFiles = action('addLocalFiles', (s, added: LocalFileMeta[]): Partial<LabState> => {
  if (isHfFolder(added)) return { sourceKind: 'local', local: { files: added, mode: 'hf', checkpoint: null, tokenizer: null, onnx: '' } };
  const newPair = s.local.mode === 'hf' && added.every((f) => /\.bin$/i.test(f.name));
  if (s.local.mode === 'hf' && !newPair) return { sourceKind: 'local', local: { ...s.local, files: mergeFiles(s.local.files, added) } };
  const old = newPair ? { checkpoint: null, tokenizer: null } : s.local;
  const files = newPair ? added : mergeFiles(s.local.files, added);
  // The files just dropped decide the roles they fit; a role they do not fill keeps its earlier file.
  const guess = guessRoles(added);
  const roles = { checkpoint: guess.checkpoint ?? old.checkpoint, tokenizer: guess.tokenizer ?? old.tokenizer };
  return { sourceKind: 'local', local: { files, mode: 'llama2c', onnx: '', ...roles } };
});

export const assignLocalRole = action('assignLocalRole', (s, role: 'checkpoint' | 'tokenizer', name: string) => ({
  local: { ...s.local, [role]: name || null },
}));

export const setLocalOnnx = action('setLocalOnnx', (s, onnx: string) => ({ local: { ...s.local, onnx } }));

export const setEp = action('setEp', (_s, ep: EpChoice) => ({ ep }));

export const editPrompt = action('editPrompt', (s, patch: Partial<PromptParams>) => ({ prompt: { ...s.prompt, ...patch } }));

export const startJob = action('startJob', (s, kind: JobKind, jobId: string, message: string) => ({
  job: { kind, jobId, message },
  notice: null,
  ...(kind === 'load' ? { loadFiles: [] } : { loadFiles: s.loadFiles }),
}));

export const reportProgress = action('reportProgress', (s, jobId: string, p: Pick<Progress, 'message' | 'fraction' | 'file' | 'loaded' | 'total'>) => {
  if (s.job?.jobId !== jobId || s.job.cancelling) return {};
  const job = { ...s.job, message: p.message, fraction: p.fraction };
  return p.file ? { job, loadFiles: upsertFile(s.loadFiles, fileView(p.file, p)) } : { job };
});

function fileView(file: string, p: Pick<Progress, 'message' | 'fraction' | 'loaded' | 'total'>): FileProgressView {
  const detail = p.message.startsWith(`${file}: `) ? p.message.slice(file.length + 2) : p.message;
  return { file, loaded: p.loaded ?? 0, total: p.total, fraction: p.fraction, detail, cached: /from the cache/.test(detail) };
}

const upsertFile = (rows: readonly FileProgressView[], row: FileProgressView): FileProgressView[] =>
  rows.some((r) => r.file === row.file) ? rows.map((r) => (r.file === row.file ? row : r)) : [...rows, row];

export const cacheListed = action('cacheListed', (_s, models: CachedModel[]) => ({ cache: { state: 'ready', models } }));

export const cacheFailed = action('cacheFailed', (s) => ({ cache: { ...s.cache, state: 'failed' } }));

export const markCancelling = action('markCancelling', (s) => (s.job ? { job: { ...s.job, cancelling: true, message: `cancelling ${s.job.kind}…` } } : {}));

/** End a job; a stale id (an abandoned job finishing late) changes nothing. */
export const endJob = action('endJob', (s, jobId: string, notice?: string) => {
  if (s.job?.jobId !== jobId) return {};
  // Files a failed or cancelled load did not finish say so, instead of a frozen "time left".
  const loadFiles = s.job.kind === 'load' ? s.loadFiles.map((f) => (f.fraction === 1 ? f : { ...f, stopped: true })) : s.loadFiles;
  return { job: null, loadFiles, ...(notice ? { notice } : {}) };
});

export const modelLoaded = action('modelLoaded', (s, info: ModelInfo, loadedWith: { executionProvider: EpChoice; hubBaseUrl: string }) => {
  // Results accumulate per model: the same files (by sha256) keep them, another model starts afresh.
  const sameModel = s.model !== null && s.model.files.map((f) => f.sha256).join() === info.files.map((f) => f.sha256).join();
  return sameModel ? { model: info, loadedWith } : { model: info, loadedWith, results: [], measurement: null, generation: null };
});

export const generationStarted = action('generationStarted', (_s, prompt: string, maxNewTokens: number) => ({
  generation: { prompt, maxNewTokens, text: prompt, newTokens: 0, done: false, cancelled: false, result: null } satisfies GenerationView,
}));

export const generationToken = action('generationToken', (s, text: string) =>
  s.generation && !s.generation.done ? { generation: { ...s.generation, text, newTokens: s.generation.newTokens + 1 } } : {},
);

/** A finished generation; it also joins the latest measurement of the same prompt that has none yet. */
export const generationFinished = action('generationFinished', (s, result: Generation) => {
  if (!s.generation) return {};
  const prompt = s.generation.prompt;
  const last = s.results.findLastIndex((r) => r.prompt === prompt);
  const results = last >= 0 && !s.results[last].generation ? s.results.map((r, i) => (i === last ? { ...r, generation: result } : r)) : s.results;
  return { generation: { ...s.generation, text: result.text, done: true, result }, results };
});

export const generationCancelled = action('generationCancelled', (s) =>
  s.generation ? { generation: { ...s.generation, done: true, cancelled: true } } : {},
);

/** A finished measurement: shown, and appended to this session's results (with the matching generation). */
export const measurementDone = action('measurementDone', (s, prompt: string | null, measurement: Measurement) => {
  const g = s.generation?.result && prompt !== null && s.generation.prompt === prompt ? s.generation.result : undefined;
  return { measurement, results: [...s.results, { prompt, measurement, ...(g ? { generation: g } : {}) }] };
});

export const showError = action('showError', (_s, e: unknown) => ({ error: toError(e) }));

export const dismissError = action('dismissError', () => ({ error: null }));

export const dismissNotice = action('dismissNotice', () => ({ notice: null }));

function toError(e: unknown): { message: string; name?: string } {
  if (e instanceof Error) return { message: e.message || String(e), name: e.name };
  if (typeof e === 'object' && e !== null && 'message' in e) return { message: String((e as { message: unknown }).message) };
  return { message: String(e) };
}

export const generationRestored = action('generationRestored', (_s, previous: GenerationView | null) => ({ generation: previous }));

/** The Study view takes the model worker for a sweep (null: gives it back). */
export const setLabLock = action('setLabLock', (_s, lockedBy: string | null) => ({ lockedBy }));

/** A sweep unloads every model it ran, so the model loaded here is gone: say so, keep the results on screen. */
export const modelReleased = action('modelReleased', (s, why: string) => (s.model ? { model: null, loadedWith: null, notice: why } : {}));
