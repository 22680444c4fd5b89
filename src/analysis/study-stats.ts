/**
 * The statistics of a study, assembled once for the CLI and the Study view: per model, one-sided
 * t-tests of a gain against 1 and seed 03's entropy vs |G - 1| correlations; across models, the
 * regression of G on rho and the H25 verdict. Every entry names the gain definition it used;
 * anything undefined stays `{ ok: false, reason }`.
 */
import type { GainDefinitionId } from './definitions';
import type { PromptRow, TokenPosition } from './aggregate';
import { tTestOneSample, pearson, spearman, linregress, type CorrelationResult, type LineFit, type SpearmanResult, type TTestResult, type Undefined } from './stats';
import { evaluateH25, type H25Result } from './h25';

export interface GainVsOne {
  /** H1: mean G < 1 (dampening) */ tLess: TTestResult | Undefined;
  /** H1: mean G > 1 (expansion) */ tGreater: TTestResult | Undefined;
  /** seed 03's "Bentov law": entropy vs |G - 1| over prompts, two-sided */
  bentovPearson: CorrelationResult | Undefined;
  bentovSpearman: SpearmanResult | Undefined;
  /** prompts with both entropy and G */ nPairs: number;
}

/** One model's tests from its per-prompt gains and its (entropy, gain) pairs. */
export function gainVsOne(gains: readonly number[], pairs: readonly (readonly [entropy: number, gain: number])[], noValues = 'no prompts measured yet'): GainVsOne {
  const none: Undefined = { ok: false, reason: noValues };
  const noPairs: Undefined = { ok: false, reason: 'no prompts with both entropy and this gain' };
  const ent = pairs.map((p) => p[0]);
  const dev = pairs.map((p) => Math.abs(p[1] - 1));
  return {
    tLess: gains.length ? tTestOneSample(gains, 1, 'less') : none,
    tGreater: gains.length ? tTestOneSample(gains, 1, 'greater') : none,
    bentovPearson: pairs.length ? pearson(ent, dev) : noPairs,
    bentovSpearman: pairs.length ? spearman(ent, dev) : noPairs,
    nPairs: pairs.length,
  };
}

export interface AcrossModelStats {
  /** mean G on rho, least squares (scipy.stats.linregress), two-sided p of the slope */
  regression: LineFit | Undefined;
  h25: H25Result | Undefined;
}

/** Regression of mean G on rho and the H25 verdict over models' points; `definition` null for total amplification. */
export function acrossModelStats(points: readonly { name: string; rho: number; mean: number }[], definition: GainDefinitionId | null, threshold?: number): AcrossModelStats {
  const none: Undefined = { ok: false, reason: 'no model has both rho and a value of this definition' };
  if (!points.length) return { regression: none, h25: none };
  return {
    regression: linregress(points.map((p) => p.rho), points.map((p) => p.mean)),
    h25:
      definition === null
        ? { ok: false, reason: 'H25 is stated for a gain definition, not for total amplification' }
        : evaluateH25(points.map((p) => ({ name: p.name, rho: p.rho, gain: { definition, value: p.mean } })), { threshold }),
  };
}

export interface StudyModel {
  name: string;
  rho: number;
  rows: readonly PromptRow[];
}

/** The gain of a row under a named definition (G_block = the last block's, G_block(L-1)). */
export function gainOf(r: PromptRow, d: GainDefinitionId): number | null {
  return d === 'G_hf_last' ? r.G_hf_last : d === 'G_hf_penult' ? r.G_hf_penult : r.G_block_last;
}

/** Everything above for swept models (the CLI's `sweep`). */
export function studyStatistics(models: readonly StudyModel[], opts: { definition: GainDefinitionId; position: TokenPosition; threshold?: number }) {
  const d = opts.definition;
  const measured = models.map((m) => {
    // Pairs only where the definition exists (G_hf_penult needs L >= 2).
    const rows = m.rows.filter((r) => gainOf(r, d) !== null);
    const gains = rows.map((r) => gainOf(r, d)!);
    return { m, gains, tests: gainVsOne(gains, rows.map((r) => [r.entropyNats, gainOf(r, d)!] as const)) };
  });
  const points = measured.filter((x) => x.gains.length).map((x) => ({ name: x.m.name, rho: x.m.rho, mean: x.gains.reduce((a, b) => a + b, 0) / x.gains.length }));
  const across = acrossModelStats(points, d, opts.threshold);
  return {
    definition: d,
    position: opts.position,
    perModel: measured.map((x) => ({ name: x.m.name, rho: x.m.rho, ...x.tests })),
    rhoRegression: across.regression,
    h25: across.h25,
  };
}

export type StudyStatistics = ReturnType<typeof studyStatistics>;
