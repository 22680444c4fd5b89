/**
 * The static embedding battery of seed 05 (sections 1 and 13a) in one call, for the analysis worker
 * and the CLI: norms, sampled cosines, covariance spectrum, simplex volumes, and, when the caller
 * resolved them against the vocabulary (see vocab.ts), the digit manifold and semantic categories.
 * Each measurement draws from its own Rng(seed), so a result does not depend on which others ran.
 */
import { type Mat } from '../../linalg/cpu/types';
import { semanticCategories, type CategoryClustering, type CategoryInput } from './categories';
import { sampledCosines, type CosineDistribution, SEED_COSINE_TOKENS } from './cosines';
import { digitManifold, type DigitManifold } from './digits';
import { stage, type JobOptions } from './job';
import { embeddingNorms, type NormDistribution } from './norms';
import { simplexVolumes, type SimplexVolumes, SEED_SIMPLEX_COUNT } from './simplices';
import { covarianceSpectrum, type CovarianceSpectrum, SEED_COVARIANCE_ROWS } from './spectrum';

export interface EmbeddingGeometryOptions extends JobOptions {
  /** Rng seed of every sampled measurement (default 42) */
  seed?: number;
  /** tokens sampled for pairwise cosines (default 5000) */
  cosineTokens?: number;
  /** rows for the covariance (default 10000) */
  covarianceRows?: number;
  /** divisor rows - ddof of the covariance (default 1) */
  covarianceDdof?: number;
  /** random simplices (default 1000) */
  simplexCount?: number;
  /** token ids of "0".."9" in order; the digit manifold is skipped when absent */
  digitIds?: readonly number[] | null;
  /** resolved categories; skipped when absent */
  categories?: readonly CategoryInput[] | null;
}

export interface EmbeddingGeometry {
  /** rows of E */
  vocab: number;
  /** columns of E (d_model) */
  dim: number;
  /** Rng seed used */
  seed: number;
  norms: NormDistribution;
  cosines: CosineDistribution;
  spectrum: CovarianceSpectrum;
  simplices: SimplexVolumes;
  /** null when no digit ids were given */
  digits: DigitManifold | null;
  /** null when no categories were given; lifts are over cosines.summary.mean */
  categories: CategoryClustering | null;
}

/** Runs the static battery on `e` [vocab, d] row-major. */
export function embeddingGeometry(e: Mat, vocab: number, d: number, opts: EmbeddingGeometryOptions = {}): EmbeddingGeometry {
  const { seed = 42, digitIds = null, categories = null } = opts;
  const norms = embeddingNorms(e, vocab, d);
  const cosines = sampledCosines(e, vocab, d, { ...stage(opts, 0.02, 0.5), seed, sampleTokens: opts.cosineTokens ?? SEED_COSINE_TOKENS });
  const spectrum = covarianceSpectrum(e, vocab, d, {
    ...stage(opts, 0.5, 0.7),
    seed,
    sampleRows: opts.covarianceRows ?? SEED_COVARIANCE_ROWS,
    ddof: opts.covarianceDdof ?? 1,
  });
  const simplices = simplexVolumes(e, vocab, d, { ...stage(opts, 0.7, 0.98), seed, count: opts.simplexCount ?? SEED_SIMPLEX_COUNT });
  const digits = digitIds ? digitManifold(e, vocab, d, digitIds) : null;
  const cats = categories ? semanticCategories(e, vocab, d, categories, cosines.summary.mean) : null;
  opts.onProgress?.(1);
  return { vocab, dim: d, seed, norms, cosines, spectrum, simplices, digits, categories: cats };
}
