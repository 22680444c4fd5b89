/** Synchronous named actions of the Study view: prompt-set editing, the queue, options, sweep bookkeeping. */
import { studyAction, type ModelRun, type QueuedModel, type RunConfig, type SourceDraft, type SweepProgressView } from './study-store';
import type { TokenPosition } from '../analysis/aggregate';
import type { EpChoice } from '../runtime/ep';
import type { Progress } from '../runtime/jobs';
import type { StudyModel } from './study-model';
import type { GainField } from './study-fields';

export const editPromptText = studyAction('editPromptText', (s, promptText: string) => ({ promptText, presetId: s.presetId && promptText !== s.promptText ? '' : s.presetId }));

export const setSetName = studyAction('setSetName', (_s, setName: string) => ({ setName }));

/** Replace the editor's content with a preset, a saved set or an imported file. */
export const loadPromptText = studyAction('loadPromptText', (_s, setName: string, promptText: string, presetId: string = '') => ({ setName, promptText, presetId, error: null }));

export const saveSet = studyAction('saveSet', (s) => {
  const name = s.setName.trim() || 'untitled';
  const entry = { name, text: s.promptText, savedAt: new Date().toISOString() };
  const others = s.savedSets.filter((x) => x.name !== name);
  return { savedSets: [...others, entry].sort((a, b) => a.name.localeCompare(b.name)), notice: `Saved the prompt set "${name}" in this browser.` };
});

export const deleteSet = studyAction('deleteSet', (s, name: string) => ({ savedSets: s.savedSets.filter((x) => x.name !== name) }));

export const editDraft = studyAction('editDraft', (s, patch: { kind?: SourceDraft['kind']; hub?: Partial<SourceDraft['hub']>; hf?: Partial<SourceDraft['hf']> }) => ({
  draft: { kind: patch.kind ?? s.draft.kind, hub: { ...s.draft.hub, ...patch.hub }, hf: { ...s.draft.hf, ...patch.hf } },
}));

export const enqueueModel = studyAction('enqueueModel', (s, q: QueuedModel) =>
  s.queue.some((x) => x.key === q.key) ? { error: `${q.key} is already in the queue` } : { queue: [...s.queue, q], error: null },
);

export const dequeueModel = studyAction('dequeueModel', (s, key: string) => ({ queue: s.queue.filter((q) => q.key !== key) }));

export const setPosition = studyAction('setPosition', (_s, position: TokenPosition) => ({ position }));
export const setStudyEp = studyAction('setStudyEp', (_s, ep: EpChoice) => ({ ep }));
export const setStudyByteIds = studyAction('setStudyByteIds', (_s, byteIds: boolean) => ({ byteIds }));
export const setStudyHubBaseUrl = studyAction('setStudyHubBaseUrl', (_s, hubBaseUrl: string) => ({ hubBaseUrl }));
export const setStatField = studyAction('setStatField', (_s, statField: GainField) => ({ statField }));
export const setH25Threshold = studyAction('setH25Threshold', (_s, h25Threshold: number) => ({ h25Threshold }));

export const studyError = studyAction('studyError', (_s, e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));
export const dismissStudyError = studyAction('dismissStudyError', () => ({ error: null }));
export const dismissStudyNotice = studyAction('dismissStudyNotice', () => ({ notice: null }));

/** A new run: its prompt set and options are fixed; every queued model starts with empty slots. */
export const runStarted = studyAction('runStarted', (_s, run: RunConfig, runs: Record<string, ModelRun>) => ({ run, runs, notice: null, error: null }));

export const runsChanged = studyAction('runsChanged', (_s, runs: Record<string, ModelRun>) => ({ runs }));

export const sweepStarted = studyAction('sweepStarted', (s, view: SweepProgressView) => ({
  sweep: view,
  runs: Object.fromEntries(Object.entries(s.runs).map(([k, r]) => [k, view.models.includes(k) ? { ...r, status: 'running' as const, error: undefined } : r])),
}));

/**
 * Progress of the current worker sweep. sweep.ts says "model m of M: loading" and
 * "model m of M (family), prompt p of P"; the fraction is over every model x prompt step.
 */
export const sweepProgress = studyAction('sweepProgress', (s, jobId: string, p: Pick<Progress, 'message' | 'fraction'>) => {
  if (!s.sweep || s.sweep.jobId !== jobId || s.sweep.cancelling) return {};
  const loading = /model (\d+) of \d+: loading/.exec(p.message);
  const prompt = /model (\d+) of \d+.*prompt (\d+) of \d+/.exec(p.message);
  const at = loading ? { modelAt: Number(loading[1]) - 1, promptsDone: 0, loading: true } : prompt ? { modelAt: Number(prompt[1]) - 1, promptsDone: Number(prompt[2]) - 1, loading: false } : {};
  const started = [...s.sweep.started];
  if (prompt) started[Number(prompt[1]) - 1] = Number(prompt[2]);
  return { sweep: { ...s.sweep, ...at, started, message: p.message, fraction: p.fraction ?? s.sweep.fraction } };
});

export const sweepCancelling = studyAction('sweepCancelling', (s) => (s.sweep ? { sweep: { ...s.sweep, cancelling: true, message: 'cancelling: the sweep stops at its next check, between prompts…' } } : {}));

export const sweepEnded = studyAction('sweepEnded', (_s, notice: string | null) => ({ sweep: null, notice }));

/** Imported models join the study; a model imported again from the same file replaces the old one. */
export const addImported = studyAction('addImported', (s, models: StudyModel[]) => {
  const keys = new Set(models.map((m) => m.key));
  return { imported: [...s.imported.filter((m) => !keys.has(m.key)), ...models] };
});

export const importFinished = studyAction('importFinished', (_s, errors: string[], warnings: string[]) => ({
  importError: errors.length ? errors.join('\n') : null,
  importWarnings: warnings,
}));

export const removeImported = studyAction('removeImported', (s, file: string) => ({ imported: s.imported.filter((m) => m.origin.kind !== 'import' || m.origin.file !== file) }));

export const clearRun = studyAction('clearRun', () => ({ run: null, runs: {} }));
