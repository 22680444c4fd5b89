/**
 * Hidden-state evolution layer by layer over a sentence set (seed 05, section 1, "encoder
 * layer-by-layer geometry"): per boundary and sentence, the mean and std of the token norms and
 * the mean and std of the cosines between the sentence's token pairs (within a sentence only, as
 * the seed does); then the mean of each over sentences (the seed's groupby('layer').mean()).
 *
 * Which boundaries the states come from is the caller's choice and must be said with the result
 * (the seed uses HF hidden_states, whose last entry includes the final norm; see DESIGN.md).
 * Choice: a one-token sentence has no pairs; the seed counts its cosine as 0, here it is left out
 * of the cosine means (which then average over the sentences with at least 2 tokens).
 */
import { mean, std } from '../../linalg/cpu/stats';
import { checkShape, type Mat } from '../../linalg/cpu/types';
import { cosineMatrix, rowNorms, upperTriangleStats } from './distribution';
import { Ticker, type JobOptions } from './job';

/** Geometry at one boundary, averaged over sentences. */
export interface LayerGeometry {
  /** boundary index (0 = embeddings) */
  layer: number;
  /** mean over sentences of the mean token norm */
  meanNorm: number;
  /** mean over sentences of the token-norm std (ddof 0) */
  stdNorm: number;
  /** mean over sentences (with >= 2 tokens) of the mean pairwise cosine between tokens */
  meanCos: number;
  /** mean over sentences (with >= 2 tokens) of the pairwise-cosine std (ddof 0) */
  stdCos: number;
}

export interface HiddenStateEvolution {
  /** [L + 1] one entry per boundary */
  layers: LayerGeometry[];
  /** [L + 1][sentences] mean token norm of each sentence */
  sentenceMeanNorm: number[][];
  /** [L + 1][sentences] mean pairwise cosine of each sentence; null for a one-token sentence */
  sentenceMeanCos: (number | null)[][];
  /** [sentences] tokens per sentence */
  seqLens: number[];
}

/**
 * `states[l][s]` is sentence s at boundary l, row-major [seqLens[s], d]. Norms and dot products in
 * float64; cosines use the seed's epsilon.
 */
export function hiddenStateEvolution(states: readonly (readonly Mat[])[], seqLens: readonly number[], d: number, opts: JobOptions = {}): HiddenStateEvolution {
  const nS = seqLens.length;
  if (!states.length || !nS) throw new Error('hiddenStateEvolution: need at least one boundary and one sentence');
  const work = states.length * seqLens.reduce((a, s) => a + s * s, 0) * d;
  const ticker = new Ticker(work, opts, 1 << 20);
  const sentenceMeanNorm: number[][] = [];
  const sentenceMeanCos: (number | null)[][] = [];
  const layers = states.map((perSentence, layer): LayerGeometry => {
    if (perSentence.length !== nS) throw new Error(`hiddenStateEvolution: boundary ${layer} has ${perSentence.length} sentences, expected ${nS}`);
    const mn: number[] = [], sn: number[] = [], mc: number[] = [], sc: number[] = [];
    const rowCos: (number | null)[] = [];
    perSentence.forEach((h, s) => {
      const S = seqLens[s];
      checkShape(`hiddenStateEvolution[${layer}][${s}]`, h, S, d);
      const norms = rowNorms(h, S, d);
      mn.push(mean(norms));
      sn.push(std(norms, 0));
      if (S >= 2) {
        const pairs = upperTriangleStats(cosineMatrix(h, d, Int32Array.from({ length: S }, (_, i) => i)), S);
        mc.push(pairs.mean);
        sc.push(pairs.std);
        rowCos.push(pairs.mean);
      } else rowCos.push(null);
      ticker.tick(S * S * d);
    });
    sentenceMeanNorm.push(mn);
    sentenceMeanCos.push(rowCos);
    return { layer, meanNorm: mean(mn), stdNorm: mean(sn), meanCos: mean(mc), stdCos: mean(sc) };
  });
  ticker.finish();
  return { layers, sentenceMeanNorm, sentenceMeanCos, seqLens: [...seqLens] };
}
