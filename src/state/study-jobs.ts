/**
 * The Study view's long jobs: Run (a fresh sweep of every queued model over the prompt set),
 * Resume (only the model x prompt pairs not measured yet, see study-resume.ts), Cancel, and the
 * import of seed notebooks' result files. A sweep takes the model worker from the Model view
 * for its duration (its load / generate / measure wait) and unloads every model it ran.
 */
import { lab, newJobId, Comlink } from '../runtime/client';
import { parsePromptText } from '../io/prompt-sets';
import { HUB_BASE_URL, sourceLabel, type ModelSource } from '../io/spec';
import type { Progress } from '../runtime/jobs';
import type { SweepRequest } from '../runtime/sweep';
import { useLab } from './store';
import { modelReleased, setLabLock } from './actions';
import { sourceFromForm } from './exports';
import { useStudy, type RunConfig } from './study-store';
import { mergeSweep, planFresh, planResume, withQueued, type SweepStep } from './study-resume';
import { enqueueModel, runsChanged, runStarted, studyError, sweepCancelling, sweepEnded, sweepProgress, sweepStarted } from './study-actions';
import { sweepByModel } from './persist-sweep';
import { saveSweep, startSweepRecord } from './persist-jobs';

/** The model source the "add a model" form describes (local = the files given in the Model view). */
export function draftSource(): ModelSource {
  const { draft } = useStudy.getState();
  const { local } = useLab.getState();
  return sourceFromForm({ sourceKind: draft.kind, hub: { ...draft.hub, baseUrl: '' }, hf: draft.hf, local });
}

export function addDraftModel(): void {
  try {
    const source = draftSource();
    enqueueModel({ key: sourceLabel(source), source });
  } catch (e) {
    studyError(e);
  }
}

/** Why Run / Resume cannot start now, or null. */
function blocked(): string | null {
  const lab = useLab.getState();
  if (useStudy.getState().sweep) return 'a sweep is running';
  if (lab.job) return `the Model view is busy (${lab.job.kind}): wait for it or cancel it`;
  if (lab.worker.state === 'failed') return 'the model worker failed to start';
  return null;
}

export async function runStudy(): Promise<void> {
  const s = useStudy.getState();
  const why = blocked();
  if (why) return studyError(new Error(why));
  if (s.queue.length === 0) return studyError(new Error('add at least one model to the queue'));
  let prompts;
  try {
    prompts = parsePromptText(s.promptText).map((p) => (p.category ? { text: p.text, category: p.category } : { text: p.text }));
  } catch (e) {
    return studyError(new Error(`the prompt set: ${(e as Error).message}`));
  }
  const run: RunConfig = { prompts, position: s.position, ep: s.ep, hubBaseUrl: s.hubBaseUrl.trim() || HUB_BASE_URL, byteIds: s.byteIds, setName: s.setName };
  runStarted(run, withQueued({}, s.queue, prompts.length));
  void startSweepRecord();
  await execute(planFresh(s.queue, prompts.length));
}

export async function resumeStudy(): Promise<void> {
  const s = useStudy.getState();
  const why = blocked();
  if (why) return studyError(new Error(why));
  if (!s.run) return studyError(new Error('nothing to resume: press Run first'));
  const n = s.run.prompts.length;
  const runs = withQueued(s.runs, s.queue, n);
  runsChanged(runs);
  const steps = planResume(s.queue, runs, n);
  if (steps.length === 0) return sweepEnded('Nothing to resume: every queued model has every prompt measured.');
  await execute(steps);
}

let stopRequested = false;

/** Run the steps one worker sweep after another; a cancel ends the current one and skips the rest. */
async function execute(steps: SweepStep[]): Promise<void> {
  const run = useStudy.getState().run;
  if (!run || steps.length === 0) return;
  stopRequested = false;
  setLabLock('study');
  let cancelled = false;
  let failedCall: string | null = null;
  try {
    for (const [si, step] of steps.entries()) {
      if (stopRequested) {
        cancelled = true;
        break;
      }
      const runs = useStudy.getState().runs;
      const jobId = newJobId('sweep');
      sweepStarted({
        jobId, fraction: 0, message: 'starting the sweep', models: step.models, promptIndex: step.promptIndex,
        modelAt: 0, promptsDone: 0, loading: true, started: [], cancelling: false, requestNo: si + 1, requests: steps.length,
      });
      const req: SweepRequest = {
        models: step.models.map((k) => runs[k].source),
        prompts: step.promptIndex.map((i) => run.prompts[i]),
        position: run.position,
        ep: run.ep,
        hubBaseUrl: run.hubBaseUrl,
        tokenizerless: run.byteIds ? 'bytes' : 'fail',
      };
      try {
        // One worker call per model, so each model's rows are merged and saved as soon as it is done.
        const result = await sweepByModel(
          req,
          (one, onProgress) => lab().runSweep(one, Comlink.proxy(onProgress), jobId),
          (p: Progress) => sweepProgress(jobId, p),
          (mi, one) => {
            runsChanged(mergeSweep(useStudy.getState().runs, { models: [step.models[mi]], promptIndex: step.promptIndex }, one, run.prompts.length));
            void saveSweep();
          },
          () => stopRequested,
        );
        if (result.cancelled) {
          cancelled = true;
          break;
        }
      } catch (e) {
        // The worker call itself failed (it crashed): the models of this step keep what they had.
        failedCall = (e as Error).message || String(e);
        const after = { ...useStudy.getState().runs };
        // Models this step finished before the failure keep their status.
        for (const k of step.models) if (after[k].status !== 'done') after[k] = { ...after[k], status: 'failed', error: `the sweep call failed: ${failedCall}` };
        runsChanged(after);
        void saveSweep();
        break;
      }
    }
  } finally {
    setLabLock(null);
    modelReleased('The Study sweep used the model worker and unloaded every model it ran, including the one loaded here: load it again to measure.');
    sweepEnded(
      failedCall ? null : cancelled ? 'Sweep cancelled: what was measured is kept; Resume measures only the rest.' : 'Sweep finished.',
    );
    if (failedCall) studyError(new Error(`the sweep failed: ${failedCall}`));
  }
}

export function cancelStudy(): void {
  const s = useStudy.getState().sweep;
  if (!s || s.cancelling) return;
  stopRequested = true;
  sweepCancelling();
  lab()
    .cancelSweep(s.jobId)
    .catch((e: unknown) => studyError(e));
}
