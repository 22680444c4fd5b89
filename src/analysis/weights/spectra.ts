import { checkMatrix, countBelow, type Matrix, type ThresholdCount } from './types';

/**
 * Per-matrix spectral metrics (issue 6, item 2) from W = U diag(s) V^T, s descending, k = min(rows, cols).
 *
 * Conventions, each with the name that carries it:
 * - participationRatio = (sum s^2)^2 / sum s^4: the participation ratio of the eigenvalues s^2 of
 *   W^T W (the covariance-spectrum PR of seed 05 sections 1 and 13a); in [1, k].
 * - participationRatioSeed05 = (sum s)^2 / sum s^2: what seed 05 sections 4-6 print as "PR".
 * - rank90Energy: smallest r with s_1^2 + ... + s_r^2 >= 0.9 sum s^2; rank90Seed05 is the same on s
 *   (seed 05's "90% energy rank" accumulates singular values, not their squares).
 * - conditionNumber = s_max / s_min; Infinity (with conditionNote) when s_min <= max(rows, cols) eps s_max,
 *   numpy's matrix_rank tolerance, because below it s_min is rounding noise. Seed 05 instead prints
 *   s_max / (s_min + 1e-10), which only differs for such matrices.
 * - sparsity: |w| < 1e-6, 1e-4, 1e-3, 1e-2, 1e-1, compared in float64 (seed 05 section 4's thresholds).
 * Checked against numpy in fixtures/weights.reference.json (scripts/reference_weights.py).
 */

/** float64 machine epsilon */
const EPS = 2.220446049250313e-16;

/** Shape of a spectrum; shared by weight matrices and QK forms. */
export interface SpectrumShape {
  /** sum s^2 / s_max^2 = ||W||_F^2 / ||W||_2^2 */
  stableRank: number;
  /** (sum s^2)^2 / sum s^4, PR of the eigenvalues s^2 */
  participationRatio: number;
  /** (sum s)^2 / sum s^2, seed 05's PR of the singular values */
  participationRatioSeed05: number;
}

/** Everything item 2 asks of one matrix, except its ESD fit (esd.ts). */
export interface MatrixReport {
  rows: number;
  cols: number;
  /** min(rows, cols): the number of singular values */
  k: number;
  /** ||W||_F from the entries, float64 */
  frobeniusNorm: number;
  /** ||W||_2 = s_max */
  spectralNorm: number;
  /** null for the zero matrix, whose ratios are all 0/0 */
  spectrum: MatrixSpectrum | null;
  /** |w| below each of 1e-6 ... 1e-1 */
  sparsity: ThresholdCount[];
}

export interface MatrixSpectrum extends SpectrumShape {
  /** count(s > 0.01 s_max) / k */
  activeFraction: number;
  /** smallest r with cumulative s^2 >= 0.9 of the total */
  rank90Energy: number;
  /** smallest r with cumulative s >= 0.9 of the total (seed 05's rank_90) */
  rank90Seed05: number;
  /** s_max / s_min; Infinity when s_min is at or below numerical zero */
  conditionNumber: number;
  /** why conditionNumber is Infinity; null otherwise */
  conditionNote: string | null;
}

/** Stable rank and both participation ratios of a descending spectrum s (null when s is all zero). */
export function spectrumShape(s: ArrayLike<number>): SpectrumShape | null {
  let sum1 = 0;
  let sum2 = 0;
  let sum4 = 0;
  for (let i = 0; i < s.length; i++) {
    const v = s[i];
    const v2 = v * v;
    sum1 += v;
    sum2 += v2;
    sum4 += v2 * v2;
  }
  if (!(sum2 > 0)) return null;
  const top = s[0] * s[0];
  return { stableRank: sum2 / top, participationRatio: (sum2 * sum2) / sum4, participationRatioSeed05: (sum1 * sum1) / sum2 };
}

/** Smallest r with cumulative sum of values[0..r) >= fraction of the whole (values non-negative). */
export function rankForFraction(values: ArrayLike<number>, fraction: number): number {
  const cum = new Float64Array(values.length);
  let acc = 0;
  for (let i = 0; i < values.length; i++) cum[i] = acc += values[i];
  const total = acc;
  // numpy: searchsorted(cumsum / cumsum[-1], fraction) + 1 (the same sequential cumsum, the same division).
  for (let i = 0; i < cum.length; i++) if (cum[i] / total >= fraction) return i + 1;
  return cum.length;
}

/**
 * Metrics of matrix `m` from its singular values `s` ([min(rows, cols)], descending, as
 * linalg/cpu singularValues returns them).
 */
export function matrixReport(m: Matrix, s: Float64Array): MatrixReport {
  checkMatrix('matrixReport', m);
  const { rows, cols } = m;
  const k = Math.min(rows, cols);
  if (s.length !== k) throw new Error(`matrixReport: expected ${k} singular values for ${rows}x${cols}, got ${s.length}`);
  let fro2 = 0;
  for (let i = 0; i < m.data.length; i++) fro2 += m.data[i] * m.data[i];
  return {
    rows,
    cols,
    k,
    frobeniusNorm: Math.sqrt(fro2),
    spectralNorm: s[0],
    spectrum: matrixSpectrum(s, Math.max(rows, cols)),
    sparsity: countBelow(m.data),
  };
}

/** The spectral part of the report; `maxDim` = max(rows, cols) sets the rank tolerance. */
export function matrixSpectrum(s: Float64Array, maxDim: number): MatrixSpectrum | null {
  const shape = spectrumShape(s);
  if (!shape) return null;
  const k = s.length;
  const sMax = s[0];
  const sMin = s[k - 1];
  let active = 0;
  for (let i = 0; i < k; i++) if (s[i] > 0.01 * sMax) active++;
  const tol = sMax * maxDim * EPS;
  const deficient = sMin <= tol;
  return {
    ...shape,
    activeFraction: active / k,
    rank90Energy: rankForFraction(s.map((v) => v * v), 0.9),
    rank90Seed05: rankForFraction(s, 0.9),
    conditionNumber: deficient ? Infinity : sMax / sMin,
    conditionNote: deficient
      ? `s_min = ${sMin.toExponential(3)} is at or below numerical zero (max(rows, cols) * eps * s_max = ${tol.toExponential(3)}): the matrix is rank deficient`
      : null,
  };
}
