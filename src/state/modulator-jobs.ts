/**
 * The Modulator view's async work, all of it in the model worker: attaching to the loaded model,
 * building the target, the slider's requests and the alpha sweep. The target's values live here (never
 * in the store). Each slider move is a new request with a new job id: the one in flight is cancelled
 * (the engine also supersedes it) and only the newest result reaches the store.
 */
import { lab, newJobId } from '../runtime/client';
import type { ModelInfo } from '../runtime/lab';
import type { Modulation, ModulationResult, ModulatorTarget } from '../runtime/modulator';
import { parseTargetFile } from '../analysis/modulation/target-file';
import { sourceLabel } from '../io/spec';
import { manifestFor } from '../io/results';
import { sig5 } from '../plots/format';
import { useLab } from './store';
import { parseTokenIds } from './token-ids';
import { useModulator, type ModulationView, type ModulatorState, type TargetInfo } from './modulator-store';
import { alphasFor, parseAlphaList, parseSteerSet, randomTarget, randomTargetNorm, selectedBlocks, targetKey } from './modulator-params';
import { sweepRow } from './modulator-export';
import { FIELD_DEFAULTS } from '../analysis/modulation/field/config';
import {
  fileTargetAccepted, fileTargetRejected, modelAttached, requestEnded, requestFailed, requestStarted, resultArrived, sweepCancelling, sweepEnded,
  sweepFailed, sweepRowDone, sweepStarted, targetBuilding, targetBuilt, targetFailed,
} from './modulator-actions';

const isCancelled = (e: unknown): boolean => e instanceof Error && e.name === 'CancelledError';
const message = (e: unknown): string => (e instanceof Error ? e.message : typeof e === 'object' && e && 'message' in e ? String((e as { message: unknown }).message) : String(e));

/** Source and file digests: the same files are the same model. */
export const modelKeyOf = (info: ModelInfo): string => `${sourceLabel(info.source)}|${info.files.map((f) => f.sha256).join(',')}`;

let attachSeq = 0;
let target: { key: string; value: ModulatorTarget } | null = null;
let building: { key: string; promise: Promise<ModulatorTarget> } | null = null;
let fileValue: { key: string; value: ModulatorTarget } | null = null;
let idsCache: { key: string; ids: number[] } | null = null;

/** Follow the Model view's model: a new one resets the view and asks the worker for its modulated stack. */
export async function attachModel(info: ModelInfo | null): Promise<void> {
  const key = info ? modelKeyOf(info) : null;
  if (key === useModulator.getState().modelKey && (key === null || useModulator.getState().shape || useModulator.getState().shapeError)) return;
  const seq = ++attachSeq;
  target = null;
  building = null;
  fileValue = null;
  idsCache = null;
  if (!info) return modelAttached(null, null, null);
  // A model without a tokenizer takes token ids: start from a few instead of text it cannot read.
  const s = useModulator.getState();
  const prompt = !info.hasTokenizer && !/^[\d\s,]+$/.test(s.prompt) ? '5, 17, 42, 9' : undefined;
  try {
    const shape = await lab().modulatorShape();
    if (seq === attachSeq) modelAttached(key, shape, null, prompt);
  } catch (e) {
    if (seq === attachSeq) modelAttached(key, null, message(e), prompt);
  }
}

/** The prompt's token ids (cached per model and text: a slider move does not re-tokenize). */
async function promptIds(s: ModulatorState, hasTokenizer: boolean): Promise<number[]> {
  const key = `${s.modelKey}\u0000${s.prompt}`;
  if (idsCache?.key === key) return idsCache.ids;
  const ids = hasTokenizer ? (await lab().tokenize(s.prompt)).ids : parseTokenIds(s.prompt);
  if (ids.length === 0) throw new Error('the prompt gives no tokens: type some text');
  idsCache = { key, ids };
  return ids;
}

const fileStamp = (s: ModulatorState) => (s.file ? { name: s.file.name, bytes: s.file.bytes, stamp: s.file.stamp } : null);

/** The target the form describes, built once per key (a geometric table takes a few seconds). */
async function ensureTarget(s: ModulatorState, ids: number[], hasTokenizer: boolean): Promise<ModulatorTarget> {
  const key = targetKey(s.target, ids, fileStamp(s));
  if (target?.key === key) return target.value;
  if (building?.key !== key) {
    const promise = buildTarget(s, key, ids, hasTokenizer);
    building = { key, promise };
    promise.then(
      (value) => {
        if (building?.key === key) building = null;
        target = { key, value };
      },
      (e: unknown) => {
        if (building?.key === key) building = null;
        targetFailed(message(e));
      },
    );
  }
  return building.promise;
}

async function buildTarget(s: ModulatorState, key: string, ids: number[], hasTokenizer: boolean): Promise<ModulatorTarget> {
  const shape = s.shape!;
  const D = shape.dModel;
  const V = shape.vocabSize;
  const f = s.target;
  const t0 = performance.now();
  const done = (value: ModulatorTarget, info: Omit<TargetInfo, 'key' | 'ms' | 'kind' | 'shape'>): ModulatorTarget => {
    const kind = value.kind === 'table' ? 'table' : 'vector';
    targetBuilt({ key, kind, shape: kind === 'table' ? [V, D] : [D], ms: performance.now() - t0, ...info });
    return value;
  };
  switch (f.choice) {
    case 'random': {
      targetBuilding('measuring the prompt’s residual norm for the random target');
      const all = Array.from({ length: shape.nBlocks }, (_, i) => i);
      const norm = randomTargetNorm((await lab().residualStats([ids], all)).meanNorm);
      const data = randomTarget({ seed: f.randomSeed, shape: f.randomShape, dModel: D, vocabSize: V, norm });
      const what = f.randomShape === 'table' ? `per-token table [${V}, ${D}]` : `vector [${D}]`;
      return done({ kind: f.randomShape, data }, { label: `random:${f.randomSeed}, Gaussian ${what}, row norm ${norm} (mean resid_pre norm of the prompt over every block, 6 significant digits)`, norm });
    }
    case 'geometric': {
      targetBuilding('building the seed’s geometric table (one forward pass per anchor token)…');
      const g = await lab().geometricTarget({ seed: f.geoSeed });
      return done(
        { kind: 'table', data: g.table },
        {
          label:
            `geometric:${f.geoSeed}, table [${V}, ${D}]: ${g.anchors.length} anchors, n_geo ${g.nGeo}, static-embedding cosine similarity (${g.embedding}), ` +
            `Procrustes onto the residual PCA (alignment cos ${sig5(g.alignmentCos)}), scale ${sig5(g.scale)} = 0.1 x mean anchor final-state norm`,
          alignmentCos: g.alignmentCos,
        },
      );
    }
    case 'steering': {
      const layer = f.steerLayer;
      if (!Number.isInteger(layer) || layer < 0 || layer >= shape.nBlocks) throw new Error(`the steering block must be in 0..${shape.nBlocks - 1}`);
      const toIds = async (text: string, which: string) => {
        const set = parseSteerSet(text, which, hasTokenizer);
        return 'ids' in set ? set.ids : Promise.all(set.texts.map(async (t) => (await lab().tokenize(t)).ids));
      };
      const [a, b] = [await toIds(f.steerA, 'A'), await toIds(f.steerB, 'B')];
      targetBuilding(`averaging resid_pre of block ${layer} over ${a.length} + ${b.length} prompts`);
      const [sa, sb] = [await lab().residualStats(a, [layer]), await lab().residualStats(b, [layer])];
      const data = Float32Array.from(sa.means[0], (v, j) => v - sb.means[0][j]);
      return done({ kind: 'vector', data }, { label: `steering vector [${D}] at block ${layer}: mean resid_pre of set A (${a.length} prompts, ${sa.tokens} tokens) minus set B (${b.length} prompts, ${sb.tokens} tokens)` });
    }
    case 'file': {
      if (!s.file || fileValue?.key !== key) throw new Error('choose a target file (.json or .npy) of shape [d_model] or [vocab, d_model]');
      return done(fileValue.value, { label: `file ${s.file.name}, ${s.file.kind} [${s.file.shape.join(', ')}]` });
    }
  }
}

/** The caption of a field modulation (there is no target to build). */
export const fieldLabel = (seed: number): string => `Geometric Field Modulator (seed 05 §12), weights seed ${seed}: experts k = 1, 2, 4, alphas clamped to [0.001, 0.35]`;

/** What the request modulates with: the built lerp target, or the field modulator of the form's seed. */
async function modulationOf(s: ModulatorState, ids: number[], hasTokenizer: boolean): Promise<{ value: Modulation; label: string }> {
  if (s.modType === 'field') {
    if (!Number.isInteger(s.fieldSeed)) throw new Error('the field modulator’s seed must be a whole number');
    return { value: { kind: 'field', seed: s.fieldSeed }, label: fieldLabel(s.fieldSeed) };
  }
  const value = await ensureTarget(s, ids, hasTokenizer);
  return { value, label: useModulator.getState().built?.label ?? '' };
}

/** Build the target now (the form's button); requests build it on demand anyway. */
export async function buildTargetNow(): Promise<void> {
  const s = useModulator.getState();
  const model = useLab.getState().model;
  if (!model || !s.shape) return;
  try {
    await ensureTarget(s, await promptIds(s, model.hasTokenizer), model.hasTokenizer);
  } catch (e) {
    targetFailed(message(e));
  }
}

/** Read, validate and keep an uploaded target; a wrong shape is refused with the expected one. */
export async function loadTargetFile(file: File): Promise<void> {
  const s = useModulator.getState();
  if (!s.shape) return;
  try {
    const f = parseTargetFile(file.name, await file.arrayBuffer(), { dModel: s.shape.dModel, vocabSize: s.shape.vocabSize });
    const stamp = Date.now();
    fileValue = { key: targetKey({ ...s.target, choice: 'file' }, [], { name: file.name, bytes: file.size, stamp }), value: { kind: f.kind, data: f.data } };
    fileTargetAccepted({ name: file.name, bytes: file.size, stamp, kind: f.kind, shape: f.shape });
  } catch (e) {
    fileValue = null;
    fileTargetRejected(message(e));
  }
}

let requestNo = 0;
let inflight: string | null = null;

function checkDecoding(s: ModulatorState): void {
  if (!Number.isInteger(s.maxNewTokens) || s.maxNewTokens < 1 || s.maxNewTokens > 1024) throw new Error('max new tokens must be a whole number from 1 to 1024');
  if (!Number.isFinite(s.temperature) || s.temperature < 0) throw new Error('temperature must be a number >= 0 (0 = greedy)');
  if (s.temperature > 0 && !Number.isInteger(s.seed)) throw new Error('the sampling seed must be a whole number');
}

function summarize(no: number, s: ModulatorState, r: ModulationResult, label: string): ModulationView {
  return {
    requestNo: no,
    alphas: r.alphas,
    promptIds: r.ids,
    prompt: s.prompt,
    stack: r.stack,
    original: r.original,
    modulated: r.modulated,
    tokenDifference: r.tokenDifference,
    impact: r.impact,
    target: label,
    temperature: s.temperature,
    seed: s.seed,
    ms: r.ms,
    originalCached: r.originalCached,
    ...(r.field ? { field: r.field } : {}),
  };
}

/**
 * Run the modulation the form describes now. A newer call supersedes this one: its worker job is
 * cancelled and its result, if it still comes, is dropped.
 */
export async function modulateNow(): Promise<void> {
  const s = useModulator.getState();
  const model = useLab.getState().model;
  if (!model || !s.shape || s.sweep.running || useLab.getState().lockedBy) return;
  const no = ++requestNo;
  const alphas = alphasFor(s);
  requestStarted(no, alphas);
  if (inflight) void lab().cancel(inflight).catch(() => undefined);
  const jobId = newJobId('modulate');
  inflight = jobId;
  try {
    checkDecoding(s);
    const ids = await promptIds(s, model.hasTokenizer);
    const { value, label } = await modulationOf(s, ids, model.hasTokenizer);
    if (no !== requestNo) return;
    const req = { ids, alphas, target: value, maxNewTokens: s.maxNewTokens, temperature: s.temperature, seed: s.seed };
    const r = await lab().modulate(req, jobId);
    if (no !== requestNo) return;
    resultArrived(summarize(no, s, r, label));
  } catch (e) {
    if (no !== requestNo) return;
    if (isCancelled(e)) requestEnded(no);
    else requestFailed(no, message(e));
  } finally {
    if (inflight === jobId) inflight = null;
  }
}

let sweepJob: string | null = null;
let sweepCancelled = false;

/** Run every alpha of the sweep list at the selected blocks, in order, with the current target and decoding. */
export async function runSweep(): Promise<void> {
  const s = useModulator.getState();
  const model = useLab.getState().model;
  if (!model || !s.shape || s.sweep.running) return;
  let alphaList: number[];
  let ids: number[];
  let value: Modulation;
  let label: string;
  const blocks = selectedBlocks(s.blocks);
  try {
    if (blocks.length === 0) throw new Error('select at least one block to modulate');
    alphaList = parseAlphaList(s.sweep.alphasText);
    checkDecoding(s);
    ids = await promptIds(s, model.hasTokenizer);
    ({ value, label } = await modulationOf(s, ids, model.hasTokenizer));
    // The field modulator clamps alpha; a swept value it would move would be plotted at the wrong alpha.
    const moved = value.kind === 'field' ? alphaList.filter((a) => a !== 0 && (a < FIELD_DEFAULTS.alphaMin || a > FIELD_DEFAULTS.alphaMax)) : [];
    if (moved.length) throw new Error(`the field modulator clamps alpha to [${FIELD_DEFAULTS.alphaMin}, ${FIELD_DEFAULTS.alphaMax}] (0 = off): ${moved.join(', ')} would run at the clamp; take ${moved.length === 1 ? 'it' : 'them'} out of the sweep`);
  } catch (e) {
    sweepFailed(message(e));
    return;
  }
  // A slider request in flight would supersede the sweep's runs (or be superseded): retire it first.
  requestNo++;
  requestEnded(useModulator.getState().pending?.requestNo ?? -1);
  if (inflight) void lab().cancel(inflight).catch(() => undefined);
  sweepCancelled = false;
  sweepStarted(alphaList.length, {
    model: sourceLabel(model.source),
    target: label,
    blocks,
    nBlocks: s.shape.nBlocks,
    stack: s.shape.stack,
    prompt: s.prompt,
    promptIds: ids,
    maxNewTokens: s.maxNewTokens,
    temperature: s.temperature,
    seed: s.seed,
    originalIds: [],
  });
  try {
    for (const [k, alpha] of alphaList.entries()) {
      if (sweepCancelled) return sweepEnded(`Sweep cancelled after ${k} of ${alphaList.length} alphas.`);
      sweepJob = newJobId('modulator-sweep');
      const alphas = s.blocks.map((on) => (on ? alpha : 0));
      const r = await lab().modulate({ ids, alphas, target: value, maxNewTokens: s.maxNewTokens, temperature: s.temperature, seed: s.seed }, sweepJob);
      sweepRowDone(sweepRow(alpha, r), r.original.ids);
    }
    sweepEnded(null);
  } catch (e) {
    if (isCancelled(e)) sweepEnded(`Sweep cancelled after ${useModulator.getState().sweep.done} of ${alphaList.length} alphas.`);
    else sweepFailed(message(e));
  } finally {
    sweepJob = null;
  }
}

export function cancelSweep(): void {
  if (!useModulator.getState().sweep.running) return;
  sweepCancelled = true;
  sweepCancelling();
  if (sweepJob) void lab().cancel(sweepJob).catch(() => undefined);
}

/** The manifest of the loaded model (for the sweep's JSON export), or null. */
export function currentManifest(): unknown {
  const m = useLab.getState().model;
  return m ? manifestFor(m) : null;
}
