/**
 * The long jobs as named async actions: each runs in the model worker, reports progress into
 * the store, can be cancelled, and turns every failure into the error banner without touching
 * earlier results (a failed load keeps the loaded model).
 */
import { lab, newJobId, onWorkerError, Comlink } from '../runtime/client';
import { describeAdapter } from '../runtime/ep';
import type { Progress } from '../runtime/jobs';
import { HUB_BASE_URL, type ModelSource } from '../io/spec';
import { useLab } from './store';
import { sourceFromForm } from './exports';
import { refreshCache } from './cache-jobs';
import { idsText, parseTokenIds } from './token-ids';
import { saveLabMeasurement } from './persist-jobs';
import {
  addLocalFiles, endJob, generationCancelled, generationFinished, generationRestored, generationStarted, generationToken,
  markCancelling, measurementDone, modelLoaded, reportProgress, setWorkerStatus, showError, startJob,
} from './actions';

const WORKER_START_TIMEOUT_MS = 30_000;
/** top-k list length of a measurement */
export const TOP_K = 10;

/** The worker's CancelledError, or a fetch aborted by a cancel (it arrives as an AbortError). */
const isCancelled = (e: unknown): boolean => e instanceof Error && (e.name === 'CancelledError' || e.name === 'AbortError');
const isCurrent = (jobId: string): boolean => useLab.getState().job?.jobId === jobId;

export async function probeWorker(): Promise<void> {
  onWorkerError((message) => {
    setWorkerStatus({ state: 'failed' });
    showError(new Error(`the model worker failed: ${message}`));
  });
  const timer = setTimeout(() => {
    if (useLab.getState().worker.state !== 'starting') return;
    setWorkerStatus({ state: 'failed' });
    showError(new Error(`the model worker did not answer within ${WORKER_START_TIMEOUT_MS / 1000} s: see the browser console`));
  }, WORKER_START_TIMEOUT_MS);
  try {
    const p = await lab().probe();
    const adapter = p.adapter ? `WebGPU adapter: ${describeAdapter(p.adapter)}` : `no WebGPU adapter${p.error ? ` (${p.error})` : ''}`;
    setWorkerStatus({ state: 'ready', onnxruntime: p.onnxruntime, adapter });
    void refreshCache();
  } catch (e) {
    setWorkerStatus({ state: 'failed' });
    showError(e);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Hand dropped or picked files to the worker (the bytes stay there), each named by its path inside
 * the dropped folder ('onnx/model.onnx') or by its own name; the store keeps names and sizes.
 */
/** Files still on their way to the worker; a Load waits for them, so it never reads the previous drop. */
let filesInFlight: Promise<void> = Promise.resolve();

export async function giveLocalFiles(files: { path: string; file: File }[]): Promise<void> {
  if (files.length === 0) return;
  const handOver = lab()
    .addFiles(files)
    .then(() => addLocalFiles(files.map((f) => ({ name: f.path, bytes: f.file.size }))))
    .catch((e: unknown) => showError(e));
  filesInFlight = filesInFlight.then(() => handOver);
  await handOver;
}

export async function loadModel(): Promise<void> {
  await filesInFlight;
  const s = useLab.getState();
  if (s.job || s.lockedBy) return;
  let source: ModelSource;
  try {
    source = sourceFromForm(s);
  } catch (e) {
    showError(e);
    return;
  }
  const hubBaseUrl = (s.sourceKind !== 'local' && s.hub.baseUrl.trim()) || HUB_BASE_URL;
  const jobId = newJobId('load');
  startJob('load', jobId, 'starting the load');
  try {
    const onProgress = Comlink.proxy((p: Progress) => reportProgress(jobId, p));
    const info = await lab().load({ source, ep: s.ep, hubBaseUrl }, onProgress, jobId);
    modelLoaded(info, { executionProvider: s.ep, hubBaseUrl });
    endJob(jobId);
  } catch (e) {
    if (isCancelled(e)) endJob(jobId, 'Loading cancelled; the model loaded before (if any) is still loaded.');
    else {
      endJob(jobId);
      showError(e);
    }
  } finally {
    // Files downloaded before a failure or cancel are cached too.
    void refreshCache();
  }
}

export async function generate(): Promise<void> {
  const s = useLab.getState();
  if (s.job || s.lockedBy || !s.model) return;
  if (!s.model.logitsAvailable) return showError(new Error('this graph has no logits output (an encoder): it can be measured, not generated from'));
  const { text, maxNewTokens, temperature, seed } = s.prompt;
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1) return showError(new Error('max new tokens must be a whole number of at least 1'));
  if (!Number.isFinite(temperature) || temperature < 0) return showError(new Error('temperature must be a number >= 0 (0 = greedy)'));
  if (temperature > 0 && !Number.isInteger(seed)) return showError(new Error('the seed must be a whole number'));
  const previous = s.generation;
  const jobId = newJobId('generate');
  startJob('generate', jobId, `generating: 0 of ${maxNewTokens} tokens`);
  generationStarted(text, maxNewTokens);
  let n = 0;
  const onToken = Comlink.proxy((decoded: string) => {
    if (!isCurrent(jobId)) return;
    n++;
    generationToken(decoded);
    reportProgress(jobId, { message: `generating: ${n} of ${maxNewTokens} tokens`, fraction: n / maxNewTokens });
  });
  try {
    const params = { maxNewTokens, temperature, seed: temperature > 0 ? seed : undefined };
    // Models without a tokenizer generate from token ids and show ids.
    const g = s.model.hasTokenizer
      ? await lab().generate({ prompt: text, ...params }, onToken, jobId)
      : await lab().generateIds({ ids: parseTokenIds(text), ...params }, onToken, jobId);
    generationFinished(g);
    endJob(jobId);
  } catch (e) {
    if (isCancelled(e)) {
      generationCancelled();
      endJob(jobId, `Generation cancelled after ${n} tokens.`);
    } else {
      // A generation that failed shows nothing new: the previous one stays on screen.
      generationRestored(previous);
      endJob(jobId);
      showError(e);
    }
  }
}

export async function measure(): Promise<void> {
  const s = useLab.getState();
  if (s.job || s.lockedBy || !s.model) return;
  if (s.model.taps.length === 0) return showError(new Error(`no taps on this model, so no gains: ${s.model.structureError ?? 'the residual stream was not found'}`));
  // A model without a tokenizer is measured on token ids typed into the prompt box.
  let ids: number[] | null = null;
  if (!s.model.hasTokenizer) {
    try {
      ids = parseTokenIds(s.prompt.text);
    } catch (e) {
      return showError(e);
    }
  }
  const prompt = s.prompt.text;
  const jobId = newJobId('measure');
  startJob('measure', jobId, `measuring ${ids ? `token ids ${idsText(ids)}` : 'the prompt'}: forward pass with ${s.model.card.nLayers + 2} taps`);
  try {
    const m = ids ? await lab().measureIds(ids, TOP_K) : await lab().measure(prompt, TOP_K, jobId);
    if (!isCurrent(jobId)) return; // cancelled meanwhile: the result is dropped
    measurementDone(ids ? null : prompt, m);
    endJob(jobId);
    void saveLabMeasurement();
  } catch (e) {
    if (!isCurrent(jobId)) return;
    endJob(jobId);
    if (!isCancelled(e)) showError(e);
  }
}

export function cancelJob(): void {
  const job = useLab.getState().job;
  if (!job || job.cancelling) return;
  markCancelling();
  lab()
    .cancel(job.jobId)
    .catch((e: unknown) => showError(e));
  // One forward pass cannot be interrupted in the worker (it discards the result); the UI moves on at once.
  if (job.kind === 'measure') endJob(job.jobId, 'Measurement cancelled.');
}
