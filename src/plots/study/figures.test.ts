import { describe, expect, it } from 'vitest';
import { rhoFigure } from './rho';
import { layersFigure } from './layers';
import { categoryFigure, distFigure } from './distributions';
import { entropyFigure } from './entropy';
import { normFigure } from './norm';
import type { FigureModel, StudyFigureInput } from './types';

const model = (key: string, rho: number, normType: string, gains: number[], imported = false): FigureModel => ({
  key, label: key, imported, rho, normType,
  prompts: gains.map((value, i) => ({ prompt: `p<${i}>`, category: i % 2 ? 'Cliche' : 'Factual', value, entropy: i + 0.5 })),
  mean: gains.reduce((a, b) => a + b, 0) / gains.length,
  std: 0.1,
  perLayer: imported ? null : { mean: [1.2, 1.1, 0.9], std: [0.1, null, 0.2] },
  layerCurve: imported ? { definition: 'all_layer_gains', values: [1.1, 0.7] } : null,
});

const input = (regression: StudyFigureInput['regression']): StudyFigureInput => ({
  definition: { label: 'G_block(L-1)', formula: '||resid_post(L-1)|| / ||resid_pre(L-1)||' },
  position: 'the last prompt token',
  threshold: 0.2,
  regression,
  models: [model('a', 0.1, 'RMSNorm', [1.1, 1.3, 1.2]), model('b', 0.5, 'LayerNorm', [0.8, 0.9], true)],
});

describe('study figures', () => {
  const i = input({ slope: -1, intercept: 1.4, r: -0.9, p: 0.1 });
  const figs = [rhoFigure(i), layersFigure(i), distFigure(i), categoryFigure(i), entropyFigure(i), normFigure(i)];

  it('every caption names the definition and the token position', () => {
    for (const f of figs) {
      expect(f.caption).toContain('last prompt token');
      expect(f.caption).toMatch(/G_block/);
    }
  });

  it('rho: one point per model with std error bars, the fit line over the rho range and the threshold line', () => {
    const [pts] = rhoFigure(i).data;
    expect(pts.x).toEqual([0.1, 0.5]);
    expect(pts.error_y?.array).toEqual([0.1, 0.1]);
    const fit = rhoFigure(i).data.find((d) => d.mode === 'lines');
    expect(fit?.y?.[0]).toBeCloseTo(-1 * (0.1 - 0.04) + 1.4, 12);
    expect(rhoFigure(i).layout.shapes?.some((s) => s.x0 === 0.2 && s.x1 === 0.2)).toBe(true);
    const none = rhoFigure(input({ reason: 'zero variance in x: the slope is undefined' }));
    expect(none.data.some((d) => d.mode === 'lines')).toBe(false);
    expect(none.caption).toContain('zero variance in x');
  });

  it('per-layer curves, distributions, categories, entropy and norm bars hold the data they are given', () => {
    const [, , dist, cat, ent, norm] = figs;
    expect(figs[1].data.map((d) => d.y)).toEqual([[1.2, 1.1, 0.9], [1.1, 0.7]]);
    expect(figs[1].data[1].line?.dash).toBe('dash');
    expect(dist.data.map((d) => d.y?.length)).toEqual([3, 2]);
    expect(cat.data[0].x).toEqual(['Factual', 'Cliche', 'Factual']);
    expect(ent.data[0].x).toEqual([0.5, 1.5, 2.5]);
    expect(norm.data.map((d) => d.name)).toEqual(['LayerNorm', 'RMSNorm']);
    expect(norm.data[0].x).toEqual(['b (imported)']);
  });

  it('prompt texts are escaped for Plotly', () => {
    expect(figs[2].data[0].text?.[0]).toBe('p&lt;0&gt;');
  });
});
