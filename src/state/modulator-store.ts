/**
 * The Modulator view's state: the form (prompt, target, alphas, decoding), what the built target is
 * (a description; its values stay in modulator-jobs.ts), the newest result's summary, the request in
 * flight, and the alpha sweep. Plain data only. Changes go through modulator-actions.ts and
 * modulator-jobs.ts; panels read through selectors.
 */
import { create } from 'zustand';
import { SEED_ALPHA_PRESETS } from '../analysis/modulation/alpha';
import type { ModulationImpact } from '../analysis/modulation/impact';
import type { TokenDifference } from '../analysis/modulation/token-diff';
import type { Continuation } from '../runtime/modulator';
import type { FieldReport } from '../analysis/modulation/field/report';
import type { SweepMeta, SweepRow } from '../plots/modulator/types';
import { DEFAULT_SWEEP_ALPHAS, type TargetForm } from './modulator-params';

/** The loaded model's modulated stack (from the worker's modulatorShape). */
export interface ModulatorShape {
  nBlocks: number;
  dModel: number;
  vocabSize: number;
  stack: 'decoder-only' | 'encoder';
}

/** A target the user uploaded, validated (its values stay in modulator-jobs.ts). */
export interface FileTargetInfo {
  name: string;
  bytes: number;
  stamp: number;
  kind: 'vector' | 'table';
  shape: number[];
}

/** How the current target was built. */
export interface TargetInfo {
  key: string;
  /** one line for captions and exports, e.g. "random:1234, vector [64], row norm 7.22771 (...)" */ label: string;
  kind: 'vector' | 'table';
  /** [d_model] or [vocab, d_model] */ shape: number[];
  /** random: the row norm (mean resid_pre norm on the prompt over every block, 6 significant digits) */ norm?: number;
  /** geometric: mean cosine of the Procrustes-aligned anchors with their residual PCA coordinates */ alignmentCos?: number;
  ms: number;
}

/** The newest modulation on screen (the worker's ModulationResult without the final-state vectors). */
export interface ModulationView {
  /** the request it answers (a newer one replaces it) */ requestNo: number;
  alphas: number[];
  promptIds: number[];
  /** the prompt as typed (text or ids) */ prompt: string;
  stack: 'decoder-only' | 'encoder';
  original: Continuation;
  modulated: Continuation;
  tokenDifference: TokenDifference;
  impact: ModulationImpact;
  target: string;
  temperature: number;
  seed: number;
  /** worker time of the request, ms */ ms: number;
  originalCached: boolean;
  /** the field modulator's health report, validity and CV check (field requests only) */ field?: FieldReport;
}

/** The lerp toward a target (seed 05 section 7), or the Geometric Field Modulator (section 12). */
export type ModulatorType = 'lerp' | 'field';

export interface SweepView {
  /** the alphas to run, as typed */ alphasText: string;
  running: boolean;
  cancelling: boolean;
  /** alphas finished of the current run */ done: number;
  total: number;
  rows: SweepRow[];
  meta: SweepMeta | null;
  error: string | null;
  note: string | null;
}

export interface ModulatorState {
  /** the model the state belongs to (source and file digests); another model resets the view */ modelKey: string | null;
  shape: ModulatorShape | null;
  /** why the loaded model cannot be modulated */ shapeError: string | null;
  prompt: string;
  modType: ModulatorType;
  /** the field modulator's weight seed */ fieldSeed: number;
  maxNewTokens: number;
  /** 0 = greedy */ temperature: number;
  seed: number;
  target: TargetForm;
  file: FileTargetInfo | null;
  built: TargetInfo | null;
  /** a target build in progress, in words */ building: string | null;
  /** why the target could not be built or the file was refused */ targetError: string | null;
  linked: boolean;
  alpha: number;
  /** [n_blocks] */ own: number[];
  /** [n_blocks] */ blocks: boolean[];
  /** the request in flight (the "updating" state) */ pending: { requestNo: number; alphas: number[] } | null;
  result: ModulationView | null;
  /** the last request's failure (not a cancellation) */ error: string | null;
  sweep: SweepView;
  lastAction: string;
}

export const DEFAULT_PROMPT = 'Once upon a time';
export const DEFAULT_ALPHA = SEED_ALPHA_PRESETS[2];

export const initialModulatorState = (): ModulatorState => ({
  modelKey: null,
  shape: null,
  shapeError: null,
  prompt: DEFAULT_PROMPT,
  modType: 'lerp',
  fieldSeed: 0,
  maxNewTokens: 32,
  temperature: 0,
  seed: 0,
  target: { choice: 'random', randomSeed: 1234, randomShape: 'vector', geoSeed: 0, steerA: '', steerB: '', steerLayer: 0 },
  file: null,
  built: null,
  building: null,
  targetError: null,
  linked: true,
  alpha: DEFAULT_ALPHA,
  own: [],
  blocks: [],
  pending: null,
  result: null,
  error: null,
  sweep: { alphasText: DEFAULT_SWEEP_ALPHAS.join(', '), running: false, cancelling: false, done: 0, total: 0, rows: [], meta: null, error: null, note: null },
  lastAction: 'init',
});

export const useModulator = create<ModulatorState>()(() => initialModulatorState());

/** Declare a named Modulator action: a pure update from the current state and the arguments. */
export function modulatorAction<A extends unknown[]>(name: string, update: (s: ModulatorState, ...args: A) => Partial<ModulatorState>): (...args: A) => void {
  return (...args: A) => useModulator.setState((s) => ({ ...update(s, ...args), lastAction: name }));
}
