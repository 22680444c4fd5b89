/**
 * The study's summaries and statistics, derived from StudyModels with the lab's statistics
 * modules (analysis/stats.ts, analysis/h25.ts). Pure: panels call these through study-view.ts.
 * An undefined statistic stays `{ ok: false, reason }` all the way to the screen.
 */
import { describe, type Undefined } from '../analysis/stats';
import { acrossModelStats, gainVsOne, type AcrossModelStats, type GainVsOne } from '../analysis/study-stats';
import type { GainDefinitionId } from '../analysis/definitions';
import { fieldValues, type StudyModel } from './study-model';
import type { GainField, StudyField } from './study-fields';

/** mean ± std of one field for one model: from per-prompt values (ddof = 1), or as a file states it. */
export type SummaryCell =
  | { ok: true; mean: number; std: number | null; n: number; ddof: 0 | 1 | null; given: boolean }
  | Undefined;

export function summarizeField(m: StudyModel, f: StudyField): SummaryCell {
  const xs = fieldValues(m, f);
  if (xs.length > 0) {
    const d = describe(xs);
    return d.ok ? { ok: true, mean: d.mean, std: d.stdSample, n: d.n, ddof: 1, given: false } : d;
  }
  const g = m.given[f];
  if (g) return { ok: true, mean: g.mean, std: g.std, n: g.n ?? 0, ddof: g.ddof, given: true };
  if (m.origin.kind === 'import') return { ok: false, reason: 'not in the imported file' };
  if (f === 'G_hf_penult' && m.arch.nLayers === 1) return { ok: false, reason: 'needs L >= 2 blocks' };
  return { ok: false, reason: m.prompts.length === 0 ? 'no prompts measured yet' : 'not measured' };
}

/** The H25 and plotting definitions a statistics field maps to. */
export const STAT_FIELDS: readonly GainField[] = ['G_block_last', 'G_hf_last', 'G_hf_penult'];
const H25_DEFINITION: Record<GainField, GainDefinitionId | null> = { G_block_last: 'G_block', G_hf_last: 'G_hf_last', G_hf_penult: 'G_hf_penult', total: null };

export interface ModelStats extends GainVsOne {
  key: string;
  label: string;
}

export function modelStats(m: StudyModel, f: GainField): ModelStats {
  const noValues = m.origin.kind === 'import' ? 'the file has no per-prompt values of this definition' : 'no prompts measured yet';
  const pairs = m.prompts.flatMap((p) => (p[f] !== null && p.entropyNats !== null ? [[p.entropyNats, p[f] as number] as const] : []));
  return { key: m.key, label: m.label, ...gainVsOne(fieldValues(m, f), pairs, noValues) };
}

/** A model's point for the across-model statistics: rho and its mean G. */
export interface ModelPoint {
  key: string;
  label: string;
  rho: number;
  mean: number;
  std: number | null;
  normType: string | null;
}

export function modelPoints(models: readonly StudyModel[], f: GainField): { points: ModelPoint[]; left: { label: string; reason: string }[] } {
  const points: ModelPoint[] = [];
  const left: { label: string; reason: string }[] = [];
  for (const m of models) {
    const s = summarizeField(m, f);
    if (m.arch.rho === null) left.push({ label: m.label, reason: 'rho unknown' });
    else if (!s.ok) left.push({ label: m.label, reason: s.reason });
    else points.push({ key: m.key, label: m.label, rho: m.arch.rho, mean: s.mean, std: s.std, normType: m.arch.normType });
  }
  return { points, left };
}

export interface AcrossModels extends AcrossModelStats {
  field: GainField;
  points: ModelPoint[];
  /** models without rho or a value, with why */
  left: { label: string; reason: string }[];
}

export function acrossModels(models: readonly StudyModel[], f: GainField, threshold: number): AcrossModels {
  const { points, left } = modelPoints(models, f);
  const stats = acrossModelStats(points.map((p) => ({ name: p.label, rho: p.rho, mean: p.mean })), H25_DEFINITION[f], threshold);
  return { field: f, points, left, ...stats };
}

/** Per-layer G_block(i): mean and sample std over prompts, for models with per-prompt layer values. */
export function perLayer(m: StudyModel): { mean: number[]; std: (number | null)[] } | null {
  const rows = m.prompts.flatMap((p) => (p.G_block ? [p.G_block] : []));
  if (rows.length === 0) return null;
  const L = rows[0].length;
  const mean: number[] = [];
  const std: (number | null)[] = [];
  for (let i = 0; i < L; i++) {
    const d = describe(rows.map((r) => r[i]));
    mean.push(d.ok ? d.mean : NaN);
    std.push(d.ok ? d.stdSample : null);
  }
  return { mean, std };
}
