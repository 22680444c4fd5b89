/**
 * The Geometry view's long jobs: run a battery in the analysis worker (it reads the loaded model
 * from the model worker directly), report its progress into the store, cancel it. A complete run
 * replaces the previous result; a cancelled or failed one keeps nothing and leaves it as it was.
 */
import { analysis, onAnalysisWorkerError, Comlink } from '../runtime/analysis-client';
import { lab, newJobId } from '../runtime/client';
import { sourceLabel } from '../io/spec';
import type { Progress } from '../runtime/jobs';
import type { ModelInfo } from '../runtime/lab';
import { useLab } from './store';
import { useGeometry, type BatteryKind, type ResultModel } from './geometry-store';
import { batteryCancelled, batteryCancelling, batteryFailed, batteryFinished, batteryProgress, batteryRefused, batteryStarted } from './geometry-actions';
import { keepResult, type StoredResult } from './geometry-results';

const isCancelled = (e: unknown): boolean => e instanceof Error && (e.name === 'CancelledError' || e.name === 'AbortError');

export const modelOf = (m: ModelInfo): ResultModel => ({ label: sourceLabel(m.source), key: m.files.map((f) => f.sha256).join(',') });

/** Why a battery cannot start now, or null. */
export function geometryBlocked(kind: BatteryKind): string | null {
  const s = useLab.getState();
  if (useGeometry.getState()[kind].jobId) return 'this battery is already running';
  if (s.lockedBy) return 'the Study sweep holds the model worker: wait for it to finish';
  if (s.job?.kind === 'load') return 'a model is loading: wait for it';
  if (!s.model) return 'no model is loaded: load one in the Model tab first';
  return null;
}

export async function runBattery(kind: BatteryKind): Promise<void> {
  const why = geometryBlocked(kind);
  if (why) return batteryRefused(kind, why);
  const model = modelOf(useLab.getState().model!);
  const jobId = newJobId(`geometry-${kind}`);
  batteryStarted(kind, jobId);
  let stopWatching = () => {};
  try {
    const worker = await analysis();
    stopWatching = onAnalysisWorkerError((m) => batteryFailed(kind, jobId, `the analysis worker failed: ${m}`));
    const manifest = await lab().manifest();
    const onProgress = Comlink.proxy((p: Progress) => batteryProgress(kind, jobId, p));
    const entry: StoredResult =
      kind === 'weights'
        ? { kind, manifest, result: await worker.weightBattery(jobId, {}, onProgress) }
        : { kind, manifest, result: await worker.embeddingBattery(jobId, { seed: useGeometry.getState().seed }, onProgress) };
    // Reads went to whatever model was loaded; a load in between would mix two models.
    const now = useLab.getState().model;
    if (!now || modelOf(now).key !== model.key) return batteryFailed(kind, jobId, 'the loaded model changed during the run: run it again');
    if (useGeometry.getState()[kind].jobId !== jobId) return;
    batteryFinished(kind, jobId, keepResult(entry, useGeometry.getState()[kind].resultId), model);
  } catch (e) {
    if (isCancelled(e)) batteryCancelled(kind, jobId);
    else batteryFailed(kind, jobId, e instanceof Error ? e.message || String(e) : String(e));
  } finally {
    stopWatching();
  }
}

export function cancelBattery(kind: BatteryKind): void {
  const run = useGeometry.getState()[kind];
  if (!run.jobId || run.status === 'cancelling') return;
  const jobId = run.jobId;
  batteryCancelling(kind);
  analysis()
    .then((w) => w.cancel(jobId))
    .catch((e: unknown) => batteryFailed(kind, jobId, `could not cancel: ${e instanceof Error ? e.message : String(e)}`));
}
