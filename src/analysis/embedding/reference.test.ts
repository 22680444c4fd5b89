/**
 * Integration: the embedding battery on stories260K's token embedding (read with the lab's
 * checkpoint reader), its tokenizer's digits and words, and hidden states over seed 05's sentences,
 * against fixtures/embedding.reference.json (numpy, scripts/reference_embedding.py, same Rng draws).
 * Same arithmetic (norms, cosines, digits, categories, evolution): 1e-6 relative. Different
 * algorithms (eigenvalues: Householder + QL vs LAPACK; Cayley-Menger determinant of a rescaled
 * matrix vs np.linalg.det): also 1e-6, on values above 1e-6 of the largest for eigenvalues.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readLlama2cCheckpoint } from '../../model/llama2c/checkpoint';
import { Llama2cTokenizer } from '../../model/llama2c/tokenizer';
import { readBytes, STORIES_CKPT, STORIES_TOK } from '../../testing/shared';
import { semanticCategories, type CategoryClustering } from './categories';
import { embeddingGeometry } from './battery';
import { covarianceSpectrum, type CovarianceSpectrum } from './spectrum';
import { hiddenStateEvolution } from './evolution';
import { digitTokenIds, pieceLookup, resolveCategories } from './vocab';
import {
  embeddingReference, embeddingStates, expectAllClose, expectClose, expectDistribution,
  type ErrorLog, type RefCategories, type RefSpectrum,
} from './testing/reference-fixture';

const TOL = 1e-6;
/** Words stories260K's vocabulary does hold (not a seed measurement): the script's VOCAB_CATEGORIES. */
const VOCAB_TEST_CATEGORIES = {
  names: ['Lily', 'Tim', 'Timmy'],
  pronouns: ['he', 'she', 'they', 'her', 'his', 'you', 'it', 'we'],
  function: ['the', 'and', 'to', 'of', 'for', 'with', 'but', 'that', 'so', 'in', 'on', 'up'],
  verbs: ['was', 'had', 'said', 'saw', 'play', 'want', 'named', 'do', 'be'],
};
const ref = embeddingReference();
const S = ref.stories260K;
const { config, weights } = readLlama2cCheckpoint(readBytes(STORIES_CKPT), 'stories260K.bin');
const E = weights.tokenEmbedding;
const V = config.vocabSize;
const D = config.dim;
const tok = Llama2cTokenizer.fromBytes(readBytes(STORIES_TOK), V);
const lookup = pieceLookup(V, (id) => tok.piece(id));
const log: ErrorLog = {};

afterAll(() => {
  const worst = Object.entries(log).sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log('embedding vs numpy, largest relative errors:', worst.map(([k, v]) => `${k} ${v.toExponential(1)}`).join('; '));
});

function expectSpectrum(label: string, s: CovarianceSpectrum, r: RefSpectrum): void {
  expect(s.rows).toBe(r.rows);
  expect(s.divisor).toBe(r.divisor);
  const top = r.eigenvalues[0];
  s.eigenvalues.forEach((v, i) => {
    if (Math.abs(r.eigenvalues[i]) > 1e-6 * top) expectClose(log, `${label}.eigenvalues`, v, r.eigenvalues[i], TOL);
  });
  expectClose(log, `${label}.totalVariance`, s.totalVariance, r.total_variance, TOL);
  expectClose(log, `${label}.topFraction`, s.topFraction, r.top_fraction, TOL);
  expectClose(log, `${label}.participationRatio`, s.participationRatio, r.participation_ratio, TOL);
  expectClose(log, `${label}.participationPerDim`, s.participationPerDim, r.participation_per_dim, TOL);
  expectAllClose(log, `${label}.cumulative`, s.cumulative, r.cumulative, TOL);
  expect(s.dimsFor).toEqual(r.dims_for);
}

function expectCategories(label: string, c: CategoryClustering, r: RefCategories): void {
  expectClose(log, `${label}.globalMeanCos`, c.globalMeanCos, r.global_mean_cos, TOL);
  expect(c.categories.map((x) => [x.name, x.n, x.ids, x.words, x.skippedWords, x.skipped])).toEqual(
    r.categories.map((x) => [x.name, x.n, x.ids, x.words, x.skipped_words, x.skipped]),
  );
  c.categories.forEach((x, i) => {
    const y = r.categories[i];
    for (const [a, b, k] of [[x.intraCos, y.intra_cos, 'intraCos'], [x.intraStd, y.intra_std, 'intraStd'], [x.lift, y.lift, 'lift']] as const) {
      if (b === null) expect(a).toBeNull();
      else expectClose(log, `${label}.${k}`, a!, b, TOL);
    }
  });
  expect(c.centroidNames).toEqual(r.centroid_names);
  expectAllClose(log, `${label}.centroidCosines`, c.centroidCosines, r.centroid_cosines, TOL);
}

describe('embedding battery on stories260K vs numpy', () => {
  const digits = digitTokenIds(lookup);
  const geo = embeddingGeometry(E, V, D, { seed: ref.rng_seed, digitIds: digits.ids, categories: resolveCategories(lookup) });

  it('resolves the digits and the seed categories to the same pieces as the script', () => {
    expect(digits.ids).toEqual(S.digits.ids);
    expect('pieces' in digits && digits.pieces).toEqual(S.digits.pieces);
  });

  it('norm distribution', () => {
    expectDistribution(log, 'norms', geo.norms.summary, S.norms.summary, TOL);
    expectAllClose(log, 'norms.head', geo.norms.norms.subarray(0, 16), S.norms.norms_head, TOL);
    expect([geo.norms.argmin, geo.norms.argmax, geo.norms.zeroCount]).toEqual([S.norms.argmin, S.norms.argmax, S.norms.zero_count]);
  });

  it('pairwise cosine distribution (all 512 tokens: vocab < 5000)', () => {
    expect(geo.cosines.tokenIds.length).toBe(S.cosines.sample_tokens);
    expect(geo.cosines.nPairs).toBe(S.cosines.n_pairs);
    expectDistribution(log, 'cosines', geo.cosines.summary, S.cosines.summary, TOL);
    expect(geo.cosines.marks.map((m) => m.value)).toEqual(S.cosines.marks.map((m) => m.value));
    expectAllClose(log, 'cosines.marks', geo.cosines.marks.map((m) => m.fraction), S.cosines.marks.map((m) => m.fraction), TOL);
  });

  it('covariance eigenspectrum, PR and dimensions for 80/90/95/99% (ddof 1 and 0)', () => {
    expectSpectrum('spectrum', geo.spectrum, S.spectrum);
    expectSpectrum('spectrum_ddof0', covarianceSpectrum(E, V, D, { ddof: 0 }), S.spectrum_ddof0);
  });

  it('Cayley-Menger volumes of 1000 seeded pentachora and of matched Gaussian points', () => {
    const s = geo.simplices;
    expect([s.requested, s.points]).toEqual([S.simplices.requested, S.simplices.points]);
    expectAllClose(log, 'simplices.perDimStd', s.perDimStd, S.simplices.per_dim_std, TOL);
    for (const k of ['embedding', 'gaussian'] as const) {
      expect(s[k].valid).toBe(S.simplices[k].valid);
      expectAllClose(log, `simplices.${k}.volumes`, s[k].volumes, S.simplices[k].volumes, TOL);
      expectDistribution(log, `simplices.${k}`, s[k].summary, S.simplices[k].summary, TOL);
      expectClose(log, `simplices.${k}.cv`, s[k].cv, S.simplices[k].cv, TOL);
    }
    expectClose(log, 'simplices.ratio', s.ratio, S.simplices.ratio, TOL);
  });

  it('digit manifold', () => {
    const d = geo.digits!;
    expectAllClose(log, 'digits.cosines', d.cosines, S.digits.cosines, TOL);
    expectClose(log, 'digits.correlation', d.correlation!, S.digits.correlation, TOL);
    expectClose(log, 'digits.adjacentMean', d.adjacentMean, S.digits.adjacent_mean, TOL);
    expectClose(log, 'digits.nonAdjacentMean', d.nonAdjacentMean, S.digits.non_adjacent_mean, TOL);
    expectClose(log, 'digits.gap', d.gap, S.digits.gap, TOL);
  });

  it("seed categories (stories260K's vocabulary holds almost none: all skipped) and vocabulary categories", () => {
    expectCategories('categories', geo.categories!, S.categories);
    const vocabCats = resolveCategories(lookup, VOCAB_TEST_CATEGORIES);
    expectCategories('vocab_categories', semanticCategories(E, V, D, vocabCats, geo.cosines.summary.mean), S.vocab_categories);
  });
});

describe('hidden-state evolution over seed 05 sentences vs numpy', () => {
  const ev = S.evolution;
  const L = ev.layers.length;
  const seqLens = ev.sentences.map((s) => s.ids.length);
  const all = embeddingStates();
  const states = Array.from({ length: L }, (_, l) => ev.sentences.map((s) => all.subarray(s.states_f32_offsets[l], s.states_f32_offsets[l] + s.ids.length * D)));

  it('the stored inputs are the lab tokenizer ids, and boundary 0 is exactly their embedding rows', () => {
    ev.sentences.forEach((s, i) => {
      expect(tok.encode(s.text)).toEqual(s.ids);
      const rows = Float32Array.from(s.ids.flatMap((id) => Array.from(E.subarray(id * D, (id + 1) * D))));
      expect(states[0][i]).toEqual(rows);
    });
  });

  it('per-layer mean token norm and mean pairwise cosine', () => {
    const r = hiddenStateEvolution(states, seqLens, D);
    expect(r.layers.map((x) => x.layer)).toEqual(ev.layers.map((x) => x.layer));
    r.layers.forEach((x, l) => {
      const y = ev.layers[l];
      expectClose(log, 'evolution.meanNorm', x.meanNorm, y.mean_norm, TOL);
      expectClose(log, 'evolution.stdNorm', x.stdNorm, y.std_norm, TOL);
      expectClose(log, 'evolution.meanCos', x.meanCos, y.mean_cos, TOL);
      expectClose(log, 'evolution.stdCos', x.stdCos, y.std_cos, TOL);
      expectAllClose(log, 'evolution.sentenceMeanNorm', r.sentenceMeanNorm[l], ev.sentence_mean_norm[l], TOL);
      expectAllClose(log, 'evolution.sentenceMeanCos', r.sentenceMeanCos[l] as number[], ev.sentence_mean_cos[l], TOL);
    });
  });
});
