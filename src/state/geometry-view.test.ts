import { beforeAll, describe, expect, it } from 'vitest';
import { runWeightBattery, type WeightBatteryResult } from '../runtime/weight-battery';
import { runEmbeddingBattery, type EmbeddingBatteryResult } from '../runtime/embedding-battery';
import { SYN, syntheticSource } from '../plots/geometry/synthetic';
import { defaultEsdMatrix, embeddingSummaryRows, matrixRows, nullRows, qkRows, resolveChoice, spectraKinds } from './geometry-view';

let w: WeightBatteryResult;
let e: EmbeddingBatteryResult;
beforeAll(async () => {
  w = await runWeightBattery(syntheticSource());
  e = await runEmbeddingBattery(syntheticSource(), { sentences: ['a b c'] });
});

describe('geometry table rows', () => {
  it('one matrix row per catalog matrix, with metrics consistent with its singular values', () => {
    const rows = matrixRows(w);
    expect(rows.map((r) => r.name)).toEqual(w.matrices.map((m) => m.name));
    expect(rows).toHaveLength(1 + 6 * SYN.layers);
    for (const [i, r] of rows.entries()) {
      const s = w.matrices[i].singularValues;
      const ss = s.reduce((a, v) => a + v * v, 0);
      expect(r.sMax).toBe(s[0]);
      // sum s^2 = ||W||_F^2 and stable rank = sum s^2 / s_max^2
      expect(ss / r.frobenius ** 2).toBeCloseTo(1, 10);
      expect(r.stableRank!).toBeCloseTo(ss / s[0] ** 2, 10);
      expect(r.rank90!).toBeGreaterThanOrEqual(1);
      expect(r.rank90!).toBeLessThanOrEqual(s.length);
      // 16-64 eigenvalues: every ESD fit here is skipped, with its reason shown instead of alpha.
      expect(r.alpha).toBeNull();
      expect(r.esdNote).toMatch(/50/);
    }
  });

  it('QK rows summarise every head of every layer; MLP and null-test rows per layer and family', () => {
    const qk = qkRows(w);
    expect(qk.map((r) => r.layer)).toEqual([0, 1, 2]);
    for (const [i, r] of qk.entries()) {
      const heads = w.qk[i].result.heads;
      expect(r.heads).toBe(SYN.heads);
      expect(r.nPositive + r.nNegative).toBeLessThanOrEqual(heads.reduce((a, h) => a + h.dim, 0));
      expect(r.topEigenvalue).toBe(Math.max(...heads.map((h) => h.top5[0])));
      expect(r.meanSymmetryDeviation).toBeGreaterThanOrEqual(0);
      expect(r.meanSymmetryDeviation).toBeLessThanOrEqual(2);
    }
    const nr = nullRows(w);
    // seed 04's families: projections, MLP, then the norm gains (compared as [d, 1] matrices)
    expect(nr.map((r) => r.family)).toEqual(['wq', 'wk', 'wv', 'wo', 'mlp_in', 'mlp_out', 'ln_attn', 'ln_mlp']);
    for (const r of nr) {
      expect(r.nPairs).toBe(SYN.layers - 1);
      // seed 04: the scalar fit never does worse than the raw residual
      expect(r.scalarFit!).toBeLessThanOrEqual(r.rawResid! + 1e-12);
    }
  });

  it('figure choices fall back to what the result holds', () => {
    expect(spectraKinds(w)).toEqual(['embed', 'wq', 'wk', 'wv', 'wo', 'mlp_in', 'mlp_out']);
    expect(resolveChoice('mlp_gate', spectraKinds(w))).toBe('embed');
    expect(resolveChoice('wo', spectraKinds(w))).toBe('wo');
    expect(defaultEsdMatrix(w)).toBe('embed');
  });

  it('embedding summary: labelled numbers straight from the result, digits resolved from the pieces', () => {
    const rows = embeddingSummaryRows(e);
    const get = (f: string) => rows.find((r) => r.field === f)!;
    expect(get('vocab').value).toBe(SYN.vocab);
    expect(get('norm-mean').value).toBe(e.geometry.norms.summary.mean);
    expect(get('pr').value).toBe(e.geometry.spectrum.participationRatio);
    expect(get('dims-90').value).toBe(e.geometry.spectrum.dimsFor.find((d) => d.fraction === 0.9)!.dims);
    expect(get('digit-corr').value).toBe(e.geometry.digits!.correlation);
    expect(new Set(rows.map((r) => r.field)).size).toBe(rows.length);
  });
});
