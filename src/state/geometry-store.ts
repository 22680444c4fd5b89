/**
 * The Geometry view's state: per battery (weights, embedding) the running job's id and progress,
 * how the last run ended, and the id of the last complete result (the result itself, typed
 * arrays and all, lives in geometry-results.ts, never here); plus the figure choices.
 * Changes only through geometry-actions.ts and geometry-jobs.ts.
 */
import { create } from 'zustand';

export type BatteryKind = 'weights' | 'embedding';

export type BatteryStatus = 'idle' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';

/** The loaded model a result was computed on: its label, and its files' sha256s to tell a reload of other files. */
export interface ResultModel {
  label: string;
  key: string;
}

export interface BatteryRun {
  status: BatteryStatus;
  /** id of the running job (null when none runs) */
  jobId: string | null;
  /** the current step, in words */
  message: string;
  /** 0..1 when known */
  fraction: number | null;
  /** the last complete result (geometry-results.ts); a cancelled or failed run leaves it as it was */
  resultId: string | null;
  resultModel: ResultModel | null;
  /** how the last run ended when it did not complete: cancelled, or its error */
  note: string | null;
}

export interface GeometryState {
  weights: BatteryRun;
  embedding: BatteryRun;
  /** weight kind the spectra figure shows ('' = the first kind of the result) */
  spectraKind: string;
  /** matrix the ESD figure shows ('' = the first matrix with a fit) */
  esdMatrix: string;
  /** null-test family of the cosine heatmap ('' = the first family) */
  nullFamily: string;
  /** Rng seed of the embedding battery's sampled measurements (seed 05 uses 42) */
  seed: number;
  lastAction: string;
}

export const idleRun = (): BatteryRun => ({ status: 'idle', jobId: null, message: '', fraction: null, resultId: null, resultModel: null, note: null });

export const initialGeometryState = (): GeometryState => ({
  weights: idleRun(),
  embedding: idleRun(),
  spectraKind: '',
  esdMatrix: '',
  nullFamily: '',
  seed: 42,
  lastAction: 'init',
});

export const useGeometry = create<GeometryState>()(() => initialGeometryState());

/** Declare a named geometry action: a pure update from the current state and the arguments. */
export function geometryAction<A extends unknown[]>(name: string, update: (s: GeometryState, ...args: A) => Partial<GeometryState>): (...args: A) => void {
  return (...args: A) => useGeometry.setState((s) => ({ ...update(s, ...args), lastAction: name }));
}
