import { beforeAll, describe, expect, it } from 'vitest';
import { runWeightBattery, type WeightBatteryResult } from '../../runtime/weight-battery';
import { runEmbeddingBattery, type EmbeddingBatteryResult } from '../../runtime/embedding-battery';
import { esdFigure, esdHistogram, nullCosineFigure, scaleTrackFigure, spectraFigure } from './weights';
import { cosineHistogramFigure, covarianceFigure, evolutionCosineFigure, evolutionNormFigure, normHistogramFigure } from './embedding';
import { SYN, syntheticSource } from './synthetic';

let w: WeightBatteryResult;
let e: EmbeddingBatteryResult;
beforeAll(async () => {
  w = await runWeightBattery(syntheticSource());
  e = await runEmbeddingBattery(syntheticSource(), { sentences: ['a b c', 'one two three four'] });
});

const sum = (a: readonly number[]) => a.reduce((x, y) => x + y, 0);

describe('esdHistogram', () => {
  it('puts every positive eigenvalue in one bin and leaves zeros out', () => {
    const s = [4, 3, 2, 1, 0.5, 0];
    const h = esdHistogram(s, null, 4);
    expect(sum(h.counts)).toBe(5);
    expect(h.nonPositive).toBe(1);
    expect(h.edges[0]).toBeCloseTo(Math.log10(0.25), 12);
    expect(h.edges[4]).toBeCloseTo(Math.log10(16), 12);
    expect(h.expected).toBeNull();
  });

  it("the fitted law's expected counts add up to the tail (lambda >= xmin) and vanish below xmin", () => {
    const s = Array.from({ length: 200 }, (_, i) => 1 / Math.sqrt(1 + i));
    const lambdas = s.map((v) => v * v);
    const xmin = lambdas[40];
    const nTail = lambdas.filter((l) => l >= xmin).length;
    const h = esdHistogram(s, { alpha: 2.5, xmin, numPlSpikes: nTail }, 20);
    const exp = h.expected!;
    expect(sum(exp.filter((x): x is number => x !== null))).toBeCloseTo(nTail, 9);
    exp.forEach((x, i) => {
      if (10 ** h.edges[i + 1] <= xmin && i < 19) expect(x).toBeNull();
      else expect(x!).toBeGreaterThanOrEqual(0);
    });
  });
});

describe('weight figures', () => {
  it('spectra: one log-log trace per layer of the kind, every singular value in descending order', () => {
    const f = spectraFigure(w.matrices, 'mlp_in');
    expect(f.data.map((d) => d.name)).toEqual(['mlp_in.0', 'mlp_in.1', 'mlp_in.2']);
    for (const d of f.data) {
      expect(d.y).toHaveLength(Math.min(SYN.dMlp, SYN.d));
      expect(d.x?.[0]).toBe(1);
      d.y!.slice(1).forEach((v, i) => expect(v).toBeLessThanOrEqual(d.y![i]));
    }
    expect([f.layout.xaxis?.type, f.layout.yaxis?.type]).toEqual(['log', 'log']);
    expect(f.caption).toContain('W = U diag(s) V^T');
    expect(f.caption).toContain('[out, in]');
  });

  it('ESD: the bars hold all eigenvalues; a matrix with fewer than 50 says why there is no fit', () => {
    const m = w.matrices.find((x) => x.name === 'wq.1')!;
    const f = esdFigure(m);
    expect(sum(f.data[0].y!)).toBe(m.singularValues.filter((v) => v > 0).length);
    expect(m.esd.status).toBe('skipped');
    expect(f.data).toHaveLength(1);
    expect(f.caption).toMatch(/No power-law fit: .*50/);
  });

  it('ESD with a fit: the power-law line and the xmin marker', () => {
    const s = Float64Array.from({ length: 120 }, (_, i) => (1 + i) ** -0.6);
    const m = { ...w.matrices[0], singularValues: s, rows: 240, cols: 120, esd: { status: 'fitted' as const, alpha: 2.2, xmin: s[30] ** 2, xmax: s[0] ** 2, ksDistance: 0.05, alphaSigma: 0.1, nEvals: 120, nFitted: 120, numPlSpikes: 31, warning: null, logNorm: 0, logSpectralNorm: 0, alphaWeighted: 0, logAlphaNorm: 0, stableRank: 1, mp: { status: 'failed' as const, reason: 'test' } } };
    const f = esdFigure(m);
    expect(f.data).toHaveLength(2);
    expect(sum(f.data[1].y!)).toBeCloseTo(31, 9);
    expect(f.layout.shapes?.[0].x0).toBeCloseTo(Math.log10(s[30] ** 2), 12);
    expect(f.caption).toContain('alpha = 2.2');
  });

  it('null-test heatmap: the family cosine matrix with a unit diagonal; scale track: one line per family', () => {
    const fam = w.nullTest!.families.find((f) => f.family === 'wq')!;
    const f = nullCosineFigure(fam, '');
    const z = f.data[0].z!;
    expect(z).toHaveLength(SYN.layers);
    z.forEach((row, i) => expect(row[i]).toBeCloseTo(1, 12));
    expect(z[0][1]).toBe(fam.pairs[0].cos);
    expect(f.caption).toContain('sqrt(2 - 2 cos)');
    const t = scaleTrackFigure(w.nullTest!, '');
    expect(t.data.map((d) => d.name)).toEqual(w.nullTest!.families.map((x) => x.family));
    // The synthetic scale grows with the layer: the track shows it.
    const wq = t.data.find((d) => d.name === 'wq')!.y!;
    expect(wq[2]).toBeGreaterThan(wq[0]);
  });
});

describe('embedding figures', () => {
  it('norm and cosine histograms hold every token and every pair', () => {
    const g = e.geometry;
    expect(sum(normHistogramFigure(g).data[0].y!)).toBe(SYN.vocab);
    expect(sum(cosineHistogramFigure(g).data[0].y!)).toBe(g.cosines.nPairs);
    expect(g.cosines.nPairs).toBe((SYN.vocab * (SYN.vocab - 1)) / 2);
    expect(normHistogramFigure(g).layout.shapes?.[0].x0).toBe(g.norms.summary.mean);
  });

  it('covariance spectrum: d eigenvalues on a log y axis, caption with the PR', () => {
    const f = covarianceFigure(e.geometry);
    expect(f.data[0].y).toHaveLength(SYN.d);
    expect(f.layout.yaxis?.type).toBe('log');
    expect(f.caption).toContain('Participation ratio');
  });

  it('evolution: one point per boundary, labelled resid_pre(0..L-1) and resid_post(L-1)', () => {
    const ev = e.evolution!;
    const n = evolutionNormFigure(ev);
    expect(n.data[0].y).toEqual(ev.layers.map((l) => l.meanNorm));
    expect(n.layout.xaxis?.ticktext).toEqual(['blocks.0.hook_resid_pre', 'blocks.1.hook_resid_pre', 'blocks.2.hook_resid_pre', 'blocks.2.hook_resid_post']);
    expect(n.caption).toContain('before the final norm');
    expect(evolutionCosineFigure(ev).data[0].y).toEqual(ev.layers.map((l) => l.meanCos));
  });

  it("evolution: the battery's own hook labels, the final norm's output named as after it", () => {
    const ev = e.evolution!;
    const hooks = ['blocks.0.hook_resid_pre', 'blocks.1.hook_resid_pre', 'blocks.1.hook_resid_post', 'ln_final.hook_normalized'];
    const f = evolutionCosineFigure(ev, hooks);
    expect(f.layout.xaxis?.ticktext).toEqual(hooks);
    expect(f.caption).toContain("then ln_final.hook_normalized (after it, HF's last hidden state)");
    // Labels that do not fit the boundaries are not trusted.
    expect(evolutionNormFigure(ev, hooks.slice(1)).layout.xaxis?.ticktext).toHaveLength(ev.layers.length);
  });
});
