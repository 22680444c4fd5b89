/** Captions of the study figures: each names its gain definition and the token position. */
import type { StudyFigureInput } from './types';

const def = (i: StudyFigureInput): string => `${i.definition.label} = ${i.definition.formula}`;
const at = (i: StudyFigureInput): string => `at ${i.position}`;
const imported = (i: StudyFigureInput): string => (i.models.some((m) => m.imported) ? ' Hollow markers: models imported from a seed notebook file.' : '');

export function rhoCaption(i: StudyFigureInput): string {
  const line = 'reason' in i.regression ? `No regression line: ${i.regression.reason}.` : 'Green dashed line: least-squares fit of mean G on rho.';
  return (
    `Head density rho = n_heads / d_head against the mean of ${def(i)} over prompts, ${at(i)}; error bars: sample std (ddof = 1). ` +
    `Dashed grey: G = 1; dotted purple: rho = ${i.threshold} (H25 threshold). ${line}${imported(i)}`
  );
}

export function layersCaption(i: StudyFigureInput): string {
  return (
    `G_block(i) = ||resid_post(i)|| / ||resid_pre(i)|| per block i, mean over prompts ${at(i)}, one line per model; error bars: sample std. ` +
    `The last point of each line is G_block(L-1), the true last-block gain. Dashed lines: per-layer curves stated by imported files, ` +
    `in the definition the legend names. Dashed grey: gain 1.`
  );
}

export function distCaption(i: StudyFigureInput): string {
  return `Distribution of ${def(i)} over prompts, per model, ${at(i)}: box (quartiles, dashed mean), every prompt as a point. Dashed grey: G = 1.${imported(i)}`;
}

export function categoryCaption(i: StudyFigureInput): string {
  return `${def(i)} per prompt category, ${at(i)}: one box per model and category (quartiles, every prompt as a point). Prompts without a category are left out. Dashed grey: G = 1.`;
}

export function entropyCaption(i: StudyFigureInput): string {
  return (
    `Next-token entropy (nats, natural log) against ${def(i)}, one point per prompt, ${at(i)}. ` +
    `Seed 03's "Bentov law" correlates entropy with |G - 1| (see the statistics). Dashed grey: G = 1.${imported(i)}`
  );
}

export function normCaption(i: StudyFigureInput): string {
  return `Mean ${def(i)} over prompts per model, ${at(i)}, coloured by norm type (LayerNorm blue, RMSNorm orange); error bars: sample std. Dashed grey: G = 1.${imported(i)}`;
}
