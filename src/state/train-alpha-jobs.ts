/**
 * The alpha training's async work: start it in the model worker (WordNet comes from the build-time
 * asset, fetched there once), stream its per-step progress into the store, cancel it. A cancelled or
 * failed run keeps the previous result on screen.
 */
import { Comlink, lab, newJobId } from '../runtime/client';
import { WORDNET_ASSET_PATH } from '../analysis/wordnet/asset';
import { sourceLabel } from '../io/spec';
import type { TrainAlphaProgress } from '../runtime/train-alpha';
import { useLab } from './store';
import { useTrainAlpha, type TrainAlphaForm } from './train-alpha-store';
import { useWordNet } from './wordnet-store';

const message = (e: unknown): string => (e instanceof Error ? e.message : typeof e === 'object' && e && 'message' in e ? String((e as { message: unknown }).message) : String(e));
const isCancelled = (e: unknown): boolean => (e instanceof Error || (typeof e === 'object' && e !== null)) && (e as { name?: string }).name === 'CancelledError';

/** Check a form edit; returns the error to show, or null. */
export function formProblem(f: TrainAlphaForm): string | null {
  if (!(Number.isInteger(f.epochs) && f.epochs >= 1 && f.epochs <= 1000)) return 'epochs: an integer from 1 to 1000';
  if (!(f.lr > 0 && f.lr <= 10)) return 'learning rate: a number in (0, 10]';
  if (!(Number.isInteger(f.batchSize) && f.batchSize >= 1 && f.batchSize <= 1024)) return 'batch: an integer from 1 to 1024';
  if (!(f.initialAlpha > 0 && f.initialAlpha < 1)) return 'initial alpha: a number in (0, 1)';
  if (!Number.isInteger(f.seed) || !Number.isInteger(f.geoSeed)) return 'seeds: integers';
  return null;
}

export function editTrainForm(patch: Partial<TrainAlphaForm>): void {
  useTrainAlpha.setState((s) => ({ form: { ...s.form, ...patch } }));
}

export async function startTrainAlpha(): Promise<void> {
  const s = useTrainAlpha.getState();
  if (s.status === 'running') return;
  const info = useLab.getState().model;
  if (!info) {
    useTrainAlpha.setState({ error: 'load a model first (Model view)' });
    return;
  }
  const problem = formProblem(s.form);
  if (problem) {
    useTrainAlpha.setState({ error: problem });
    return;
  }
  const jobId = newJobId('train-alpha');
  const model = sourceLabel(info.source);
  const form = { ...s.form };
  useTrainAlpha.setState({ status: 'running', jobId, cancelling: false, model, runForm: form, live: [], error: null });
  const onProgress = (p: TrainAlphaProgress) => {
    if (useTrainAlpha.getState().jobId === jobId) useTrainAlpha.setState((st) => ({ live: [...st.live, p] }));
  };
  try {
    const url = new URL(WORDNET_ASSET_PATH, document.baseURI).href;
    // The tab's one "UTF-8 bytes as token ids" box (battery options) applies to the training too.
    const byteIds = useWordNet.getState().byteIds;
    const result = await lab().trainAlpha(url, { ...form, ...(byteIds ? { byteIds } : {}) }, Comlink.proxy(onProgress), jobId);
    if (useTrainAlpha.getState().jobId === jobId) useTrainAlpha.setState({ status: 'done', jobId: null, cancelling: false, result, resultModel: model, live: result.history });
  } catch (e) {
    if (useTrainAlpha.getState().jobId !== jobId) return;
    if (isCancelled(e)) useTrainAlpha.setState({ status: 'cancelled', jobId: null, cancelling: false });
    else useTrainAlpha.setState({ status: 'failed', jobId: null, cancelling: false, error: message(e) });
  }
}

export function cancelTrainAlpha(): void {
  const { jobId } = useTrainAlpha.getState();
  if (!jobId) return;
  useTrainAlpha.setState({ cancelling: true });
  void lab().cancel(jobId);
}
