/** Synchronous named actions of the Geometry view: a battery run's lifecycle and the figure choices. */
import { geometryAction, type BatteryKind, type BatteryRun, type GeometryState, type ResultModel } from './geometry-store';
import type { Progress } from '../runtime/jobs';

const NAMES: Record<BatteryKind, string> = { weights: 'Weight battery', embedding: 'Embedding battery' };

/** Update one battery's run, only while `jobId` is its current job (a stale job's messages change nothing). */
function patchRun(s: GeometryState, kind: BatteryKind, jobId: string, patch: Partial<BatteryRun>): Partial<GeometryState> {
  return s[kind].jobId === jobId ? { [kind]: { ...s[kind], ...patch } } : {};
}

export const batteryStarted = geometryAction('batteryStarted', (s, kind: BatteryKind, jobId: string) => ({
  [kind]: { ...s[kind], status: 'running', jobId, message: 'starting the analysis worker', fraction: null, note: null } satisfies BatteryRun,
}));

export const batteryProgress = geometryAction('batteryProgress', (s, kind: BatteryKind, jobId: string, p: Pick<Progress, 'message' | 'fraction'>) =>
  s[kind].status === 'running' ? patchRun(s, kind, jobId, { message: p.message, fraction: p.fraction ?? s[kind].fraction }) : {},
);

export const batteryCancelling = geometryAction('batteryCancelling', (s, kind: BatteryKind) =>
  s[kind].jobId ? { [kind]: { ...s[kind], status: 'cancelling', message: 'cancelling: the battery stops at its next check…' } } : {},
);

/** A complete run: its result replaces the previous one. */
export const batteryFinished = geometryAction('batteryFinished', (s, kind: BatteryKind, jobId: string, resultId: string, model: ResultModel) =>
  patchRun(s, kind, jobId, { status: 'done', jobId: null, message: '', fraction: null, resultId, resultModel: model, note: null }),
);

/** A cancelled run keeps nothing of its own; the last complete result stays. */
export const batteryCancelled = geometryAction('batteryCancelled', (s, kind: BatteryKind, jobId: string) =>
  patchRun(s, kind, jobId, {
    status: 'cancelled', jobId: null, message: '', fraction: null,
    note: `${NAMES[kind]} cancelled: nothing of that run is kept${s[kind].resultId ? '; the last complete result is still shown' : ''}.`,
  }),
);

export const batteryFailed = geometryAction('batteryFailed', (s, kind: BatteryKind, jobId: string, message: string) =>
  patchRun(s, kind, jobId, { status: 'failed', jobId: null, message: '', fraction: null, note: `${NAMES[kind]} failed: ${message}` }),
);

/** Why a run could not start (no model, the worker is busy); no job was created. */
export const batteryRefused = geometryAction('batteryRefused', (s, kind: BatteryKind, why: string) => ({ [kind]: { ...s[kind], note: why } }));

export const chooseSpectraKind = geometryAction('chooseSpectraKind', (_s, spectraKind: string) => ({ spectraKind }));
export const chooseEsdMatrix = geometryAction('chooseEsdMatrix', (_s, esdMatrix: string) => ({ esdMatrix }));
export const chooseNullFamily = geometryAction('chooseNullFamily', (_s, nullFamily: string) => ({ nullFamily }));
export const setGeometrySeed = geometryAction('setGeometrySeed', (_s, seed: number) => ({ seed }));
