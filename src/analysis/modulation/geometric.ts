/**
 * The seed's geometric target (seed 05 section 8, "full self-contained pipeline"), step by step, with
 * the model's own static embedding cosine standing in for WordNet similarity:
 *
 * 1. anchors: nAnchor distinct tokens drawn with the lab's seeded Rng (the seed: rng.choice, 3000);
 * 2. similarity among anchors: cosine of the static embeddings (the seed: WordNet wup_similarity), 1 on
 *    the diagonal;
 * 3. eigendecomposition of that matrix, eigenvalues descending; the top nGeo eigenvectors scaled by
 *    sqrt(max(eigenvalue, 0)), rows normalised (norm clamped at 1e-8): the anchors' geometric embedding;
 * 4. every other token: its k = 10 most cosine-similar anchors (static embeddings normalised with
 *    + 1e-8), weights softmax(10 * cosine), the weighted mean of their geometric rows, normalised (+ 1e-8);
 * 5. Procrustes onto the residual stream: PCA (nGeo axes) of the anchors' residual representations,
 *    their PCA coordinates normalised (+ 1e-8); both sets centred; R = argmin ||geo_c R - pca_c|| over
 *    orthogonal R; the projection W = (R P)^T [d_model, nGeo] with P the PCA axes;
 * 6. the seed's projection scale: W *= 0.1 * mean ||residual representation|| of the anchors;
 * 7. the per-token target table T = G W^T [vocab, d_model] (what the seed's modulator computes as
 *    proj(geometric_embed(token))).
 * The seed's residual representation of a token is the encoder's final hidden state of a text about
 * it; the lab passes the final-layer state of the token run alone (see Modulator / Lab).
 */
import { symmetricEigen } from '../../linalg/cpu/eigen';
import { orthogonalProcrustes } from '../../linalg/cpu/procrustes';
import { pca, project } from '../../linalg/cpu/pca';
import { Rng } from '../../linalg/cpu/rng';

/** Step 1: [nAnchor] distinct token ids, sorted, drawn with Rng(seed).sample. */
export function chooseAnchors(vocabSize: number, nAnchor: number, seed: number): number[] {
  if (!Number.isInteger(nAnchor) || nAnchor < 2 || nAnchor > vocabSize) throw new RangeError(`geometric target: need 2 <= nAnchor <= vocab (${vocabSize}), got ${nAnchor}`);
  return Array.from(new Rng(seed).sample(vocabSize, nAnchor)).sort((a, b) => a - b);
}

/** Rows of x [n, d] divided by (||row|| + eps), as float64 (the seed's `x / (norm + 1e-8)`). */
function normaliseRows(x: ArrayLike<number>, n: number, d: number, eps = 1e-8, clamp = false): Float64Array {
  const out = new Float64Array(n * d);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[r * d + j] ** 2;
    const norm = Math.sqrt(s);
    const div = clamp ? Math.max(norm, eps) : norm + eps;
    for (let j = 0; j < d; j++) out[r * d + j] = x[r * d + j] / div;
  }
  return out;
}

/** Step 2: [n, n] cosine similarity of the rows of x [n, d] (diagonal set to 1, as the seed's np.eye start). */
export function cosineSimilarity(x: ArrayLike<number>, n: number, d: number): Float64Array {
  const u = normaliseRows(x, n, d);
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    s[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      let v = 0;
      for (let k = 0; k < d; k++) v += u[i * d + k] * u[j * d + k];
      s[i * n + j] = v;
      s[j * n + i] = v;
    }
  }
  return s;
}

/** Step 3: [n, nGeo] unit rows: top-nGeo eigenvectors of sim [n, n] scaled by sqrt(eigenvalue), normalised. */
export function spectralEmbedding(sim: Float64Array, n: number, nGeo: number): Float64Array {
  if (nGeo < 1 || nGeo > n) throw new RangeError(`geometric target: need 1 <= nGeo <= ${n}, got ${nGeo}`);
  const eig = symmetricEigen(sim, n, { vectors: true });
  const v = eig.vectors!;
  const out = new Float64Array(n * nGeo);
  for (let j = 0; j < nGeo; j++) {
    const s = Math.sqrt(Math.max(eig.values[j], 0));
    for (let i = 0; i < n; i++) out[i * nGeo + j] = v[i * n + j] * s;
  }
  return normaliseRows(out, n, nGeo, 1e-8, true);
}

export interface InterpolationOptions {
  /** anchors per token (the seed: 10) */ k: number;
  /** softmax sharpness on the cosines (the seed: 10) */ sharpness: number;
}

/**
 * Step 4: [vocab, nGeo] geometric rows for every token: anchors keep theirs, the others interpolate
 * their k nearest anchors by static-embedding cosine.
 * @param embedding [vocab, dEmb] static token embeddings
 * @param anchorGeo [anchors.length, nGeo] from spectralEmbedding
 */
export function interpolateFromAnchors(embedding: ArrayLike<number>, vocab: number, dEmb: number, anchors: readonly number[], anchorGeo: Float64Array, nGeo: number, o: InterpolationOptions): Float64Array {
  const nA = anchors.length;
  const k = Math.min(o.k, nA);
  const u = normaliseRows(embedding, vocab, dEmb);
  const geo = new Float64Array(vocab * nGeo);
  const isAnchor = new Map(anchors.map((t, i) => [t, i]));
  const cos = new Float64Array(nA);
  for (let t = 0; t < vocab; t++) {
    const a = isAnchor.get(t);
    if (a !== undefined) {
      geo.set(anchorGeo.subarray(a * nGeo, (a + 1) * nGeo), t * nGeo);
      continue;
    }
    for (let i = 0; i < nA; i++) {
      let v = 0;
      for (let j = 0; j < dEmb; j++) v += u[t * dEmb + j] * u[anchors[i] * dEmb + j];
      cos[i] = v;
    }
    const top = Array.from({ length: nA }, (_, i) => i).sort((x, y) => cos[y] - cos[x] || x - y).slice(0, k);
    const m = Math.max(...top.map((i) => cos[i]));
    const w = top.map((i) => Math.exp(o.sharpness * (cos[i] - m)));
    const z = w.reduce((p, q) => p + q, 0);
    const row = new Float64Array(nGeo);
    top.forEach((i, r) => {
      for (let j = 0; j < nGeo; j++) row[j] += (w[r] / z) * anchorGeo[i * nGeo + j];
    });
    geo.set(normaliseRows(row, 1, nGeo), t * nGeo);
  }
  return geo;
}

export interface ProcrustesProjection {
  /** [d_model, nGeo] the seed's proj.weight: (R P)^T times the projection scale */ proj: Float64Array;
  /** [nGeo, nGeo] orthogonal R minimising ||geo_c R - pca_c||_F */ rotation: Float64Array;
  /** [nGeo, d_model] PCA axes P of the anchors' residual representations */ pcaAxes: Float64Array;
  /** mean L2 norm of the anchors' residual representations */ residualScale: number;
  /** projectionScale * residualScale: the factor applied to (R P)^T */ scale: number;
  /** mean cosine between the aligned anchors (geo_c R + mean) and their normalised PCA coordinates */ alignmentCos: number;
}

/**
 * Steps 5 and 6.
 * @param anchorGeo [nA, nGeo] the anchors' geometric rows
 * @param anchorReps [nA, d_model] the anchors' residual representations
 * @param projectionScale the seed's 0.1
 */
export function procrustesProjection(anchorGeo: Float64Array, anchorReps: ArrayLike<number>, nA: number, nGeo: number, dModel: number, projectionScale: number): ProcrustesProjection {
  if (nGeo > dModel || nGeo >= nA) throw new RangeError(`geometric target: need nGeo (${nGeo}) <= d_model (${dModel}) and < anchors (${nA})`);
  const reps = Float64Array.from(anchorReps);
  const p = pca(reps, nA, dModel, nGeo);
  const encPcaN = normaliseRows(project(reps, nA, dModel, p), nA, nGeo);
  const geoN = normaliseRows(anchorGeo, nA, nGeo);
  const centre = (x: Float64Array) => {
    const mean = new Float64Array(nGeo);
    for (let r = 0; r < nA; r++) for (let j = 0; j < nGeo; j++) mean[j] += x[r * nGeo + j] / nA;
    return { c: x.map((v, i) => v - mean[i % nGeo]), mean };
  };
  const g = centre(geoN);
  const e = centre(encPcaN);
  const rotation = orthogonalProcrustes(g.c, e.c, nA, nGeo);
  let alignment = 0;
  for (let r = 0; r < nA; r++) {
    let dot = 0, na = 0, nb = 0;
    for (let j = 0; j < nGeo; j++) {
      let a = e.mean[j];
      for (let l = 0; l < nGeo; l++) a += g.c[r * nGeo + l] * rotation[l * nGeo + j];
      const b = encPcaN[r * nGeo + j];
      dot += a * b;
      na += a * a;
      nb += b * b;
    }
    alignment += dot / (Math.sqrt(na) * Math.sqrt(nb) + 1e-8);
  }
  let residualScale = 0;
  for (let r = 0; r < nA; r++) {
    let s = 0;
    for (let j = 0; j < dModel; j++) s += reps[r * dModel + j] ** 2;
    residualScale += Math.sqrt(s) / nA;
  }
  const scale = projectionScale * residualScale;
  // proj [d_model, nGeo] = (R P)^T * scale, i.e. proj[c, i] = sum_l R[i, l] P[l, c] * scale.
  const proj = new Float64Array(dModel * nGeo);
  for (let i = 0; i < nGeo; i++) {
    for (let l = 0; l < nGeo; l++) {
      const ril = rotation[i * nGeo + l];
      for (let c = 0; c < dModel; c++) proj[c * nGeo + i] += ril * p.components[l * dModel + c] * scale;
    }
  }
  return { proj, rotation, pcaAxes: p.components, residualScale, scale, alignmentCos: alignment / nA };
}

export interface GeometricTarget {
  /** [vocab, d_model] float32: the per-token target proj(geo(token)) */ table: Float32Array;
  /** [vocab, nGeo] the geometric embedding */ geo: Float64Array;
  projection: ProcrustesProjection;
  anchors: number[];
  nGeo: number;
}

export interface GeometricOptions {
  /** the anchor tokens (chooseAnchors) */ anchors: readonly number[];
  /** geometric dimensions (the seed: 64), at most d_model and fewer than the anchors */ nGeo: number;
  /** k nearest anchors (the seed: 10) */ k?: number;
  /** softmax sharpness (the seed: 10) */ sharpness?: number;
  /** the seed's projection scale, 0.1 */ projectionScale?: number;
}

/**
 * Steps 2-7 for a model: static embedding [vocab, dEmb] and the anchors' residual representations
 * [anchors, d_model] in, the per-token target table out.
 */
export function geometricTarget(embedding: ArrayLike<number>, vocab: number, dEmb: number, anchorReps: ArrayLike<number>, dModel: number, o: GeometricOptions): GeometricTarget {
  const nA = o.anchors.length;
  const anchorEmb = new Float64Array(nA * dEmb);
  o.anchors.forEach((t, i) => {
    for (let j = 0; j < dEmb; j++) anchorEmb[i * dEmb + j] = embedding[t * dEmb + j];
  });
  const anchorGeo = spectralEmbedding(cosineSimilarity(anchorEmb, nA, dEmb), nA, o.nGeo);
  const geo = interpolateFromAnchors(embedding, vocab, dEmb, o.anchors, anchorGeo, o.nGeo, { k: o.k ?? 10, sharpness: o.sharpness ?? 10 });
  const projection = procrustesProjection(anchorGeo, anchorReps, nA, o.nGeo, dModel, o.projectionScale ?? 0.1);
  const table = new Float32Array(vocab * dModel);
  for (let t = 0; t < vocab; t++) {
    for (let c = 0; c < dModel; c++) {
      let s = 0;
      for (let i = 0; i < o.nGeo; i++) s += projection.proj[c * o.nGeo + i] * geo[t * o.nGeo + i];
      table[t * dModel + c] = s;
    }
  }
  return { table, geo, projection, anchors: [...o.anchors], nGeo: o.nGeo };
}
