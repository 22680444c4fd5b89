import { describe, expect, it } from 'vitest';
import { chooseAnchors, cosineSimilarity, geometricTarget, interpolateFromAnchors, procrustesProjection, spectralEmbedding } from './geometric';
import { Rng } from '../../linalg/cpu/rng';

/** [rows, cols] with orthonormal rows (Gram-Schmidt on Gaussian rows). */
function orthonormalRows(rng: Rng, rows: number, cols: number): Float64Array {
  const m = rng.normals(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let p = 0; p < i; p++) {
      let d = 0;
      for (let c = 0; c < cols; c++) d += m[i * cols + c] * m[p * cols + c];
      for (let c = 0; c < cols; c++) m[i * cols + c] -= d * m[p * cols + c];
    }
    let n = 0;
    for (let c = 0; c < cols; c++) n += m[i * cols + c] ** 2;
    for (let c = 0; c < cols; c++) m[i * cols + c] /= Math.sqrt(n);
  }
  return m;
}

function matmul(a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let l = 0; l < k; l++) for (let j = 0; j < m; j++) out[i * m + j] += a[i * k + l] * b[l * m + j];
  return out;
}

/** [n, d] unit rows, the second half the negatives of the first (mean exactly zero). */
function symmetricUnitRows(rng: Rng, n: number, d: number): Float64Array {
  const half = rng.normals((n / 2) * d);
  const out = new Float64Array(n * d);
  for (let r = 0; r < n / 2; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += half[r * d + j] ** 2;
    for (let j = 0; j < d; j++) {
      out[r * d + j] = half[r * d + j] / Math.sqrt(s);
      out[(r + n / 2) * d + j] = -out[r * d + j];
    }
  }
  return out;
}

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

describe('geometric target (seed 05 section 8)', () => {
  it('Procrustes recovers a known rotation onto the residual PCA, with the seed scale', () => {
    const nA = 60, nGeo = 6, d = 16;
    const rng = new Rng(11);
    const geo = symmetricUnitRows(rng, nA, nGeo);
    const q = orthonormalRows(rng, nGeo, nGeo); // the known rotation
    const basis = orthonormalRows(rng, nGeo, d); // where the residual PCA lives
    const offset = rng.normals(d);
    const reps = matmul(matmul(geo, q, nA, nGeo, nGeo), basis, nA, nGeo, d).map((v, i) => v + offset[i % d]);
    const p = procrustesProjection(geo, reps, nA, nGeo, d, 0.1);
    // R P is the known Q times the true basis, whatever signs the PCA axes took.
    const rp = matmul(p.rotation, p.pcaAxes, nGeo, nGeo, d);
    expect(maxAbs(rp, matmul(q, basis, nGeo, nGeo, d))).toBeLessThan(1e-7);
    expect(p.alignmentCos).toBeCloseTo(1, 7);
    // proj = (R P)^T * 0.1 * mean residual norm
    let scale = 0;
    for (let r = 0; r < nA; r++) scale += Math.hypot(...reps.subarray(r * d, (r + 1) * d)) / nA;
    expect(p.residualScale).toBeCloseTo(scale, 10);
    for (let c = 0; c < d; c++) for (let i = 0; i < nGeo; i++) expect(p.proj[c * nGeo + i]).toBeCloseTo(rp[i * d + c] * 0.1 * scale, 7);
  });

  it('the spectral embedding reproduces a rank-nGeo cosine matrix', () => {
    const n = 30, r = 5;
    const x = symmetricUnitRows(new Rng(3), n, r);
    const sim = cosineSimilarity(x, n, r);
    const g = spectralEmbedding(sim, n, r);
    for (let i = 0; i < n; i++) expect(Math.hypot(...g.subarray(i * r, (i + 1) * r))).toBeCloseTo(1, 12);
    const gram = matmul(g, Float64Array.from({ length: r * n }, (_, k) => g[(k % n) * r + Math.floor(k / n)]), n, r, n);
    // 2e-8: the seed's normalisation by (norm + 1e-8) shrinks the off-diagonal cosines of unit rows by that much.
    expect(maxAbs(gram, sim)).toBeLessThan(1e-7);
  });

  it('interpolation keeps anchors and follows the nearest anchors by embedding cosine', () => {
    const E = Float64Array.from([1, 0, 0, 0, /**/ 0, 1, 0, 0, /**/ 0, 0, 1, 0, /**/ 0, 0, 0, 1, /**/ 2, 0, 0, 0, /**/ 1, 1, 0, 0]);
    const anchors = [0, 1, 2, 3];
    const ag = symmetricUnitRows(new Rng(4), 4, 3);
    const geo = interpolateFromAnchors(E, 6, 4, anchors, ag, 3, { k: 2, sharpness: 10 });
    expect(maxAbs(geo.subarray(0, 12), ag)).toBe(0);
    // token 4 points along anchor 0: softmax(10, 0) puts 1/(1 + e^-10) on it
    expect(maxAbs(geo.subarray(12, 15), ag.subarray(0, 3))).toBeLessThan(1e-3);
    // token 5 is equally close to anchors 0 and 1: the normalised mean of their rows
    const mid = [0, 1, 2].map((j) => ag[j] + ag[3 + j]);
    const n = Math.hypot(...mid);
    expect(maxAbs(geo.subarray(15, 18), mid.map((v) => v / n))).toBeLessThan(1e-7);
  });

  it('end to end: anchors are seeded and distinct, the table is proj applied to geo', () => {
    const V = 40, dE = 8, d = 12, nGeo = 4;
    const anchors = chooseAnchors(V, 16, 42);
    expect(chooseAnchors(V, 16, 42)).toEqual(anchors);
    expect(new Set(anchors).size).toBe(16);
    expect([...anchors].sort((a, b) => a - b)).toEqual(anchors);
    const E = new Rng(8).normals(V * dE);
    const reps = new Rng(9).normals(16 * d);
    const t = geometricTarget(E, V, dE, reps, d, { anchors, nGeo });
    expect(t.table).toHaveLength(V * d);
    for (const tok of [0, 17, 39]) {
      for (let c = 0; c < d; c++) {
        let s = 0;
        for (let i = 0; i < nGeo; i++) s += t.projection.proj[c * nGeo + i] * t.geo[tok * nGeo + i];
        expect(t.table[tok * d + c]).toBeCloseTo(s, 5);
      }
    }
    expect(() => chooseAnchors(V, 41, 1)).toThrow(/nAnchor <= vocab/);
    expect(() => geometricTarget(E, V, dE, reps, d, { anchors, nGeo: 13 })).toThrow(RangeError);
  });
});
