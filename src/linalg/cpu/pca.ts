import { symmetricEigen } from './eigen';
import { gram, rowGram } from './gram';
import { checkShape, type Mat } from './types';

export interface Pca {
  /** [d] column means of X. */
  mean: Float64Array;
  /** [k, d] principal axes as rows, unit norm, each signed so its largest-|.| entry is positive. */
  components: Float64Array;
  /** [k] variance along each axis: eigenvalues of the covariance (ddof 1), descending, clamped at 0. */
  variances: Float64Array;
  /** Trace of the covariance (ddof 1): the sum of all d variances. */
  totalVariance: number;
}

/**
 * PCA of X [n, d] row-major (n samples of dimension d) keeping k components. Uses the smaller of the
 * two eigenproblems: the d x d covariance, or the n x n Gram of the centred samples (when n <= d and
 * k < n), mapping its eigenvectors back through X_c^T. Needs n >= 2 and 1 <= k <= d.
 */
export function pca(x: Mat, n: number, d: number, k: number): Pca {
  checkShape('pca', x, n, d);
  if (n < 2) throw new Error('pca: need at least 2 samples');
  if (!Number.isInteger(k) || k < 1 || k > d) throw new Error(`pca: need 1 <= k <= d = ${d}, got ${k}`);
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let c = 0; c < d; c++) mean[c] += x[r * d + c];
  for (let c = 0; c < d; c++) mean[c] /= n;
  const xc = new Float64Array(n * d);
  let total = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < d; c++) {
      const v = x[r * d + c] - mean[c];
      xc[r * d + c] = v;
      total += v * v;
    }
  }
  const ddof = n - 1;
  const components = new Float64Array(k * d);
  const variances = new Float64Array(k);
  if (n <= d && k < n) {
    // K = X_c X_c^T [n, n]; an eigenvector u of K with eigenvalue mu gives the axis X_c^T u / ||X_c^T u||.
    const eig = symmetricEigen(rowGram(xc, n, d), n, { vectors: true, count: k });
    const u = eig.vectors as Float64Array; // [n, k]
    for (let j = 0; j < k; j++) {
      variances[j] = Math.max(0, eig.values[j]) / ddof;
      const row = j * d;
      for (let r = 0; r < n; r++) {
        const f = u[r * k + j];
        for (let c = 0; c < d; c++) components[row + c] += f * xc[r * d + c];
      }
      let norm = 0;
      for (let c = 0; c < d; c++) norm += components[row + c] ** 2;
      norm = Math.sqrt(norm);
      if (norm > 0) for (let c = 0; c < d; c++) components[row + c] /= norm;
    }
  } else {
    const eig = symmetricEigen(gram(xc, n, d, 'cols'), d, { vectors: true, count: k });
    const v = eig.vectors as Float64Array; // [d, k]
    for (let j = 0; j < k; j++) {
      variances[j] = Math.max(0, eig.values[j]) / ddof;
      for (let c = 0; c < d; c++) components[j * d + c] = v[c * k + j];
    }
  }
  for (let j = 0; j < k; j++) fixSign(components, j * d, d);
  return { mean, components, variances, totalVariance: total / ddof };
}

/** Flips a row so its largest-magnitude entry (the first such) is positive: signs become reproducible. */
function fixSign(m: Float64Array, row: number, d: number): void {
  let best = 0;
  for (let c = 1; c < d; c++) if (Math.abs(m[row + c]) > Math.abs(m[row + best])) best = c;
  if (m[row + best] < 0) for (let c = 0; c < d; c++) m[row + c] = -m[row + c];
}

/** [n, k] coordinates of the rows of X [n, d] on the axes of `p`, after subtracting p.mean. */
export function project(x: Mat, n: number, d: number, p: Pca): Float64Array {
  checkShape('project', x, n, d);
  if (p.mean.length !== d) throw new Error(`project: PCA was fitted on dimension ${p.mean.length}, not ${d}`);
  const k = p.variances.length;
  const out = new Float64Array(n * k);
  const row = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < d; c++) row[c] = x[r * d + c] - p.mean[c];
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += row[c] * p.components[j * d + c];
      out[r * k + j] = s;
    }
  }
  return out;
}
