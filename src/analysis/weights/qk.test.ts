import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../linalg/cpu/eigen';
import { Rng } from '../../linalg/cpu/rng';
import { singularValues } from '../../linalg/cpu/singular-values';
import { svd } from '../../linalg/cpu/svd';
import { qkManifold, QK_EIG_RTOL, type QkForm } from './qk';
import { maxRel, storiesCatalog, weightsReference, type RefForm } from './test-fixtures';
import type { Matrix } from './types';

function gaussian(rows: number, cols: number, seed: number): Matrix {
  return { data: Float32Array.from(new Rng(seed).normals(rows * cols)), rows, cols };
}

/** The dense oracle: M = A^T B [d, d] for head h reading kv head g. */
function denseHeadForm(wq: Matrix, wk: Matrix, h: number, g: number, dh: number): Float64Array {
  const d = wq.cols;
  const m = new Float64Array(d * d);
  for (let p = 0; p < dh; p++) {
    for (let i = 0; i < d; i++) {
      const a = wq.data[(h * dh + p) * d + i];
      for (let j = 0; j < d; j++) m[i * d + j] += a * wk.data[(g * dh + p) * d + j];
    }
  }
  return m;
}

function denseStats(m: Float64Array, d: number) {
  const sym = new Float64Array(d * d);
  let fro = 0;
  let anti = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      sym[i * d + j] = 0.5 * (m[i * d + j] + m[j * d + i]);
      fro += m[i * d + j] ** 2;
      anti += (m[i * d + j] - m[j * d + i]) ** 2;
    }
  }
  return { s: singularValues(m, d, d), eig: symmetricEigen(sym, d).values, fro: Math.sqrt(fro), symDev: Math.sqrt(anti / fro) };
}

describe('qkManifold: the small route equals the dense form', () => {
  it.each([
    ['MHA', 24, 3, 3, 4],
    ['GQA', 24, 4, 2, 4],
    ['d_model < 2 d_head', 6, 2, 1, 4],
  ] as const)('%s', (_label, d, nHeads, nKv, dh) => {
    const wq = gaussian(nHeads * dh, d, 11);
    const wk = gaussian(nKv * dh, d, 12);
    const res = qkManifold(wq, wk, nHeads, nKv, dh);
    for (const head of res.heads) {
      expect(head.kvHead).toBe(Math.floor(head.head / (nHeads / nKv)));
      const o = denseStats(denseHeadForm(wq, wk, head.head, head.kvHead, dh), d);
      const r = Math.min(d, dh);
      expect(maxRel(head.singularValues, o.s.subarray(0, r))).toBeLessThan(1e-10);
      expect(head.frobeniusNorm).toBeCloseTo(o.fro, 10);
      expect(head.symmetryDeviation).toBeCloseTo(o.symDev, 10);
      const tol = QK_EIG_RTOL * Math.max(...Array.from(o.eig, Math.abs));
      expect(head.nPositive).toBe(o.eig.filter((v) => v > tol).length);
      expect(head.nNegative).toBe(o.eig.filter((v) => v < -tol).length);
      expect(head.nPositive + head.nNegative + head.nZero).toBe(d);
      const scale = o.eig.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
      head.top5.forEach((v, i) => expect(Math.abs(v - o.eig[i]) / scale).toBeLessThan(1e-12));
      head.bottom5.forEach((v, i) => expect(Math.abs(v - o.eig[d - 1 - i]) / scale).toBeLessThan(1e-12));
    }
  });
});

describe('qkManifold invariants', () => {
  const d = 20;
  const dh = 5;

  it('W_K = W_Q gives a symmetric positive semi-definite form of rank d_head', () => {
    const w = gaussian(2 * dh, d, 5);
    for (const h of qkManifold(w, w, 2, 2, dh).heads) {
      expect(h.symmetryDeviation).toBeLessThan(1e-12);
      expect([h.nPositive, h.nNegative, h.nZero]).toEqual([dh, 0, d - dh]);
    }
  });

  it('W_K = -W_Q gives a negative semi-definite form', () => {
    const w = gaussian(dh, d, 6);
    const neg: Matrix = { ...w, data: w.data.map((v) => -v) };
    const h = qkManifold(w, neg, 1, 1, dh).heads[0];
    expect([h.nPositive, h.nNegative]).toEqual([0, dh]);
  });

  it('is unchanged by an orthogonal change of the residual basis (W -> W R)', () => {
    const wq = gaussian(2 * dh, d, 7);
    const wk = gaussian(2 * dh, d, 8);
    const r = svd(Float64Array.from(gaussian(d, d, 9).data), d, d).u; // an orthogonal [d, d]
    const rotate = (w: Matrix): Matrix => {
      const out = new Float64Array(w.rows * d);
      for (let i = 0; i < w.rows; i++) for (let k = 0; k < d; k++) for (let j = 0; j < d; j++) out[i * d + j] += w.data[i * d + k] * r[k * d + j];
      return { data: out, rows: w.rows, cols: d };
    };
    const a = qkManifold(wq, wk, 2, 2, dh).heads;
    const b = qkManifold(rotate(wq), rotate(wk), 2, 2, dh).heads;
    a.forEach((h, i) => {
      expect(maxRel(b[i].singularValues, h.singularValues)).toBeLessThan(1e-9);
      expect(b[i].symmetryDeviation).toBeCloseTo(h.symmetryDeviation, 9);
      expect(b[i].top5[0]).toBeCloseTo(h.top5[0], 9);
    });
  });

  it('scales the form by c^2 and leaves the shape alone when both weights scale by c', () => {
    const wq = gaussian(dh, d, 1);
    const wk = gaussian(dh, d, 2);
    const a = qkManifold(wq, wk, 1, 1, dh).heads[0];
    const b = qkManifold({ ...wq, data: wq.data.map((v) => 2 * v) }, { ...wk, data: wk.data.map((v) => 2 * v) }, 1, 1, dh).heads[0];
    expect(b.frobeniusNorm / a.frobeniusNorm).toBeCloseTo(4, 6);
    expect(b.stableRank).toBeCloseTo(a.stableRank, 6);
    expect(b.participationRatio).toBeCloseTo(a.participationRatio, 6);
  });

  it('offers the layer forms: the head sum and seed 05 s literal W_Q W_K^T', () => {
    const nHeads = 3;
    const wq = gaussian(nHeads * dh, d, 21);
    const wk = gaussian(nHeads * dh, d, 22);
    const res = qkManifold(wq, wk, nHeads, nHeads, dh, { layerForms: true });
    let sum = new Float64Array(d * d);
    for (let h = 0; h < nHeads; h++) sum = sum.map((v, i) => v + denseHeadForm(wq, wk, h, h, dh)[i]);
    const o = denseStats(sum, d);
    expect(res.headSum!.frobeniusNorm).toBeCloseTo(o.fro, 9);
    expect(res.headSum!.symmetryDeviation).toBeCloseTo(o.symDev, 12);
    expect(res.headSum!.top5[0]).toBeCloseTo(o.eig[0], 9);
    const n = nHeads * dh;
    const prod = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let c = 0; c < d; c++) prod[i * n + j] += wq.data[i * d + c] * wk.data[j * d + c];
    const p = denseStats(prod, n);
    expect(res.seedLayerProduct!.dim).toBe(n);
    expect(res.seedLayerProduct!.symmetryDeviation).toBeCloseTo(p.symDev, 12);
    expect(res.seedLayerProduct!.bottom5[0]).toBeCloseTo(p.eig[n - 1], 9);
    expect(qkManifold(wq, wk, nHeads, nHeads, dh).headSum).toBeNull();
  });

  it('rejects weights that do not fit the head counts', () => {
    expect(() => qkManifold(gaussian(8, 6, 1), gaussian(8, 6, 2), 3, 3, 4)).toThrow(/do not fit/);
    expect(() => qkManifold(gaussian(12, 6, 1), gaussian(8, 6, 2), 3, 2, 4)).toThrow(/multiple/);
  });
});

function expectForm(got: QkForm & { singularValues?: Float64Array }, ref: RefForm, what: string): number {
  expect([got.dim, got.nPositive, got.nNegative, got.nZero], what).toEqual([ref.dim, ref.n_positive, ref.n_negative, ref.n_zero]);
  const scale = Math.max(...ref.top5.map(Math.abs), ...ref.bottom5.map(Math.abs));
  const eigErr = Math.max(...got.top5.map((v, i) => Math.abs(v - ref.top5[i]) / scale), ...got.bottom5.map((v, i) => Math.abs(v - ref.bottom5[i]) / scale));
  const pairs: [number, number][] = [
    [got.frobeniusNorm, ref.frobenius_norm],
    [got.stableRank, ref.stable_rank],
    [got.participationRatio, ref.participation_ratio],
    [got.participationRatioSeed05, ref.participation_ratio_seed05],
    [got.symmetryDeviation, ref.symmetry_deviation],
  ];
  let err = Math.max(eigErr, maxRel(pairs.map((p) => p[0]), pairs.map((p) => p[1])));
  if (got.singularValues && ref.singular_values) err = Math.max(err, maxRel(got.singularValues, ref.singular_values));
  expect(err, what).toBeLessThan(1e-6);
  return err;
}

describe('stories260K QK manifold against numpy', () => {
  it('matches every head (GQA: 8 query heads on 4 kv heads) and the layer forms', () => {
    const ref = weightsReference().models.stories260K;
    const { config, matrices } = storiesCatalog();
    const dh = config.dim / config.nHeads;
    let worst = 0;
    for (const layer of ref.qk) {
      const res = qkManifold(matrices[layer.q], matrices[layer.k], config.nHeads, config.nKvHeads, dh, { layerForms: true });
      res.heads.forEach((h, i) => {
        expect(h.kvHead).toBe(layer.heads[i].kv_head);
        worst = Math.max(worst, expectForm(h, layer.heads[i], `${layer.q} head ${i}`));
      });
      worst = Math.max(worst, expectForm(res.headSum!, layer.head_sum, `${layer.q} head sum`));
      expect(res.seedLayerProduct).toBeNull(); // GQA: W_Q W_K^T is not square
    }
    expect(worst).toBeLessThan(1e-8); // observed 4e-10 (the fixture keeps 10 significant digits)
  });
});
