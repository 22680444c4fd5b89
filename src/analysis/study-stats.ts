/**
 * The statistics of a study, from per-prompt rows of each model: one-sided t-tests of each gain
 * against 1, seed 03's entropy vs |G - 1| correlations, the regression of G on rho across models,
 * and the H25 verdict. Every entry names the gain definition and token position it used.
 */
import type { GainDefinitionId } from './definitions';
import type { PromptRow, TokenPosition } from './aggregate';
import { tTestOneSample, pearson, spearman, linregress, type Alternative } from './stats';
import { evaluateH25 } from './h25';

export interface StudyModel {
  name: string;
  rho: number;
  rows: readonly PromptRow[];
}

/** The gain of a row under a named definition (G_block = the last block's, G_block(L-1)). */
export function gainOf(r: PromptRow, d: GainDefinitionId): number | null {
  return d === 'G_hf_last' ? r.G_hf_last : d === 'G_hf_penult' ? r.G_hf_penult : r.G_block_last;
}

const values = (rows: readonly PromptRow[], d: GainDefinitionId) => rows.map((r) => gainOf(r, d)).filter((v): v is number => v !== null);

export function studyStatistics(models: readonly StudyModel[], opts: { definition: GainDefinitionId; position: TokenPosition; alternative?: Alternative; threshold?: number }) {
  const d = opts.definition;
  const alternative = opts.alternative ?? 'less';
  const perModel = models.map((m) => {
    const g = values(m.rows, d);
    // Pairs only where the definition exists (G_hf_penult needs L >= 2).
    const paired = m.rows.filter((r) => gainOf(r, d) !== null);
    const absDev = paired.map((r) => Math.abs(gainOf(r, d)! - 1));
    const entropy = paired.map((r) => r.entropyNats);
    return {
      name: m.name,
      rho: m.rho,
      /** H0: mean gain = 1; `alternative` 'less' asks whether the model dampens */
      tTest: tTestOneSample(g, 1, alternative),
      /** seed 03's "Bentov law": entropy vs |G - 1| over prompts */
      entropyVsAbsDev: { pearson: pearson(entropy, absDev), spearman: spearman(entropy, absDev) },
    };
  });
  const usable = models.filter((m) => values(m.rows, d).length > 0);
  const means = usable.map((m) => values(m.rows, d).reduce((a, b) => a + b, 0) / values(m.rows, d).length);
  return {
    definition: d,
    position: opts.position,
    alternative,
    perModel,
    /** G (mean over prompts) on rho, across models */
    rhoRegression: linregress(usable.map((m) => m.rho), means),
    h25: evaluateH25(usable.map((m, i) => ({ name: m.name, rho: m.rho, gain: { definition: d, value: means[i] } })), { threshold: opts.threshold }),
  };
}

export type StudyStatistics = ReturnType<typeof studyStatistics>;
