/**
 * One shape for every model in a study, swept in the browser or imported from a seed notebook's
 * file: architecture facts and per-prompt values, each quantity null where the source does not
 * give it. The table, statistics and figures read only this shape (pure; no React).
 */
import type { TokenPosition } from '../analysis/aggregate';
import type { ModelRun, ModelRunStatus, RunConfig } from './study-store';
import type { StudyField } from './study-fields';

/** One prompt's values for one model. */
export interface StudyPromptValues {
  /** index in the run's prompt set (swept) or row order in the file (imported) */
  index: number;
  prompt: string;
  category: string | null;
  G_hf_last: number | null;
  G_hf_penult: number | null;
  G_block_last: number | null;
  total: number | null;
  entropyNats: number | null;
  /** [L] G_block(i), i = 0..L-1 (swept models only) */
  G_block: number[] | null;
  topToken: string | null;
  topProb: number | null;
  /** the prompt had this many ids; only the last ones that fit the context were measured */ truncatedFrom?: number;
}

export interface StudyArch {
  family: string | null;
  nLayers: number | null;
  dModel: number | null;
  nHeads: number | null;
  dHead: number | null;
  /** n_heads / d_head */
  rho: number | null;
  normType: string | null;
  residual: string | null;
}

/** A summary an imported file states without per-prompt values (seed 02's gain_with_ln_mean/std). */
export interface GivenSummary {
  mean: number;
  /** as the file states it, with the ddof the notebook used */
  std: number | null;
  ddof: 0 | 1 | null;
  n: number | null;
}

/** A per-layer curve an imported file gives as means over prompts (seeds 01 and 02: all_layer_gains). */
export interface GivenLayerCurve {
  /** what each point is, in the lab's names */
  definition: string;
  values: number[];
}

export type StudyOrigin =
  | { kind: 'sweep'; status: ModelRunStatus; error?: string; ep?: string; tokenization?: 'tokenizer' | 'utf8-bytes' }
  | { kind: 'import'; file: string; note?: string };

export interface StudyModel {
  /** unique: a swept model's source label, an imported model's `file#name` */
  key: string;
  /** short name for figures and table rows */
  label: string;
  origin: StudyOrigin;
  position: TokenPosition | null;
  arch: StudyArch;
  /** measured prompts, in prompt-set order */
  prompts: StudyPromptValues[];
  /** summaries a file states for fields it has no per-prompt values of */
  given: Partial<Record<StudyField, GivenSummary>>;
  layerCurve: GivenLayerCurve | null;
}

export const EMPTY_ARCH: StudyArch = { family: null, nLayers: null, dModel: null, nHeads: null, dHead: null, rho: null, normType: null, residual: null };

/** A short label for figures: the repo's name or the checkpoint file. */
export function shortLabel(key: string): string {
  const clean = key.replace(/^hf:\/\//, '').replace(/@main(?=\/|$)/, '');
  const parts = clean.split('/').filter(Boolean);
  if (parts.length <= 2) return parts.join('/');
  return parts[parts.length - 1].replace(/\.bin$/, '') || clean;
}

/** The run's measured rows of one model as a StudyModel. */
export function fromRun(run: ModelRun, config: RunConfig): StudyModel {
  const c = run.card;
  const prompts: StudyPromptValues[] = [];
  run.rows.forEach((r, index) => {
    if (!r) return;
    prompts.push({
      index,
      prompt: r.prompt,
      category: r.category ?? config.prompts[index]?.category ?? null,
      G_hf_last: r.G_hf_last,
      G_hf_penult: r.G_hf_penult,
      G_block_last: r.G_block_last,
      total: r.total,
      entropyNats: r.entropyNats,
      G_block: r.G_block,
      topToken: r.topToken,
      topProb: r.topProb,
      ...(r.truncatedFrom !== undefined ? { truncatedFrom: r.truncatedFrom } : {}),
    });
  });
  return {
    key: run.key,
    label: shortLabel(run.key),
    origin: { kind: 'sweep', status: run.status, ...(run.error ? { error: run.error } : {}), ...(run.ep ? { ep: run.ep } : {}), ...(run.tokenization ? { tokenization: run.tokenization } : {}) },
    position: config.position,
    arch: c
      ? { family: c.family, nLayers: c.nLayers, dModel: c.dModel, nHeads: c.nHeads, dHead: c.dHead, rho: c.rho, normType: c.normType, residual: c.residual }
      : EMPTY_ARCH,
    prompts,
    given: {},
    layerCurve: null,
  };
}

/** The values of `field` over a model's prompts (nulls dropped). */
export function fieldValues(m: StudyModel, field: StudyField): number[] {
  return m.prompts.flatMap((p) => (p[field] === null ? [] : [p[field] as number]));
}
