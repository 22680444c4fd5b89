/**
 * The alpha sweep's data exports: a JSON document (the facts of the run and one row per alpha) and a
 * CSV table of the same rows. Numbers go out at full precision; non-finite values (the logit at alpha 0,
 * the pairwise shift of a one-token prompt) are written as "-Infinity" / "NaN" strings in JSON and as
 * -inf / nan in CSV (what pandas and numpy read back).
 */
import { alphaToLogit } from '../analysis/modulation/alpha';
import type { ModulationImpact } from '../analysis/modulation/impact';
import type { TokenDifference } from '../analysis/modulation/token-diff';
import type { SweepMeta, SweepRow } from '../plots/modulator/types';

export const SWEEP_FORMAT = 'residual-lab/modulator-sweep@1';

/** A sweep row from one modulation result's summary. */
export function sweepRow(alpha: number, r: { tokenDifference: TokenDifference; impact: ModulationImpact; original: { ids: number[] }; modulated: { ids: number[] } }): SweepRow {
  const i = r.impact;
  return {
    alpha,
    logit: alphaToLogit(alpha),
    tokenDifferences: r.tokenDifference.count,
    compared: r.tokenDifference.compared,
    longest: Math.max(r.original.ids.length, r.modulated.ids.length),
    cosMean: i.cosMean,
    cosStd: i.cosStd,
    normRatioMean: i.normRatioMean,
    pairwiseShiftMean: i.pairwiseShiftMean,
    pairwiseShiftStd: i.pairwiseShiftStd,
    modulatedIds: [...r.modulated.ids],
  };
}

export const CSV_COLUMNS = [
  'alpha', 'alpha_logit', 'token_differences', 'tokens_compared', 'longest_continuation',
  'cos_mean', 'cos_std', 'norm_ratio_mean', 'pairwise_shift_mean', 'pairwise_shift_std', 'modulated_ids',
] as const;

const csvNumber = (v: number): string => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : String(v));

/** Header line, then one line per row in alpha order; ids space-separated in the last column. */
export function sweepCsv(rows: readonly SweepRow[]): string {
  const lines = [...rows]
    .sort((a, b) => a.alpha - b.alpha)
    .map((r) =>
      [r.alpha, r.logit, r.tokenDifferences, r.compared, r.longest, r.cosMean, r.cosStd, r.normRatioMean, r.pairwiseShiftMean, r.pairwiseShiftStd]
        .map(csvNumber)
        .concat(r.modulatedIds.join(' '))
        .join(','),
    );
  return [CSV_COLUMNS.join(','), ...lines].join('\n') + '\n';
}

/** JSON cannot hold NaN or infinities: they go out as strings, as the CLI's --json does. */
function finiteOrString(x: unknown): unknown {
  if (typeof x === 'number') return Number.isFinite(x) ? x : String(x);
  if (Array.isArray(x)) return x.map(finiteOrString);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, finiteOrString(v)]));
  return x;
}

export function sweepDocument(rows: readonly SweepRow[], meta: SweepMeta, manifest: unknown): unknown {
  return finiteOrString({
    format: SWEEP_FORMAT,
    manifest,
    intervention: {
      formula: "h' = (1 - alpha) h + alpha target, at resid_pre of each listed block",
      blocks: meta.blocks,
      nBlocks: meta.nBlocks,
      stack: meta.stack,
      alphaLogit: 'ln(alpha / (1 - alpha)), natural log (the seed stores alpha in logit space)',
    },
    target: meta.target,
    model: meta.model,
    prompt: meta.prompt,
    promptIds: meta.promptIds,
    decoding: { maxNewTokens: meta.maxNewTokens, temperature: meta.temperature, seed: meta.seed },
    originalIds: meta.originalIds,
    measures: {
      finalStates: 'final-norm output (HF last hidden state) of the prompt tokens; for T5 the encoder output',
      cos: 'cos(original_t, modulated_t) per prompt token: mean and population std',
      normRatio: '||modulated_t|| / (||original_t|| + 1e-8), mean over prompt tokens',
      pairwiseShift: 'cos(mod_s, mod_t) - cos(orig_s, orig_t) over token pairs s < t: mean and population std',
      tokenDifferences: 'differing generated tokens position by position plus the length difference',
    },
    rows: [...rows].sort((a, b) => a.alpha - b.alpha),
  });
}
