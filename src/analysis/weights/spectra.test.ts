import { describe, expect, it } from 'vitest';
import { Rng } from '../../linalg/cpu/rng';
import { singularValues } from '../../linalg/cpu/singular-values';
import { matrixReport, matrixSpectrum, rankForFraction, spectrumShape } from './spectra';
import { maxRel, storiesCatalog, weightsReference } from './test-fixtures';
import type { Matrix } from './types';

function gaussian(rows: number, cols: number, seed: number): Matrix {
  const rng = new Rng(seed);
  return { data: Float32Array.from(rng.normals(rows * cols)), rows, cols };
}

/** diag(values) padded to rows x cols */
function diagonal(values: number[], rows: number, cols: number): Matrix {
  const data = new Float32Array(rows * cols);
  values.forEach((v, i) => (data[i * cols + i] = v));
  return { data, rows, cols };
}

const report = (m: Matrix) => matrixReport(m, singularValues(m.data, m.rows, m.cols));

describe('matrixReport invariants', () => {
  it('sum of s^2 equals ||W||_F^2', () => {
    for (const [r, c] of [[40, 17], [17, 40], [33, 33]]) {
      const m = gaussian(r, c, r * 100 + c);
      const s = singularValues(m.data, r, c);
      const rep = matrixReport(m, s);
      const sumS2 = s.reduce((a, v) => a + v * v, 0);
      expect(Math.abs(sumS2 - rep.frobeniusNorm ** 2) / sumS2).toBeLessThan(1e-12);
      expect(rep.spectrum!.stableRank).toBeCloseTo(rep.frobeniusNorm ** 2 / rep.spectralNorm ** 2, 10);
    }
  });

  it('gives the closed forms on a diagonal matrix', () => {
    // s = 4, 2, 1, 1: sum s^2 = 22, sum s^4 = 274, sum s = 8
    const rep = report(diagonal([1, 4, 2, 1], 6, 4));
    const sp = rep.spectrum!;
    expect(rep.spectralNorm).toBeCloseTo(4, 12);
    expect(sp.stableRank).toBeCloseTo(22 / 16, 12);
    expect(sp.participationRatio).toBeCloseTo((22 * 22) / 274, 12);
    expect(sp.participationRatioSeed05).toBeCloseTo(64 / 22, 12);
    expect(sp.activeFraction).toBe(1);
    expect(sp.rank90Energy).toBe(2); // 16 / 22 = 0.73, 20 / 22 = 0.91
    expect(sp.rank90Seed05).toBe(4); // 4/8, 6/8, 7/8 = 0.875 < 0.9, 8/8
    expect(sp.conditionNumber).toBeCloseTo(4, 12);
    expect(sp.conditionNote).toBeNull();
  });

  it('is scale invariant except for the norms', () => {
    const m = gaussian(30, 20, 7);
    const scaled: Matrix = { ...m, data: m.data.map((v) => 3 * v) };
    const a = report(m);
    const b = report(scaled);
    expect(b.frobeniusNorm / a.frobeniusNorm).toBeCloseTo(3, 6);
    expect(b.spectralNorm / a.spectralNorm).toBeCloseTo(3, 6);
    for (const key of ['stableRank', 'participationRatio', 'participationRatioSeed05', 'conditionNumber'] as const) {
      expect(b.spectrum![key]).toBeCloseTo(a.spectrum![key], 6);
    }
    expect(b.spectrum!.rank90Energy).toBe(a.spectrum!.rank90Energy);
  });

  it('reports an infinite condition number, with the reason, for a rank-deficient matrix', () => {
    const m = gaussian(10, 8, 3);
    for (let r = 0; r < 10; r++) m.data[r * 8 + 1] = m.data[r * 8]; // column 1 = column 0
    const sp = report(m).spectrum!;
    expect(sp.conditionNumber).toBe(Infinity);
    expect(sp.conditionNote).toMatch(/rank deficient/);
  });

  it('has no spectrum for the zero matrix', () => {
    const rep = report({ data: new Float32Array(12), rows: 3, cols: 4 });
    expect(rep.spectrum).toBeNull();
    expect(rep.sparsity.every((t) => t.fraction === 1)).toBe(true);
    expect(spectrumShape([0, 0])).toBeNull();
  });

  it('counts sparsity at each threshold', () => {
    const data = Float32Array.from([0, 5e-7, -5e-5, 5e-4, -5e-3, 5e-2, 0.5, -2]);
    const rep = matrixReport({ data, rows: 2, cols: 4 }, singularValues(data, 2, 4));
    expect(rep.sparsity.map((t) => t.count)).toEqual([2, 3, 4, 5, 6]);
    expect(rep.sparsity[4].fraction).toBe(6 / 8);
  });

  it('rankForFraction is the first index reaching the fraction', () => {
    expect(rankForFraction([5, 4, 1], 0.9)).toBe(2);
    expect(rankForFraction([1], 0.9)).toBe(1);
    expect(matrixSpectrum(Float64Array.from([2, 1]), 2)!.rank90Energy).toBe(2);
  });
});

describe('stories260K against numpy (fixtures/weights.reference.json)', () => {
  const ref = weightsReference().models.stories260K;
  const cat = storiesCatalog();

  it('has every catalog matrix the reference has, with its shape', () => {
    expect(Object.keys(cat.matrices).sort()).toEqual(Object.keys(ref.matrices).sort());
    for (const [name, m] of Object.entries(cat.matrices)) expect([m.rows, m.cols]).toEqual(ref.matrices[name].shape);
  });

  it('matches np.linalg.svd to 1e-4 relative above 1e-6 of s_max, and every metric', () => {
    let worstSv = 0;
    let worstMetric = 0;
    for (const [name, m] of Object.entries(cat.matrices)) {
      const r = ref.matrices[name];
      const s = singularValues(m.data, m.rows, m.cols);
      const keep = r.singular_values.map((v, i) => [v, i] as const).filter(([v]) => v > 1e-6 * r.singular_values[0]);
      const err = maxRel(keep.map(([, i]) => s[i]), keep.map(([v]) => v));
      worstSv = Math.max(worstSv, err);
      expect(err, name).toBeLessThan(1e-4);
      const rep = matrixReport(m, s);
      const sp = rep.spectrum!;
      const pairs: [number, number][] = [
        [rep.frobeniusNorm, r.metrics.frobenius_norm],
        [rep.spectralNorm, r.metrics.spectral_norm],
        [sp.stableRank, r.metrics.stable_rank],
        [sp.participationRatio, r.metrics.participation_ratio],
        [sp.participationRatioSeed05, r.metrics.participation_ratio_seed05],
        [sp.activeFraction, r.metrics.active_fraction],
      ];
      if (r.metrics.condition_number === null) expect(sp.conditionNumber, name).toBe(Infinity);
      else pairs.push([sp.conditionNumber, r.metrics.condition_number]);
      const e = maxRel(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
      worstMetric = Math.max(worstMetric, e);
      expect(e, name).toBeLessThan(1e-6);
      expect(sp.rank90Energy, name).toBe(r.metrics.rank90_energy);
      expect(sp.rank90Seed05, name).toBe(r.metrics.rank90_seed05);
      expect(rep.sparsity.map((t) => t.count), name).toEqual(r.metrics.sparsity_counts);
    }
    // Observed: 5e-10 relative for both, the fixture's rounding to 10 significant digits.
    expect(worstSv).toBeLessThan(1e-8);
    expect(worstMetric).toBeLessThan(1e-8);
  });
});

describe('hf-tiny spectra from the reference singular values', () => {
  // The catalog extracting these matrices in TS is tested elsewhere; here the spectral metrics are
  // recomputed from numpy's singular values and must agree with numpy's metrics.
  const models = weightsReference().models;
  it.each(['gpt2', 'gpt_neox', 'llama', 't5'])('%s', (model) => {
    for (const [name, r] of Object.entries(models[model].matrices)) {
      const sp = matrixSpectrum(Float64Array.from(r.singular_values), Math.max(...r.shape))!;
      expect(Math.abs(sp.stableRank - r.metrics.stable_rank) / r.metrics.stable_rank, name).toBeLessThan(1e-8);
      expect(Math.abs(sp.participationRatio - r.metrics.participation_ratio) / r.metrics.participation_ratio, name).toBeLessThan(1e-8);
      expect(sp.rank90Energy, name).toBe(r.metrics.rank90_energy);
      expect(sp.rank90Seed05, name).toBe(r.metrics.rank90_seed05);
    }
  });
});
