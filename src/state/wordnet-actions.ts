/** Synchronous named actions of the WordNet tab: the battery run's lifecycle and its options. */
import { wordnetAction, type WordNetState } from './wordnet-store';
import type { BatteryRun, ResultModel } from './geometry-store';
import type { Progress } from '../runtime/jobs';

/** Update the run, only while `jobId` is its current job (a stale job's messages change nothing). */
function patchRun(s: WordNetState, jobId: string, patch: Partial<BatteryRun>): Partial<WordNetState> {
  return s.run.jobId === jobId ? { run: { ...s.run, ...patch } } : {};
}

export const wordnetStarted = wordnetAction('wordnetStarted', (s, jobId: string) => ({
  run: { ...s.run, status: 'running', jobId, message: 'starting the analysis worker', fraction: null, note: null } satisfies BatteryRun,
}));

export const wordnetProgress = wordnetAction('wordnetProgress', (s, jobId: string, p: Pick<Progress, 'message' | 'fraction'>) =>
  s.run.status === 'running' ? patchRun(s, jobId, { message: p.message, fraction: p.fraction ?? s.run.fraction }) : {},
);

export const wordnetCancelling = wordnetAction('wordnetCancelling', (s) =>
  s.run.jobId ? { run: { ...s.run, status: 'cancelling', message: 'cancelling: the battery stops at its next check…' } } : {},
);

/** A complete run: its result replaces the previous one. */
export const wordnetFinished = wordnetAction('wordnetFinished', (s, jobId: string, resultId: string, model: ResultModel) =>
  patchRun(s, jobId, { status: 'done', jobId: null, message: '', fraction: null, resultId, resultModel: model, note: null }),
);

/** A cancelled run keeps nothing of its own; the last complete result stays. */
export const wordnetCancelled = wordnetAction('wordnetCancelled', (s, jobId: string) =>
  patchRun(s, jobId, {
    status: 'cancelled', jobId: null, message: '', fraction: null,
    note: `WordNet battery cancelled: nothing of that run is kept${s.run.resultId ? '; the last complete result is still shown' : ''}.`,
  }),
);

export const wordnetFailed = wordnetAction('wordnetFailed', (s, jobId: string, message: string) =>
  patchRun(s, jobId, { status: 'failed', jobId: null, message: '', fraction: null, note: `WordNet battery failed: ${message}` }),
);

/** Why a run could not start (no model, a sweep holds the worker); no job was created. */
export const wordnetRefused = wordnetAction('wordnetRefused', (s, why: string) => ({ run: { ...s.run, note: why } }));

/** null = the battery's default boundary. */
export const setWordNetLayer = wordnetAction('setWordNetLayer', (_s, layer: number | null) => ({ layer }));

/** Whole numbers from 1 (a single run) to 1000. */
export const setWordNetSeeds = wordnetAction('setWordNetSeeds', (s, seeds: number) => (Number.isInteger(seeds) && seeds >= 1 && seeds <= 1000 ? { seeds } : { seeds: s.seeds }));

export const setWordNetByteIds = wordnetAction('setWordNetByteIds', (_s, byteIds: boolean) => ({ byteIds }));
