/**
 * The WordNet tab's long job: the battery in the analysis worker (it loads WordNet on first use and
 * reads the loaded model from the model worker directly), its progress into the store, cancel. A
 * complete run replaces the previous result; a cancelled or failed one keeps nothing and leaves it as it was.
 */
import { analysis, onAnalysisWorkerError, Comlink } from '../runtime/analysis-client';
import { lab, newJobId } from '../runtime/client';
import type { Progress } from '../runtime/jobs';
import { useLab } from './store';
import { modelOf } from './geometry-jobs';
import { useWordNet } from './wordnet-store';
import { wordnetCancelled, wordnetCancelling, wordnetFailed, wordnetFinished, wordnetProgress, wordnetRefused, wordnetStarted } from './wordnet-actions';
import { keepWordNetResult } from './wordnet-results';

const isCancelled = (e: unknown): boolean => e instanceof Error && (e.name === 'CancelledError' || e.name === 'AbortError');

/** Why the battery cannot start now, or null. */
export function wordnetBlocked(): string | null {
  const s = useLab.getState();
  if (useWordNet.getState().run.jobId) return 'the WordNet battery is already running';
  if (s.lockedBy) return 'the Study sweep holds the model worker: wait for it to finish';
  if (s.job?.kind === 'load') return 'a model is loading: wait for it';
  if (!s.model) return 'no model is loaded: load one in the Model tab first';
  if (!s.model.hasTokenizer && !useWordNet.getState().byteIds) return 'this model has no tokenizer: tick "UTF-8 bytes as token ids" to match single-byte lemmas instead';
  return null;
}

export async function runWordNet(): Promise<void> {
  const why = wordnetBlocked();
  if (why) return wordnetRefused(why);
  const model = modelOf(useLab.getState().model!);
  const { layer, seeds, byteIds } = useWordNet.getState();
  const jobId = newJobId('wordnet');
  wordnetStarted(jobId);
  let stopWatching = () => {};
  try {
    const worker = await analysis();
    stopWatching = onAnalysisWorkerError((m) => wordnetFailed(jobId, `the analysis worker failed: ${m}`));
    const manifest = await lab().manifest();
    const onProgress = Comlink.proxy((p: Progress) => wordnetProgress(jobId, p));
    const result = await worker.wordnetBattery(jobId, { layer: layer ?? undefined, seeds, byteIds, modelKey: model.key }, onProgress);
    // Reads went to whatever model was loaded; a load in between would mix two models.
    const now = useLab.getState().model;
    if (!now || modelOf(now).key !== model.key) return wordnetFailed(jobId, 'the loaded model changed during the run: run it again');
    if (useWordNet.getState().run.jobId !== jobId) return;
    wordnetFinished(jobId, keepWordNetResult({ result, manifest, options: { layer, seeds, byteIds } }, useWordNet.getState().run.resultId), model);
  } catch (e) {
    if (isCancelled(e)) wordnetCancelled(jobId);
    else wordnetFailed(jobId, e instanceof Error ? e.message || String(e) : String(e));
  } finally {
    stopWatching();
  }
}

export function cancelWordNet(): void {
  const run = useWordNet.getState().run;
  if (!run.jobId || run.status === 'cancelling') return;
  const jobId = run.jobId;
  wordnetCancelling();
  analysis()
    .then((w) => w.cancel(jobId))
    .catch((e: unknown) => wordnetFailed(jobId, `could not cancel: ${e instanceof Error ? e.message : String(e)}`));
}
