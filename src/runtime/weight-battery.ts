/**
 * The weight battery over a model's catalog (issue 6): every matrix's singular values and metrics
 * with its ESD fit, the QK manifold per layer and head, MLP neurons, norm-gain statistics and seed
 * 04's adjacent-layer null test. Matrices are read one at a time from a WeightSource (the Lab
 * in-thread, or the model worker through a port); progress per matrix; cancel between matrices
 * and inside each singular-value computation.
 */
import type { WeightListing } from './lab';
import type { WeightKind } from '../model/weights/catalog';
import { singularValues } from '../linalg/cpu/singular-values';
import {
  esdFit, matrixReport, mlpNeurons, normGainStats, nullTest, qkManifold,
  type EsdFit, type Matrix, type MatrixReport, type MlpNeurons, type NormGainStats, type NullTestResult, type QkLayer,
} from '../analysis/weights';
import { CancelledError, yieldToEvents, type ProgressFn } from './jobs';

export const WEIGHT_BATTERY_FORMAT = 'residual-lab/weights@1';

/** Where the battery reads weights: the catalog listing and one weight's values at a time. */
export interface WeightSource {
  listing(): WeightListing | Promise<WeightListing>;
  /** [rows, cols] row-major float32 ([cols] for a norm vector) */
  read(name: string): Float32Array | Promise<Float32Array>;
}

export interface MatrixResult {
  name: string;
  kind: WeightKind;
  layer: number | null;
  stack: string;
  rows: number;
  cols: number;
  source: string;
  /** all min(rows, cols) singular values, descending (W = U diag(s) V^T) */
  singularValues: Float64Array;
  report: MatrixReport;
  esd: EsdFit;
  /** wall time of the singular values */
  svdMs: number;
}

export interface WeightBatteryResult {
  format: typeof WEIGHT_BATTERY_FORMAT;
  layout: string;
  notes: string[];
  matrices: MatrixResult[];
  /** norm gains by catalog name */
  norms: Record<string, NormGainStats>;
  /** per stack and layer; key `${stack}${layer}` */
  qk: { stack: string; layer: number; result: QkLayer }[];
  mlp: { stack: string; layer: number; result: MlpNeurons }[];
  /** seed 04 per family across layers, for the main stack (decoder-only: the model; T5: the decoder) */
  nullTest: NullTestResult | null;
  nullTestStack: string;
  /** seed 04 for every stack ('' for a decoder-only model; 'encoder' and 'decoder' for T5) */
  nullTestsByStack: Record<string, NullTestResult>;
  /** skipped parts and why */
  skipped: string[];
  timing: { svdMs: number; totalMs: number };
}

export interface WeightBatteryOptions {
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** only these catalog names (default: all) */
  only?: readonly string[];
}

const MATRIX_KINDS: ReadonlySet<WeightKind> = new Set(['embed', 'pos_embed', 'unembed', 'wq', 'wk', 'wv', 'wo', 'cross_wq', 'cross_wk', 'cross_wv', 'cross_wo', 'mlp_in', 'mlp_gate', 'mlp_out']);
/** Seed 04's families, in its order: projections, cross-attention (T5 decoder), MLP, then the norm gains as [d, 1]. */
const NULL_TEST_KINDS: readonly WeightKind[] = ['wq', 'wk', 'wv', 'wo', 'cross_wq', 'cross_wk', 'cross_wv', 'cross_wo', 'mlp_gate', 'mlp_in', 'mlp_out', 'ln_attn', 'ln_cross', 'ln_mlp'];

function checkCancel(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError('weight battery');
}

/** Run the weight battery; `opts.signal` cancels it (a CancelledError). */
export async function runWeightBattery(src: WeightSource, opts: WeightBatteryOptions = {}): Promise<WeightBatteryResult> {
  const t0 = performance.now();
  const listing = await src.listing();
  const { card } = listing;
  const wanted = opts.only ? new Set(opts.only) : null;
  const entries = listing.entries.filter((e) => !wanted || wanted.has(e.name));
  const matrixEntries = entries.filter((e) => MATRIX_KINDS.has(e.kind));
  const normEntries = entries.filter((e) => !MATRIX_KINDS.has(e.kind));
  const result: WeightBatteryResult = {
    format: WEIGHT_BATTERY_FORMAT, layout: listing.layout, notes: listing.notes, matrices: [], norms: {}, qk: [], mlp: [],
    nullTest: null, nullTestStack: '', nullTestsByStack: {}, skipped: [], timing: { svdMs: 0, totalMs: 0 },
  };
  // Matrices the per-layer analyses and the null test need, kept until the end.
  const stacks = [...new Set(entries.map((e) => e.stack))];
  const nullStack = stacks.includes('decoder') ? 'decoder' : stacks.includes('') ? '' : stacks[0];
  const keep = new Map<string, Matrix>();
  const keepFor = (e: (typeof entries)[number]) => e.layer !== null && (NULL_TEST_KINDS.includes(e.kind) || e.kind === 'wq' || e.kind === 'wk');

  const steps = matrixEntries.length + 2;
  for (const [i, e] of matrixEntries.entries()) {
    await yieldToEvents();
    checkCancel(opts.signal);
    opts.onProgress?.({ stage: 'weights', message: `singular values of ${e.name} (${e.rows}x${e.cols}), ${i + 1} of ${matrixEntries.length}`, fraction: i / steps });
    const data = await src.read(e.name);
    const m: Matrix = { data, rows: e.rows, cols: e.cols };
    const t = performance.now();
    let s: Float64Array;
    try {
      s = singularValues(data, e.rows, e.cols, { signal: opts.signal });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw new CancelledError('weight battery');
      throw err;
    }
    const svdMs = performance.now() - t;
    result.timing.svdMs += svdMs;
    result.matrices.push({ name: e.name, kind: e.kind, layer: e.layer, stack: e.stack, rows: e.rows, cols: e.cols, source: e.source, singularValues: s, report: matrixReport(m, s), esd: esdFit(s, e.rows, e.cols), svdMs });
    if (keepFor(e)) keep.set(e.name, m);
  }
  for (const e of normEntries) {
    checkCancel(opts.signal);
    const g = await src.read(e.name);
    result.norms[e.name] = normGainStats(g);
    // Seed 04 compares norm gains across layers as [d, 1] matrices.
    if (keepFor(e)) keep.set(e.name, { data: g, rows: g.length, cols: 1 });
  }

  opts.onProgress?.({ stage: 'weights', message: 'QK manifold and MLP neurons per layer', fraction: matrixEntries.length / steps });
  await yieldToEvents();
  checkCancel(opts.signal);
  const byName = (stack: string, kind: WeightKind, layer: number) => keep.get(stack ? `${stack}.${kind}.${layer}` : `${kind}.${layer}`);
  for (const stack of stacks) {
    const layers = [...new Set(entries.filter((e) => e.stack === stack && e.layer !== null).map((e) => e.layer!))].sort((a, b) => a - b);
    for (const layer of layers) {
      const wq = byName(stack, 'wq', layer);
      const wk = byName(stack, 'wk', layer);
      if (wq && wk) result.qk.push({ stack, layer, result: qkManifold(wq, wk, card.nHeads, card.nKvHeads, card.dHead) });
      const mi = byName(stack, 'mlp_in', layer);
      const mo = byName(stack, 'mlp_out', layer);
      if (mi && mo) result.mlp.push({ stack, layer, result: mlpNeurons(mi, mo, byName(stack, 'mlp_gate', layer) ?? null) });
    }
  }

  opts.onProgress?.({ stage: 'weights', message: 'adjacent-layer null test', fraction: (matrixEntries.length + 1) / steps });
  await yieldToEvents();
  checkCancel(opts.signal);
  for (const stack of stacks) {
    const families: Record<string, Matrix[]> = {};
    for (const kind of NULL_TEST_KINDS) {
      const ms = entries.filter((e) => e.stack === stack && e.kind === kind && e.layer !== null).sort((a, b) => a.layer! - b.layer!).map((e) => keep.get(e.name)!).filter(Boolean);
      if (ms.length >= 2) families[kind] = ms;
    }
    if (Object.keys(families).length) result.nullTestsByStack[stack] = nullTest(families);
    else result.skipped.push(`null test${stack ? ` (${stack})` : ''}: fewer than two layers of any family`);
  }
  result.nullTest = result.nullTestsByStack[nullStack] ?? null;
  result.nullTestStack = nullStack;
  result.timing.totalMs = performance.now() - t0;
  opts.onProgress?.({ stage: 'weights', message: 'weight battery done', fraction: 1 });
  return result;
}

/** JSON with typed arrays as plain arrays (and non-finite numbers as strings, so nothing silently becomes null). */
export function batteryJson(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    (_k, v: unknown) => {
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      return v;
    },
    space,
  );
}
