/**
 * The seed's simplex pieces (seed 05 section 12): `build_regular_simplex` and the Cayley-Menger
 * validator `CMValidator`, in float64.
 *
 * build_regular_simplex is mirrored as the seed's code computes it, quirks included: vertex i gets the
 * diagonal sqrt((k+1) / (k (1 + 1/(i+1)))) (sqrt((k+1)/k) for i = 0) and every earlier column the
 * constant -1 / (k v[prev, prev]); the result is centred and scaled so that the edge v0-v1 has length 1.
 * That is a regular simplex for k = 1 only: for k = 2 the edges are 1, 1.1023, 0.9205 and vol^2 is
 * 0.18827 instead of 3/16 (see simplex.test.ts). The seed builds it in float32 (torch.zeros); here it is
 * float64, which moves the vertices by about 1e-8.
 */
import { determinant } from '../../../linalg/cpu/det';
import { vertexPairs } from './config';

/** [k+1, edim] row-major: the seed's template vertices (see the module doc). */
export function buildRegularSimplex(k: number, edim: number): Float64Array {
  const nv = k + 1;
  if (edim < k) throw new RangeError(`edim (${edim}) must be >= k (${k})`);
  const v = new Float64Array(nv * edim);
  for (let i = 0; i < nv; i++) {
    if (i < edim) {
      v[i * edim + i] = i === 0 ? Math.sqrt((k + 1) / k) : Math.sqrt((k + 1) / (k * (1 + 1 / (i + 1))));
      for (let prev = 0; prev < i; prev++) {
        const d = v[prev * edim + prev];
        v[i * edim + prev] = d !== 0 ? -1 / (k * d) : 0;
      }
    }
  }
  for (let c = 0; c < edim; c++) {
    let mean = 0;
    for (let i = 0; i < nv; i++) mean += v[i * edim + c];
    mean /= nv;
    for (let i = 0; i < nv; i++) v[i * edim + c] -= mean;
  }
  if (nv >= 2) {
    let e2 = 0;
    for (let c = 0; c < edim; c++) e2 += (v[c] - v[edim + c]) ** 2;
    const edge = Math.sqrt(e2);
    if (edge > 1e-8) for (let i = 0; i < v.length; i++) v[i] /= edge;
  }
  return v;
}

/** (-1)^(k+1) / (2^k (k!)^2): vol^2 = prefactor * det(CM) for a k-simplex. */
export function cmPrefactor(k: number): number {
  let fact = 1;
  for (let i = 2; i <= k; i++) fact *= i;
  return (k % 2 === 1 ? 1 : -1) / (2 ** k * fact * fact);
}

/** vol^2 of the regular k-simplex with unit edges, (k+1) / (2^k (k!)^2): the closed form the template is checked against. */
export function regularSimplexVol2(k: number): number {
  return Math.abs(cmPrefactor(k)) * (k + 1);
}

export interface CMFeatures {
  /** [n_pairs] squared distances of the pairs (i < j) in combinations order */ d2Pairs: Float64Array;
  /** prefactor * det of the bordered matrix; can be slightly negative for degenerate vertices */ vol2: number;
}

/**
 * The seed's CMValidator on one simplex `verts` [k+1, edim]: squared distances from the Gram matrix,
 * n_i + n_j - 2 G_ij clamped at 0 (the diagonal too, as computed, not set to 0), then the bordered
 * matrix [[0, 1^T], [1, D]] and its determinant.
 */
export function cayleyMengerFeatures(verts: ArrayLike<number>, k: number, edim: number): CMFeatures {
  const nv = k + 1;
  const gram = new Float64Array(nv * nv);
  for (let i = 0; i < nv; i++) {
    for (let j = 0; j < nv; j++) {
      let acc = 0;
      for (let c = 0; c < edim; c++) acc += verts[i * edim + c] * verts[j * edim + c];
      gram[i * nv + j] = acc;
    }
  }
  const s = nv + 1;
  const cm = new Float64Array(s * s);
  for (let i = 0; i < nv; i++) {
    cm[i + 1] = 1;
    cm[(i + 1) * s] = 1;
    for (let j = 0; j < nv; j++) cm[(i + 1) * s + j + 1] = Math.max(0, gram[i * nv + i] + gram[j * nv + j] - 2 * gram[i * nv + j]);
  }
  const pairs = vertexPairs(k);
  const d2Pairs = Float64Array.from(pairs, ([i, j]) => cm[(i + 1) * s + j + 1]);
  return { d2Pairs, vol2: cmPrefactor(k) * determinant(cm, s) };
}
