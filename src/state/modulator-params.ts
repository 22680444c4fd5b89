/**
 * The Modulator view's parameters as plain functions (no worker, no DOM): the alphas a request sends,
 * the sweep's alpha list, the random target's scale rule, and the key that says whether a built target
 * still matches the form. Tested in modulator-params.test.ts.
 */
import { SEED_ALPHA_PRESETS } from '../analysis/modulation/alpha';
import { randomGaussianTarget } from '../analysis/modulation/random';
import { parsePromptText } from '../io/prompt-sets';
import { parseTokenIds } from './token-ids';
import { FIELD_DEFAULTS } from '../analysis/modulation/field/config';

/** A slider value moved into the field modulator's clamp range [0.001, 0.35] (0, "off", stays 0). */
export function clampFieldAlpha(v: number): number {
  return v === 0 ? 0 : Math.min(FIELD_DEFAULTS.alphaMax, Math.max(FIELD_DEFAULTS.alphaMin, v));
}

/** The sweep's default alphas: 0 (the original, a check that nothing moves) and the seed's presets. */
export const DEFAULT_SWEEP_ALPHAS: readonly number[] = [0, ...SEED_ALPHA_PRESETS];

/** The field modulator's default sweep: the seed's presets inside its clamp, then the clamp itself. */
export const FIELD_SWEEP_ALPHAS: readonly number[] = [0, ...SEED_ALPHA_PRESETS.filter((a) => a <= 0.35), 0.35];

/**
 * A slider value as the request sends it: the seed's presets exactly, anything else to 4 decimals
 * (a dragged range input gives pixel-sized fractions that would make every request key unique).
 */
export function quantizeAlpha(v: number): number {
  if (!Number.isFinite(v)) return 0;
  const c = Math.min(1, Math.max(0, v));
  const preset = SEED_ALPHA_PRESETS.find((p) => Math.abs(p - c) < 1e-9);
  return preset ?? Math.round(c * 1e4) / 1e4;
}

export interface AlphaForm {
  /** one alpha for every selected block, or each block its own */ linked: boolean;
  /** the linked value */ alpha: number;
  /** [n_blocks] the per-block values (used when not linked) */ own: number[];
  /** [n_blocks] the blocks whose input is modulated */ blocks: boolean[];
}

/** [n_blocks] alpha per block as the engine takes it: 0 at every block not selected. */
export function alphasFor(f: AlphaForm): number[] {
  return f.blocks.map((on, i) => (on ? (f.linked ? f.alpha : (f.own[i] ?? 0)) : 0));
}

/** The selected block indices. */
export const selectedBlocks = (blocks: readonly boolean[]): number[] => blocks.flatMap((on, i) => (on ? [i] : []));

/** A stable text for an alpha vector: how the rendered continuation names the request it shows. */
export const alphasKey = (alphas: readonly number[]): string => alphas.map(String).join(',');

/** "0, 0.01, 0.05" (commas and/or spaces) -> numbers in [0, 1], in the order given, duplicates dropped. */
export function parseAlphaList(text: string): number[] {
  const pieces = text.split(/[\s,;]+/).filter(Boolean);
  if (pieces.length === 0) throw new Error('the sweep needs at least one alpha (numbers in [0, 1] separated by commas)');
  const out: number[] = [];
  for (const p of pieces) {
    const v = Number(p);
    if (!Number.isFinite(v) || v < 0 || v > 1) throw new Error(`'${p}' is not an alpha: each must be a number in [0, 1]`);
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** x rounded to `n` significant digits (Python's float(f"{x:.{n-1}e}")). */
export function roundSig(x: number, n = 6): number {
  return Number(x.toExponential(n - 1));
}

/**
 * The random target's row norm: the mean L2 norm of the unmodulated resid_pre over every block and
 * every prompt token, to 6 significant digits. All blocks, not only the modulated ones, so choosing
 * blocks does not change the target; the same rule as scripts/reference_modulate.py, so the UI
 * rebuilds the fixture's target bit for bit.
 */
export const randomTargetNorm = (meanResidNorm: number): number => roundSig(meanResidNorm, 6);

/** [d_model] or [vocab, d_model] float32: the seeded Gaussian of analysis/modulation/random.ts at that norm. */
export function randomTarget(o: { seed: number; shape: 'vector' | 'table'; dModel: number; vocabSize: number; norm: number }): Float32Array {
  return randomGaussianTarget({ seed: o.seed, dModel: o.dModel, rows: o.shape === 'table' ? o.vocabSize : 1, norm: o.norm });
}

/**
 * One steering prompt set typed one prompt a line: text lines for a model with a tokenizer, lines of
 * token ids for one without. Errors name the set and the line.
 */
export function parseSteerSet(text: string, which: string, hasTokenizer: boolean): { texts: string[] } | { ids: number[][] } {
  let entries;
  try {
    entries = parsePromptText(text);
  } catch (e) {
    throw new Error(`steering set ${which}: ${(e as Error).message}`);
  }
  if (hasTokenizer) return { texts: entries.map((e) => e.text) };
  return {
    ids: entries.map((e, i) => {
      try {
        return parseTokenIds(e.text);
      } catch (err) {
        throw new Error(`steering set ${which}, prompt ${i + 1}: ${(err as Error).message}`);
      }
    }),
  };
}

export type TargetChoice = 'random' | 'geometric' | 'steering' | 'file';

export interface TargetForm {
  choice: TargetChoice;
  randomSeed: number;
  /** [d_model] one vector for every position, or a [vocab, d_model] table gathered by token id */ randomShape: 'vector' | 'table';
  geoSeed: number;
  /** prompt set A and B, one prompt a line (token ids for models without a tokenizer) */ steerA: string;
  steerB: string;
  /** the block whose resid_pre is averaged */ steerLayer: number;
}

/**
 * What a built target depends on: the form fields of its kind, and for a random target the prompt
 * (its scale is measured on the prompt). A built target whose key differs is rebuilt.
 */
export function targetKey(f: TargetForm, promptIds: readonly number[], file: { name: string; bytes: number; stamp: number } | null): string {
  switch (f.choice) {
    case 'random':
      return `random:${f.randomSeed}:${f.randomShape}:${promptIds.join(',')}`;
    case 'geometric':
      return `geometric:${f.geoSeed}`;
    case 'steering':
      return `steering:${f.steerLayer}:${JSON.stringify([f.steerA, f.steerB])}`;
    case 'file':
      return file ? `file:${file.name}:${file.bytes}:${file.stamp}` : 'file:none';
  }
}
