/** Synchronous named actions of the Modulator view: form edits, request and sweep bookkeeping. */
import { modulatorAction, initialModulatorState, type FileTargetInfo, type ModulationView, type ModulatorShape, type ModulatorState, type ModulatorType, type TargetInfo } from './modulator-store';
import { clampFieldAlpha, DEFAULT_SWEEP_ALPHAS, FIELD_SWEEP_ALPHAS, quantizeAlpha, type TargetForm } from './modulator-params';
import type { SweepMeta, SweepRow } from '../plots/modulator/types';

/**
 * A model was loaded (or none is): the view starts afresh for it, keeping the prompt, decoding, alpha
 * and target settings that still make sense (a file target belongs to the old model's dimensions).
 */
export const modelAttached = modulatorAction('modelAttached', (s, modelKey: string | null, shape: ModulatorShape | null, shapeError: string | null, prompt?: string): Partial<ModulatorState> => {
  const n = shape?.nBlocks ?? 0;
  const fresh = initialModulatorState();
  return {
    modelKey,
    shape,
    shapeError,
    ...(prompt !== undefined ? { prompt } : {}),
    target: { ...s.target, steerLayer: Math.min(s.target.steerLayer, Math.max(0, n - 1)), ...(s.target.choice === 'file' ? { choice: 'random' as const } : {}) },
    file: null,
    built: null,
    building: null,
    targetError: null,
    own: new Array(n).fill(s.alpha),
    blocks: new Array(n).fill(true),
    pending: null,
    result: null,
    error: null,
    sweep: { ...fresh.sweep, alphasText: s.sweep.alphasText },
  };
});

export const editModulatorForm = modulatorAction('editModulatorForm', (_s, patch: Partial<Pick<ModulatorState, 'prompt' | 'maxNewTokens' | 'temperature' | 'seed'>>) => patch);

/**
 * Switch between the lerp and the field modulator. The field's alphas live in the seed's clamp range
 * [0.001, 0.35], so the sliders move into it (0, "off", stays 0); the shown result is the old type's
 * until the next request answers.
 */
export const setModType = modulatorAction('setModType', (s, modType: ModulatorType): Partial<ModulatorState> => {
  // The default sweep list follows the type (the field's ends at its clamp, 0.35, not 0.5); a typed list stays.
  const lerpText = DEFAULT_SWEEP_ALPHAS.join(', ');
  const fieldText = FIELD_SWEEP_ALPHAS.join(', ');
  const text = s.sweep.alphasText === lerpText || s.sweep.alphasText === fieldText ? (modType === 'field' ? fieldText : lerpText) : s.sweep.alphasText;
  const sweep = { ...s.sweep, alphasText: text };
  return modType === 'field' ? { modType, alpha: clampFieldAlpha(s.alpha), own: s.own.map(clampFieldAlpha), error: null, sweep } : { modType, error: null, sweep };
});

export const editFieldSeed = modulatorAction('editFieldSeed', (_s, fieldSeed: number) => ({ fieldSeed }));

export const editTarget = modulatorAction('editTarget', (s, patch: Partial<TargetForm>) => ({ target: { ...s.target, ...patch }, targetError: null }));

export const fileTargetAccepted = modulatorAction('fileTargetAccepted', (s, file: FileTargetInfo) => ({ file, targetError: null, target: { ...s.target, choice: 'file' as const } }));

/** A refused file leaves no file target: the message says what shape was expected and what came. */
export const fileTargetRejected = modulatorAction('fileTargetRejected', (s, message: string) => ({ file: null, targetError: message, target: { ...s.target, choice: 'file' as const } }));

export const targetBuilding = modulatorAction('targetBuilding', (_s, message: string) => ({ building: message, targetError: null }));

export const targetBuilt = modulatorAction('targetBuilt', (_s, built: TargetInfo) => ({ built, building: null, targetError: null }));

export const targetFailed = modulatorAction('targetFailed', (_s, message: string) => ({ building: null, targetError: message }));

export const setLinked = modulatorAction('setLinked', (s, linked: boolean) =>
  // Unlinking starts every block at the linked value, so nothing moves until a slider does.
  linked ? { linked } : { linked, own: s.own.map(() => s.alpha) },
);

export const setAlpha = modulatorAction('setAlpha', (_s, v: number) => ({ alpha: quantizeAlpha(v) }));

export const setOwnAlpha = modulatorAction('setOwnAlpha', (s, block: number, v: number) => ({ own: s.own.map((a, i) => (i === block ? quantizeAlpha(v) : a)) }));

export const toggleBlock = modulatorAction('toggleBlock', (s, block: number) => ({ blocks: s.blocks.map((on, i) => (i === block ? !on : on)) }));

export const requestStarted = modulatorAction('requestStarted', (_s, requestNo: number, alphas: number[]) => ({ pending: { requestNo, alphas }, error: null }));

/** Only the newest request's result is shown; an older one arriving late changes nothing. */
export const resultArrived = modulatorAction('resultArrived', (s, view: ModulationView) =>
  s.pending && s.pending.requestNo !== view.requestNo ? {} : { result: view, pending: null, error: null },
);

export const requestEnded = modulatorAction('requestEnded', (s, requestNo: number) => (s.pending?.requestNo === requestNo ? { pending: null } : {}));

export const requestFailed = modulatorAction('requestFailed', (s, requestNo: number, message: string) => (s.pending?.requestNo === requestNo ? { pending: null, error: message } : {}));

export const editSweepAlphas = modulatorAction('editSweepAlphas', (s, alphasText: string) => ({ sweep: { ...s.sweep, alphasText, error: null } }));

export const sweepStarted = modulatorAction('sweepStarted', (s, total: number, meta: SweepMeta) => ({
  sweep: { ...s.sweep, running: true, cancelling: false, done: 0, total, rows: [], meta, error: null, note: null },
}));

/** One alpha done; every run of a sweep shares its original continuation, which the meta records. */
export const sweepRowDone = modulatorAction('sweepRowDone', (s, row: SweepRow, originalIds: number[]) => ({
  sweep: { ...s.sweep, done: s.sweep.done + 1, rows: [...s.sweep.rows, row], meta: s.sweep.meta && { ...s.sweep.meta, originalIds } },
}));

export const sweepCancelling = modulatorAction('sweepCancelling', (s) => ({ sweep: { ...s.sweep, cancelling: true } }));

export const sweepEnded = modulatorAction('sweepEnded', (s, note: string | null) => ({ sweep: { ...s.sweep, running: false, cancelling: false, note } }));

export const sweepFailed = modulatorAction('sweepFailed', (s, message: string) => ({ sweep: { ...s.sweep, running: false, cancelling: false, error: message } }));
