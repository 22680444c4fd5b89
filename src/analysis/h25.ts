import { GAIN_DEFINITIONS, type GainDefinitionId } from './definitions';
import { pearson, type CorrelationResult, type Undefined } from './stats';

/**
 * Hypothesis H25 of seeds 01-02 ("dimensional crowding"): a model whose head density
 * rho = n_heads / d_head is at least a threshold (0.2 in the seeds) dampens the residual stream
 * in its last layer (G < 1); below it, it expands (G >= 1). Each model's G must be one named gain
 * definition (definitions.ts): the seeds' results disagree because they mixed definitions, so a
 * mixture is refused here.
 */

/** rho >= this predicts dampening (seeds 01 and 02). */
export const H25_DEFAULT_THRESHOLD = 0.2;

/** One model's point in the H25 study. */
export interface H25Model {
  name: string;
  /** head density n_heads / d_head, with d_head = d_model / n_heads (seed 01's compute_rho) */
  rho: number;
  /** the model's summary gain (e.g. the mean over prompts) and the definition it was measured with */
  gain: { definition: GainDefinitionId; value: number };
}

export interface H25Options {
  /** rho >= threshold predicts dampening; default H25_DEFAULT_THRESHOLD = 0.2 */
  threshold?: number;
  /** accuracy (agree / total) at or above which seed 01's rule says 'validated'; default 0.75 */
  validatedAt?: number;
  /** accuracy at or above which seed 01's rule says 'partially validated'; default 0.5 */
  partialAt?: number;
}

/** One model's prediction and observation. */
export interface H25Row {
  name: string;
  rho: number;
  gain: number;
  /** rho >= threshold: H25 predicts dampening (G < 1) */
  predictsDampening: boolean;
  /** observed G < 1 (G = 1 exactly counts as not dampening, as in the seeds) */
  dampens: boolean;
  /** prediction equals observation */
  agrees: boolean;
}

/** Prediction (rows of the table) against observation (columns), counted over models. */
export interface H25Confusion {
  /** rho >= threshold and G < 1: agrees */
  predictedDampenObservedDampen: number;
  /** rho >= threshold but G >= 1: disagrees */
  predictedDampenObservedExpand: number;
  /** rho < threshold but G < 1: disagrees */
  predictedExpandObservedDampen: number;
  /** rho < threshold and G >= 1: agrees */
  predictedExpandObservedExpand: number;
}

/** Seed 01's verdict on prediction accuracy. */
export type H25Verdict = 'validated' | 'partially validated' | 'falsified';

/** Seed 02's verdict on dampening rate and correlation. */
export type H25Seed02Verdict = 'validated' | 'inconclusive' | 'not validated';

export interface H25Result {
  ok: true;
  threshold: number;
  /** the gain definition every G in this result is measured with */
  gainDefinition: GainDefinitionId;
  /** its formula, for captions */
  gainFormula: string;
  rows: H25Row[];
  /** models left out, with why (non-finite rho or gain) */
  excluded: { name: string; reason: string }[];
  confusion: H25Confusion;
  agree: number;
  disagree: number;
  /** agree + disagree: the models counted */
  total: number;
  /** agree / total */
  accuracy: number;
  /** seed 01's rule: accuracy >= validatedAt 'validated', >= partialAt 'partially validated', else 'falsified' */
  verdict: H25Verdict;
  /** one sentence: rule, threshold, definition, counts and verdict */
  verdictText: string;
  /** fraction of models with rho >= threshold that dampen; null when there are none */
  highRhoDampenRate: number | null;
  /** fraction of models with rho < threshold that do not dampen; null when there are none */
  lowRhoExpandRate: number | null;
  /** Pearson r of rho vs G across models (seed 02), two-sided, or why it is undefined */
  rhoGainCorrelation: CorrelationResult | Undefined;
  /**
   * seed 02's rule: 'validated' when highRhoDampenRate > 0.5 or (total >= 3 and r < -0.3);
   * otherwise 'inconclusive' below 3 models, else 'not validated'
   */
  seed02Verdict: H25Seed02Verdict;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/**
 * Counts H25's predictions against the observed gains and gives seed 01's verdict (prediction
 * accuracy) beside seed 02's (dampening rate or correlation). A verdict on a handful of models is a
 * tally, not a significance test: see `rhoGainCorrelation` and stats.linregress for that.
 * Undefined when no model has finite rho and gain, when definitions are mixed, or for a bad threshold.
 */
export function evaluateH25(models: readonly H25Model[], options: H25Options = {}): H25Result | Undefined {
  const threshold = options.threshold ?? H25_DEFAULT_THRESHOLD;
  const validatedAt = options.validatedAt ?? 0.75;
  const partialAt = options.partialAt ?? 0.5;
  if (!Number.isFinite(threshold)) return { ok: false, reason: `threshold ${threshold} is not a finite number` };
  if (!(partialAt <= validatedAt)) return { ok: false, reason: `partialAt ${partialAt} must not exceed validatedAt ${validatedAt}` };
  const definitions = [...new Set(models.map((m) => m.gain.definition))];
  if (definitions.length > 1)
    return { ok: false, reason: `mixed gain definitions (${definitions.join(', ')}): H25 compares one definition across models` };
  if (definitions.length === 0) return { ok: false, reason: 'no models' };
  const gainDefinition = definitions[0];

  const rows: H25Row[] = [];
  const excluded: { name: string; reason: string }[] = [];
  for (const m of models) {
    if (!Number.isFinite(m.rho)) excluded.push({ name: m.name, reason: `rho is ${m.rho}` });
    else if (!Number.isFinite(m.gain.value)) excluded.push({ name: m.name, reason: `gain is ${m.gain.value}` });
    else {
      const predictsDampening = m.rho >= threshold;
      const dampens = m.gain.value < 1;
      rows.push({ name: m.name, rho: m.rho, gain: m.gain.value, predictsDampening, dampens, agrees: predictsDampening === dampens });
    }
  }
  if (rows.length === 0) return { ok: false, reason: `no model has a finite rho and gain (${excluded.length} excluded)` };

  const count = (p: (r: H25Row) => boolean): number => rows.filter(p).length;
  const confusion: H25Confusion = {
    predictedDampenObservedDampen: count((r) => r.predictsDampening && r.dampens),
    predictedDampenObservedExpand: count((r) => r.predictsDampening && !r.dampens),
    predictedExpandObservedDampen: count((r) => !r.predictsDampening && r.dampens),
    predictedExpandObservedExpand: count((r) => !r.predictsDampening && !r.dampens),
  };
  const total = rows.length;
  const agree = confusion.predictedDampenObservedDampen + confusion.predictedExpandObservedExpand;
  const accuracy = agree / total;
  const verdict: H25Verdict = accuracy >= validatedAt ? 'validated' : accuracy >= partialAt ? 'partially validated' : 'falsified';

  const high = count((r) => r.predictsDampening);
  const low = total - high;
  const highRhoDampenRate = high > 0 ? confusion.predictedDampenObservedDampen / high : null;
  const lowRhoExpandRate = low > 0 ? confusion.predictedExpandObservedExpand / low : null;
  const rhoGainCorrelation = pearson(
    rows.map((r) => r.rho),
    rows.map((r) => r.gain),
  );
  const strongNegative = total >= 3 && rhoGainCorrelation.ok && rhoGainCorrelation.r < -0.3;
  const seed02Verdict: H25Seed02Verdict =
    (highRhoDampenRate ?? 0) > 0.5 || strongNegative ? 'validated' : total < 3 ? 'inconclusive' : 'not validated';

  const def = GAIN_DEFINITIONS[gainDefinition];
  const verdictText =
    `H25 (rho >= ${threshold} predicts ${def.label} < 1): ${agree}/${total} models agree (${pct(accuracy)}), ` +
    `so ${verdict} by seed 01's rule (>= ${pct(validatedAt)} validated, >= ${pct(partialAt)} partially validated). ` +
    `Gain: ${def.label} = ${def.formula}.`;

  return {
    ok: true,
    threshold,
    gainDefinition,
    gainFormula: def.formula,
    rows,
    excluded,
    confusion,
    agree,
    disagree: total - agree,
    total,
    accuracy,
    verdict,
    verdictText,
    highRhoDampenRate,
    lowRhoExpandRate,
    rhoGainCorrelation,
    seed02Verdict,
  };
}
