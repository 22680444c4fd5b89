import { describe, expect, it } from 'vitest';
import { Rng } from '../../linalg/cpu/rng';
import { nullTest } from './null-test';
import { maxRel, storiesCatalog, weightsReference } from './test-fixtures';
import type { Matrix } from './types';

function gaussian(rows: number, cols: number, seed: number): Matrix {
  return { data: Float64Array.from(new Rng(seed).normals(rows * cols)), rows, cols };
}
const scaled = (m: Matrix, c: number): Matrix => ({ ...m, data: m.data.map((v) => c * v) });

describe('nullTest formulas (seed 04)', () => {
  it('identical matrices up to scale: cos 1, both residuals 0 after normalising', () => {
    const w = gaussian(6, 5, 1);
    const fam = nullTest({ wq: [w, scaled(w, 2), scaled(w, 3)] }).families[0];
    for (const p of fam.pairs) {
      expect(p.cos).toBeCloseTo(1, 12);
      expect(p.residNorm).toBeLessThan(1e-7);
      expect(p.scalarFitResid).toBeLessThan(1e-7);
    }
    expect(Array.from(fam.scaleTrack).map((v) => v / fam.scaleTrack[0])).toEqual([1, 2, 3].map((c) => expect.closeTo(c, 12)));
  });

  it('orthogonal matrices: cos 0, raw residual sqrt 2, the scalar fit does not help', () => {
    const a: Matrix = { data: Float64Array.from([1, 0, 0, 0]), rows: 2, cols: 2 };
    const b: Matrix = { data: Float64Array.from([0, 1, 0, 0]), rows: 2, cols: 2 };
    const fam = nullTest({ wo: [a, b] }).families[0];
    expect(fam.pairs[0].cos).toBe(0);
    expect(fam.pairs[0].residNorm).toBeCloseTo(Math.SQRT2, 15);
    expect(fam.pairs[0].scalarFitResid).toBe(1);
    expect(fam.summary!.improveFrac).toBeCloseTo(1 - 1 / Math.SQRT2, 15);
  });

  it('a known angle: cos = 0.6 gives raw sqrt(0.8) and scalar fit 0.8', () => {
    const a: Matrix = { data: Float64Array.from([1, 0]), rows: 2, cols: 1 };
    const b: Matrix = { data: Float64Array.from([0.6, 0.8]), rows: 2, cols: 1 };
    const s = nullTest({ ln_attn: [a, b] }).families[0].summary!;
    expect(s.meanCos).toBeCloseTo(0.6, 15);
    expect(s.rawResid).toBeCloseTo(Math.sqrt(0.8), 15);
    expect(s.scalarFit).toBeCloseTo(0.8, 15);
    expect(s.improveFrac).toBeCloseTo((Math.sqrt(0.8) - 0.8) / Math.sqrt(0.8), 15);
  });

  it('skips pairs of different shapes and zero matrices, saying why', () => {
    const fam = nullTest({ x: [gaussian(3, 3, 1), gaussian(3, 4, 2), { data: new Float64Array(12), rows: 3, cols: 4 }] }).families[0];
    expect(fam.pairs.map((p) => p.skipped)).toEqual(['shapes differ', 'zero matrix']);
    expect(fam.summary).toBeNull();
    expect(fam.cosineMatrix[0][1]).toBeNull();
  });

  it('the cosine matrix is symmetric, 1 on the diagonal, and holds the adjacent cosines', () => {
    const ws = [1, 2, 3, 4].map((s) => gaussian(5, 4, s));
    ws[2] = scaled(ws[1], -1);
    const fam = nullTest({ wv: ws }).families[0];
    const cm = fam.cosineMatrix;
    for (let i = 0; i < 4; i++) {
      expect(cm[i][i]).toBeCloseTo(1, 14);
      for (let j = 0; j < 4; j++) expect(cm[i][j]).toBe(cm[j][i]);
    }
    fam.pairs.forEach((p) => expect(p.cos).toBe(cm[p.layer][p.next]));
    expect(cm[1][2]).toBeCloseTo(-1, 14);
  });

  it('scale PCA: one shared exponential schedule is a single mode; loadings are signed positive', () => {
    const base = gaussian(4, 4, 9);
    const grow = (rate: number) => [0, 1, 2, 3, 4].map((l) => scaled(base, Math.exp(rate * l)));
    const res = nullTest({ a: grow(0.1), b: grow(0.3), c: grow(-0.2) });
    const pca = res.scalePca!;
    expect(pca.families).toEqual(['a', 'b', 'c']);
    expect(pca.explainedFraction[0]).toBeCloseTo(1, 12);
    expect(pca.degenerate).toEqual([false, true, true]);
    // centred log tracks are rate * (l - 2): loadings proportional to the rates, largest positive
    const l = pca.loadings;
    expect(l.b[0]).toBeGreaterThan(0);
    expect(l.a[0] / l.b[0]).toBeCloseTo(1 / 3, 10);
    expect(l.c[0] / l.b[0]).toBeCloseTo(-2 / 3, 10);
    expect(pca.scores[0][4] - pca.scores[0][3]).toBeCloseTo(pca.scores[0][1] - pca.scores[0][0], 10);
  });

  it('leaves families of another length out of the PCA, with the reason', () => {
    const res = nullTest({ a: [1, 2, 3].map((s) => gaussian(2, 2, s)), b: [1, 2].map((s) => gaussian(2, 2, s)) });
    expect(res.scalePca!.families).toEqual(['a']);
    expect(res.scalePca!.excluded).toEqual([{ family: 'b', reason: '2 layers, not 3' }]);
  });
});

describe('stories260K null test against a numpy transcription of seed 04', () => {
  it('matches every family, the cosine matrices and the scale PCA', () => {
    const ref = weightsReference().models.stories260K.null_test.model;
    const { matrices, norms, config } = storiesCatalog();
    const families: Record<string, Matrix[]> = {};
    for (const f of ['wq', 'wk', 'wv', 'wo', 'mlp_gate', 'mlp_in', 'mlp_out']) {
      families[f] = Array.from({ length: config.nLayers }, (_, i) => matrices[`${f}.${i}`]);
    }
    for (const f of ['ln_attn', 'ln_mlp']) {
      families[f] = Array.from({ length: config.nLayers }, (_, i) => ({ data: norms[`${f}.${i}`], rows: config.dim, cols: 1 }));
    }
    const res = nullTest(families);
    let worst = 0;
    for (const fam of res.families) {
      const r = ref.families[fam.family];
      expect(fam.nLayers).toBe(r.n_layers);
      worst = Math.max(worst, maxRel(fam.scaleTrack, r.scale_track));
      fam.pairs.forEach((p, i) => {
        const rp = r.pairs[i];
        if (!('cos' in rp)) throw new Error('unexpected skip');
        worst = Math.max(worst, maxRel([p.cos!, p.residNorm!, p.scalarFitResid!], [rp.cos, rp.resid_norm, rp.scalar_fit_resid], 1e-3));
      });
      const s = fam.summary!;
      worst = Math.max(worst, maxRel([s.meanCos, s.medianCos, s.rawResid, s.scalarFit, s.improveFrac], [r.mean_cos!, r.median_cos!, r.raw_resid!, r.scalar_fit!, r.improve_frac!], 1e-3));
      fam.cosineMatrix.forEach((row, i) => worst = Math.max(worst, maxRel(row as number[], r.cosine_matrix[i] as number[], 1e-3)));
    }
    const pca = res.scalePca!;
    const rp = ref.scale_pca;
    expect(pca.families).toEqual(rp.families);
    expect(pca.degenerate).toEqual(rp.degenerate);
    worst = Math.max(worst, maxRel(pca.explainedFraction, rp.explained_fraction, 1)); // absolute: fractions are <= 1
    pca.degenerate.forEach((deg, m) => {
      if (deg) return;
      worst = Math.max(worst, maxRel([pca.singularValues[m]], [rp.singular_values[m]]));
      for (const f of pca.families) worst = Math.max(worst, Math.abs(pca.loadings[f][m] - rp.loadings[f][m]));
      worst = Math.max(worst, maxRel(pca.scores[m], rp.scores[m], 1e-3));
    });
    expect(worst).toBeLessThan(1e-6); // observed 5e-10; cosines near 0 are compared with an absolute floor of 1e-3
  });
});
