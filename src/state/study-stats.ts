/**
 * The study's summaries and statistics, derived from StudyModels with the lab's statistics
 * modules (analysis/stats.ts, analysis/h25.ts). Pure: panels call these through study-view.ts.
 * An undefined statistic stays `{ ok: false, reason }` all the way to the screen.
 */
import { describe, linregress, pearson, spearman, tTestOneSample, type CorrelationResult, type LineFit, type SpearmanResult, type TTestResult, type Undefined } from '../analysis/stats';
import { evaluateH25, type H25Result } from '../analysis/h25';
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

export interface ModelStats {
  key: string;
  label: string;
  /** one-sided t-test of mean G against 1.0, H1: G < 1 (dampening) */
  tLess: TTestResult | Undefined;
  /** the same data, H1: G > 1 (expansion) */
  tGreater: TTestResult | Undefined;
  /** seed 03's "Bentov law": entropy vs |G - 1| over prompts, two-sided */
  bentovPearson: CorrelationResult | Undefined;
  bentovSpearman: SpearmanResult | Undefined;
  /** prompts with both entropy and G */
  nPairs: number;
}

export function modelStats(m: StudyModel, f: GainField): ModelStats {
  const xs = fieldValues(m, f);
  const noValues: Undefined = { ok: false, reason: m.origin.kind === 'import' ? 'the file has no per-prompt values of this definition' : 'no prompts measured yet' };
  const pairs = m.prompts.flatMap((p) => (p[f] !== null && p.entropyNats !== null ? [[p.entropyNats, Math.abs((p[f] as number) - 1)] as const] : []));
  const ent = pairs.map((p) => p[0]);
  const dev = pairs.map((p) => p[1]);
  const noPairs: Undefined = { ok: false, reason: 'no prompts with both entropy and this gain' };
  return {
    key: m.key,
    label: m.label,
    tLess: xs.length ? tTestOneSample(xs, 1, 'less') : noValues,
    tGreater: xs.length ? tTestOneSample(xs, 1, 'greater') : noValues,
    bentovPearson: pairs.length ? pearson(ent, dev) : noPairs,
    bentovSpearman: pairs.length ? spearman(ent, dev) : noPairs,
    nPairs: pairs.length,
  };
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

export interface AcrossModels {
  field: GainField;
  points: ModelPoint[];
  /** models without rho or a value, with why */
  left: { label: string; reason: string }[];
  /** mean G on rho, least squares (scipy.stats.linregress), two-sided p of the slope */
  regression: LineFit | Undefined;
  h25: H25Result | Undefined;
}

export function acrossModels(models: readonly StudyModel[], f: GainField, threshold: number): AcrossModels {
  const { points, left } = modelPoints(models, f);
  const def = H25_DEFINITION[f];
  const none: Undefined = { ok: false, reason: 'no model has both rho and a value of this definition' };
  return {
    field: f,
    points,
    left,
    regression: points.length
      ? linregress(
          points.map((p) => p.rho),
          points.map((p) => p.mean),
        )
      : none,
    h25:
      def === null
        ? { ok: false, reason: 'H25 is stated for a gain definition, not for total amplification' }
        : points.length
          ? evaluateH25(
              points.map((p) => ({ name: p.label, rho: p.rho, gain: { definition: def, value: p.mean } })),
              { threshold },
            )
          : none,
  };
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
