/**
 * Saving and restoring experiments: the Model view's measurements and the Study run are written to
 * the experiment store as they complete (a sweep after each model), after a quota check that warns
 * before storage runs out. Saves run one at a time, in order; a failed save is reported and leaves
 * every record saved before as it was. On start the newest measurement and sweep come back.
 */
import { openIdbStore } from '../io/persist/idb-store';
import { MemoryExperimentStore, type ExperimentStore } from '../io/persist/store';
import { approxBytes, type ExperimentRecord } from '../io/persist/records';
import { createRecord, duplicatedRecord, renamedRecord, updatedRecord } from '../io/persist/experiments';
import { checkQuota } from '../io/persist/quota';
import { HUB_BASE_URL } from '../io/spec';
import { useLab } from './store';
import { useStudy } from './study-store';
import { buildResultsFile } from './exports';
import {
  backendChosen, labTarget, listLoaded, quotaChecked, restoredNoteSet, saveFailed, saveSucceeded, studyTarget, usePersist,
} from './persist-store';
import {
  formForSource, measurementName, measurementSummary, modelKeyOf, parseMeasurementPayload, parseSweepPayload, sweepName, sweepPayload, sweepSummary,
  type MeasurementPayload, type SweepPayload,
} from './persist-payloads';
import { labSessionRestored, studyRunRestored } from './persist-actions';

let store: ExperimentStore | null = null;
/** Saves and list edits, one after another, so a later save is never overwritten by an earlier one. */
let chain: Promise<unknown> = Promise.resolve();

function serial<T>(job: () => Promise<T>): Promise<T> {
  const next = chain.then(job, job);
  chain = next.catch(() => undefined);
  return next;
}

/** Open IndexedDB (or fall back to memory, saying so) and list what is saved. */
export async function openExperiments(): Promise<void> {
  try {
    store = await openIdbStore();
    backendChosen('indexeddb');
  } catch (e) {
    store = new MemoryExperimentStore();
    backendChosen('memory', (e as Error).message || 'IndexedDB is unavailable');
  }
  await refreshList();
}

async function refreshList(): Promise<void> {
  if (!store) return;
  const { records, unreadable } = await store.list();
  listLoaded(
    records.map(({ payload: _p, ...h }) => h),
    unreadable.map((u) => `${u.id}: ${u.reason}`),
  );
}

const errorText = (e: unknown): string => (e instanceof Error ? `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}` : String(e));

/** Warn when this save would bring storage near (or past) its quota; never blocks the save. */
async function checkStorage(bytes: number): Promise<void> {
  const estimate = typeof navigator !== 'undefined' && navigator.storage?.estimate ? await navigator.storage.estimate().catch(() => null) : null;
  const q = checkQuota(estimate, bytes);
  quotaChecked(q.level === 'near' || q.level === 'over' ? q.message : null);
}

async function save(record: ExperimentRecord): Promise<boolean> {
  if (!store) return false;
  try {
    await checkStorage(approxBytes(record.payload));
    await store.put(record);
    saveSucceeded();
    await refreshList();
    return true;
  } catch (e) {
    saveFailed(`Could not save "${record.name}": ${errorText(e)}. Experiments saved before are kept; free some storage and the next result will be saved again.`);
    return false;
  }
}

/** After a Model-view measurement: the session's record (one per loaded model) gets every result so far. */
export function saveLabMeasurement(): Promise<void> {
  return serial(async () => {
    const s = useLab.getState();
    if (!s.model || !store) return;
    let file;
    try {
      file = buildResultsFile(s);
    } catch {
      return; // nothing measured: nothing to save
    }
    const payload: MeasurementPayload = { file };
    const key = modelKeyOf(s.model.files);
    const p = usePersist.getState();
    const old = p.labModelKey === key && p.labExpId ? await store.get(p.labExpId) : undefined;
    const now = new Date();
    const rec = old ? updatedRecord(old, measurementSummary(file), payload, now) : createRecord('measurement', measurementName(file, now), measurementSummary(file), payload, now);
    if (await save(rec)) labTarget(rec.id, key);
  });
}

/** A new Study run: a new record (Run again starts another one; Resume keeps writing this one). */
export function startSweepRecord(): Promise<void> {
  studyTarget(null);
  return serial(async () => {
    const payload = sweepPayload(useStudy.getState());
    if (!payload || !store) return;
    const now = new Date();
    const rec = createRecord('sweep', sweepName(payload, now), sweepSummary(payload), payload, now);
    if (await save(rec)) studyTarget(rec.id);
  });
}

/** The run as it stands now (called when a model is done, and when the sweep ends). */
export function saveSweep(): Promise<void> {
  return serial(async () => {
    const id = usePersist.getState().studyExpId;
    const payload = sweepPayload(useStudy.getState());
    if (!payload || !store) return;
    // The run on screen is always saved: a run whose record is gone (deleted, or its first save failed) gets a new one.
    const old = id ? await store.get(id) : undefined;
    const now = new Date();
    const rec = old ? updatedRecord(old, sweepSummary(payload), payload, now) : createRecord('sweep', sweepName(payload, now), sweepSummary(payload), payload, now);
    if (await save(rec)) studyTarget(rec.id);
  });
}

function restoreMeasurement(rec: ExperimentRecord, formToo: boolean): void {
  const { file } = parseMeasurementPayload(rec.payload);
  const spec = file.spec as { options?: { executionProvider?: 'auto' | 'webgpu' | 'wasm'; hubBaseUrl?: string } };
  const lab = useLab.getState();
  const form = formToo ? formForSource(file.manifest.model.source, spec.options?.hubBaseUrl ?? HUB_BASE_URL, lab.hub, lab.hf) : null;
  labSessionRestored(file.results, { ...(form ?? {}), ...(formToo && spec.options?.executionProvider ? { ep: spec.options.executionProvider } : {}) });
  // A restored session is not continued: measuring again (after a load) starts a new record, so these numbers stay as saved.
  labTarget(null, null);
  restoredNoteSet(
    `Showing the saved measurement "${rec.name}" (${file.results.length} prompt${file.results.length === 1 ? '' : 's'}, saved ${rec.updatedAt.slice(0, 16).replace('T', ' ')} UTC): the numbers are as they were measured. Load the model again to measure more.`,
  );
}

function restoreSweep(rec: ExperimentRecord): void {
  const p: SweepPayload = parseSweepPayload(rec.payload);
  studyRunRestored(p, `Restored the saved sweep "${rec.name}": what was measured is back; Resume measures only the rest.`);
  studyTarget(rec.id);
}

/** Actions a user has taken in a store (startup's own bookkeeping does not count). */
const STARTUP_ACTIONS = new Set(['init', 'setWorkerStatus', 'cacheListed', 'cacheFailed']);

/** On start: the newest measurement and the newest sweep, unless the user already started editing. */
export async function restoreLatest(): Promise<void> {
  if (!store) return;
  const { records } = await store.list();
  const m = records.find((r) => r.kind === 'measurement');
  const sw = records.find((r) => r.kind === 'sweep');
  try {
    if (m && STARTUP_ACTIONS.has(useLab.getState().lastAction) && !useLab.getState().model) restoreMeasurement(m, true);
    if (sw && useStudy.getState().lastAction === 'init' && !useStudy.getState().sweep) restoreSweep(sw);
  } catch (e) {
    saveFailed(`A saved experiment could not be restored: ${errorText(e)}`);
  }
}

/** Open a saved experiment from the list; returns its kind (the view to show), or null. */
export async function openExperiment(id: string): Promise<'measurement' | 'sweep' | null> {
  const rec = await store?.get(id);
  if (!rec) return null;
  try {
    if (rec.kind === 'measurement') {
      // Saved numbers beside a loaded model would be exported with that model's manifest: never mix them.
      if (useLab.getState().model) throw new Error('a model is loaded, and its session would mix with the saved numbers: reload the page (downloaded models stay cached), then open it');
      if (useLab.getState().job) throw new Error('the Model view is busy: wait for its job to end');
      restoreMeasurement(rec, true);
    } else {
      if (useStudy.getState().sweep) throw new Error('a sweep is running: cancel it first');
      restoreSweep(rec);
    }
    return rec.kind;
  } catch (e) {
    saveFailed(`Could not open "${rec.name}": ${errorText(e)}`);
    return null;
  }
}

export function renameExperiment(id: string, name: string): Promise<void> {
  return serial(async () => {
    const rec = await store?.get(id);
    if (!rec) return;
    try {
      await save(renamedRecord(rec, name));
    } catch (e) {
      saveFailed(errorText(e));
    }
  });
}

export function duplicateExperiment(id: string): Promise<void> {
  return serial(async () => {
    const rec = await store?.get(id);
    if (!rec) return;
    await save(duplicatedRecord(rec, usePersist.getState().experiments.map((x) => x.name)));
  });
}

export function deleteExperiment(id: string): Promise<void> {
  return serial(async () => {
    if (!store) return;
    try {
      await store.delete(id);
    } catch (e) {
      saveFailed(`Could not delete: ${errorText(e)}`);
    }
    // The run or session that wrote it stops saving (a later save would bring it back).
    const p = usePersist.getState();
    if (p.studyExpId === id) studyTarget(null);
    if (p.labExpId === id) labTarget(null, null);
    await refreshList();
  });
}
