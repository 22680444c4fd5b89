/** Summary of a sample of values (norms, cosines, volumes) as the seed prints and plots it. */
import { histogram, mean, percentile, sortedCopy, std, type Histogram } from '../../linalg/cpu/stats';

/** Percentile levels the seed prints (05, sections 1 and 13a). */
export const SEED_PERCENTILES = [1, 5, 25, 50, 75, 95, 99] as const;

/** One percentile of a sample. */
export interface Percentile {
  /** level in [0, 100] */
  p: number;
  /** numpy's default 'linear' percentile */
  value: number;
}

/** Moments, order statistics and histogram of a sample; every number is NaN when n = 0. */
export interface Distribution {
  /** number of values */
  n: number;
  mean: number;
  /** population standard deviation, ddof = 0 (numpy's default, as the seed uses) */
  std: number;
  min: number;
  max: number;
  /** 50th percentile, linear */
  median: number;
  /** at the requested levels, in the order asked */
  percentiles: Percentile[];
  /** numpy.histogram over [min, max]: edges [bins + 1], counts [bins] */
  histogram: Histogram;
}

/** Summarises `values` (not modified); arithmetic in float64. */
export function summarize(values: ArrayLike<number>, levels: readonly number[] = SEED_PERCENTILES, bins = 100): Distribution {
  const sorted = sortedCopy(values);
  const n = sorted.length;
  return {
    n,
    mean: mean(values),
    std: n ? std(values, 0) : NaN,
    min: n ? sorted[0] : NaN,
    max: n ? sorted[n - 1] : NaN,
    median: percentile(sorted, 50),
    percentiles: levels.map((p) => ({ p, value: percentile(sorted, p) })),
    histogram: histogram(sorted, bins),
  };
}

/** Row norms plus the seed's epsilon: cosines divide by (||a|| + eps)(||b|| + eps) as the seed's code does. */
export const COSINE_EPS = 1e-8;

/** [rows] L2 norm of each row of a row-major [rows, d] matrix, sum of squares in float64. */
export function rowNorms(x: ArrayLike<number>, rows: number, d: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const base = r * d;
    for (let c = 0; c < d; c++) s += x[base + c] * x[base + c];
    out[r] = Math.sqrt(s);
  }
  return out;
}

/** Dot product of rows i and j of a row-major [*, d] matrix, in float64. */
export function rowDot(x: ArrayLike<number>, i: number, j: number, d: number): number {
  let s = 0;
  const a = i * d;
  const b = j * d;
  for (let c = 0; c < d; c++) s += x[a + c] * x[b + c];
  return s;
}

/**
 * [m, m] row-major cosine matrix of the rows `ids` of a row-major [*, d] matrix, with the seed's
 * epsilon (so the diagonal is just below 1, and a zero row has cosine 0 with everything).
 */
export function cosineMatrix(x: ArrayLike<number>, d: number, ids: ArrayLike<number>): Float64Array {
  const m = ids.length;
  const norms = new Float64Array(m);
  for (let i = 0; i < m; i++) norms[i] = Math.sqrt(rowDot(x, ids[i], ids[i], d)) + COSINE_EPS;
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const c = rowDot(x, ids[i], ids[j], d) / (norms[i] * norms[j]);
      out[i * m + j] = c;
      out[j * m + i] = c;
    }
  }
  return out;
}

/** Mean and population std of the strict upper triangle of a symmetric [m, m] matrix (NaN when m < 2). */
export function upperTriangleStats(a: Float64Array, m: number): { mean: number; std: number; n: number } {
  const n = (m * (m - 1)) / 2;
  const vals = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) vals[k++] = a[i * m + j];
  return { n, mean: mean(vals), std: n ? std(vals, 0) : NaN };
}
