import { determinant } from './det';
import { checkShape, type Mat } from './types';

/**
 * Determinant of the Cayley-Menger matrix of m points in R^d (`points` [m, d] row-major): the
 * (m+1) x (m+1) matrix [[0, 1^T], [1, D]] with D_ij = ||p_i - p_j||^2, squared distances in float64.
 */
export function cayleyMengerDeterminant(points: Mat, m: number, d: number): number {
  return determinant(cayleyMengerMatrix(points, m, d), m + 1);
}

/** [(m+1), (m+1)] the bordered squared-distance matrix itself. */
export function cayleyMengerMatrix(points: Mat, m: number, d: number): Float64Array {
  checkShape('cayleyMengerMatrix', points, m, d);
  const s = m + 1;
  const cm = new Float64Array(s * s);
  for (let i = 1; i < s; i++) {
    cm[i] = 1;
    cm[i * s] = 1;
  }
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      let acc = 0;
      for (let c = 0; c < d; c++) {
        const diff = points[i * d + c] - points[j * d + c];
        acc += diff * diff;
      }
      cm[(i + 1) * s + (j + 1)] = acc;
      cm[(j + 1) * s + (i + 1)] = acc;
    }
  }
  return cm;
}

/**
 * k-volume of the simplex spanned by m = k + 1 points in R^d (`points` [m, d]):
 * V^2 = (-1)^(k+1) / (2^k (k!)^2) det(CM). A V^2 that rounding made slightly negative
 * (degenerate points) is clamped to 0. One point has volume 1 (k = 0) by convention of the formula.
 */
export function simplexVolume(points: Mat, m: number, d: number): number {
  if (m < 1) throw new Error('simplexVolume: need at least one point');
  const k = m - 1;
  // Scale squared distances to O(1) first so det() neither overflows nor underflows; V^2 scales by c^k.
  const cm = cayleyMengerMatrix(points, m, d);
  const s = m + 1;
  let maxD = 0;
  for (let i = 0; i < cm.length; i++) if (cm[i] > maxD && i >= s && i % s !== 0) maxD = cm[i];
  if (k === 0) return 1;
  if (maxD === 0) return 0;
  for (let i = 1; i < s; i++) for (let j = 1; j < s; j++) cm[i * s + j] /= maxD;
  let factorial = 1;
  for (let i = 2; i <= k; i++) factorial *= i;
  const sign = (k + 1) % 2 === 0 ? 1 : -1;
  const v2 = (sign * determinant(cm, s)) / (2 ** k * factorial * factorial);
  return v2 > 0 ? Math.sqrt(v2) * Math.pow(maxD, k / 2) : 0;
}
