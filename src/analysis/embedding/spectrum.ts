/**
 * Covariance eigenspectrum and intrinsic dimensionality of token embeddings (seed 05, sections 1
 * and 13a): eigenvalues of the d x d covariance, participation ratio PR = (sum l)^2 / sum l^2, and
 * the number of leading components that reach 80/90/95/99% of the variance.
 *
 * Where the two seed sections differ we follow 13a: covariance of at most N_PCA = 10000 sampled
 * rows divided by n - 1. Section 1 uses every row divided by n; with vocab <= sampleRows every row is
 * used here too, and ddof = 0 gives section 1 exactly. The divisor only scales the eigenvalues, so
 * PR, the variance fractions and the dimension counts do not depend on it.
 */
import { symmetricEigen } from '../../linalg/cpu/eigen';
import { gram } from '../../linalg/cpu/gram';
import { Rng } from '../../linalg/cpu/rng';
import { checkShape, type Mat } from '../../linalg/cpu/types';
import { Ticker, type JobOptions } from './job';

/** Rows the 13a covariance is estimated from. */
export const SEED_COVARIANCE_ROWS = 10000;
/** Variance fractions the seed reports a dimension count for. */
export const SEED_VARIANCE_FRACTIONS = [0.8, 0.9, 0.95, 0.99] as const;

export interface SpectrumOptions extends JobOptions {
  /** Rng seed for the row sample (default 42) */
  seed?: number;
  /** rows to estimate the covariance from (default 10000); all rows, no draws, when >= vocab */
  sampleRows?: number;
  /** delta degrees of freedom of the divisor n - ddof (default 1, section 13a; 0 is section 1) */
  ddof?: number;
}

/** Components needed for a fraction of the variance. */
export interface DimsForVariance {
  /** target fraction of the total variance, e.g. 0.95 */
  fraction: number;
  /** smallest k with cumulative[k - 1] >= fraction (numpy searchsorted(cumvar, f) + 1), at most d */
  dims: number;
}

export interface CovarianceSpectrum {
  /** number of rows the covariance was estimated from */
  rows: number;
  /** divisor used: rows - ddof */
  divisor: number;
  /** [d] eigenvalues of the covariance, descending, unclipped (tiny negatives from rounding kept, as numpy's eigvalsh) */
  eigenvalues: Float64Array;
  /** sum of the eigenvalues (= trace of the covariance) */
  totalVariance: number;
  /** [d] cumulative variance fraction: cumulative[k] = sum of eigenvalues[0..k] / totalVariance */
  cumulative: Float64Array;
  /** eigenvalues[0] / totalVariance */
  topFraction: number;
  /** (sum l)^2 / sum l^2: effective number of dimensions, between 1 and d */
  participationRatio: number;
  /** participationRatio / d */
  participationPerDim: number;
  /** for 0.80, 0.90, 0.95, 0.99 */
  dimsFor: DimsForVariance[];
}

/** Eigenspectrum of the covariance of the rows of `e` [vocab, d] row-major. */
export function covarianceSpectrum(e: Mat, vocab: number, d: number, opts: SpectrumOptions = {}): CovarianceSpectrum {
  checkShape('covarianceSpectrum', e, vocab, d);
  const { seed = 42, sampleRows = SEED_COVARIANCE_ROWS, ddof = 1 } = opts;
  const n = Math.min(sampleRows, vocab);
  if (n - ddof < 1) throw new Error(`covarianceSpectrum: need more than ${ddof} rows, got ${n}`);
  const ids = n === vocab ? null : new Rng(seed).sample(vocab, n);
  const row = (i: number): number => (ids ? ids[i] : i);
  const mu = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const base = row(i) * d;
    for (let c = 0; c < d; c++) mu[c] += e[base + c];
  }
  for (let c = 0; c < d; c++) mu[c] /= n;
  // Accumulate Xc^T Xc over row chunks: bounded memory, and a cancel point per chunk.
  const CHUNK = 1024;
  const cov = new Float64Array(d * d);
  const ticker = new Ticker(n, opts, 1);
  for (let r0 = 0; r0 < n; r0 += CHUNK) {
    const r = Math.min(CHUNK, n - r0);
    const xc = new Float64Array(r * d);
    for (let i = 0; i < r; i++) {
      const base = row(r0 + i) * d;
      for (let c = 0; c < d; c++) xc[i * d + c] = e[base + c] - mu[c];
    }
    const g = gram(xc, r, d, 'cols');
    for (let k = 0; k < d * d; k++) cov[k] += g[k];
    ticker.tick(r);
  }
  const divisor = n - ddof;
  for (let k = 0; k < d * d; k++) cov[k] /= divisor;
  const spectrum = spectrumSummary(symmetricEigen(cov, d).values);
  ticker.finish();
  return { rows: n, divisor, ...spectrum };
}

/** PR, cumulative fractions and dimension counts of a descending spectrum (any divisor). */
export function spectrumSummary(eigenvalues: Float64Array): Omit<CovarianceSpectrum, 'rows' | 'divisor'> {
  const d = eigenvalues.length;
  let total = 0;
  let sumSq = 0;
  for (const l of eigenvalues) {
    total += l;
    sumSq += l * l;
  }
  const cumulative = new Float64Array(d);
  let acc = 0;
  for (let k = 0; k < d; k++) {
    acc += eigenvalues[k];
    cumulative[k] = acc / total;
  }
  const dimsFor = SEED_VARIANCE_FRACTIONS.map((fraction) => {
    let k = 0;
    while (k < d && cumulative[k] < fraction) k++;
    // If rounding keeps cumulative[d-1] just below 0.99, the seed's searchsorted + 1 would say d + 1; cap at d.
    return { fraction, dims: Math.min(k + 1, d) };
  });
  const participationRatio = (total * total) / sumSq;
  return {
    eigenvalues,
    totalVariance: total,
    cumulative,
    topFraction: eigenvalues[0] / total,
    participationRatio,
    participationPerDim: participationRatio / d,
    dimsFor,
  };
}
