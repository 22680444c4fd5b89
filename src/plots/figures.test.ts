import { describe, expect, it } from 'vitest';
import type { Measurement } from '../runtime/results';
import { boundaryHooks, hookFinalNorm } from '../model/hooks';
import { normsFigure } from './norms';
import { blockGainsFigure } from './block-gains';
import { blockGainHeatmap } from './heatmap';
import { sig5 } from './format';

/** A synthetic 3-block measurement over 4 tokens: boundary b has norm (b + 1) * (t + 1). */
function fake(): Measurement {
  const L = 3;
  const S = 4;
  const hooks = boundaryHooks(L);
  const norms: Record<string, number[]> = {};
  hooks.forEach((h, b) => (norms[h] = Array.from({ length: S }, (_, t) => (b + 1) * (t + 1))));
  norms[hookFinalNorm] = Array.from({ length: S }, () => 8);
  const blockGains = Array.from({ length: L }, (_, i) => Array.from({ length: S }, () => (i + 2) / (i + 1)));
  const gains = (t: number) => ({ G_hf_last: 8 / norms[hooks[L - 1]][t], G_hf_penult: 3 / 2, G_block: blockGains.map((r) => r[t]), total: 4 });
  return {
    prompt: 'a <b>',
    ids: [1, 2, 3, 4],
    tokens: ['<s>', ' a', ' <', 'b>'],
    nLayers: L,
    boundaryHooks: hooks,
    norms,
    blockGains,
    gainsPerToken: Array.from({ length: S }, (_, t) => gains(t)),
    lastToken: gains(S - 1),
    entropyNats: 0.5,
    topK: [],
  };
}

describe('figure builders', () => {
  it('norms: one point per boundary (L+1) at the last token, the final norm as its own trace', () => {
    const f = normsFigure(fake());
    expect(f.data[0].y).toEqual([4, 8, 12, 16]);
    expect(f.data[1].y).toEqual([8]);
    expect(f.data[1].name).toContain(hookFinalNorm);
    expect(f.layout.xaxis?.ticktext?.[0]).toContain('blocks.0.');
    expect(f.caption).toContain('position 3');
  });

  it('block gains: one point per block and a reference line at 1', () => {
    const f = blockGainsFigure(fake());
    expect(f.data[0].y).toEqual([2, 1.5, 4 / 3]);
    expect(f.layout.shapes?.[0]).toMatchObject({ y0: 1, y1: 1 });
    expect(f.caption).toContain('||resid_post(i)|| / ||resid_pre(i)||');
  });

  it('heatmap: rows are tokens, columns blocks, pieces escaped for Plotly', () => {
    const f = blockGainHeatmap(fake());
    expect(f.data[0].y).toHaveLength(4);
    expect(f.data[0].z?.[0]).toEqual([2, 1.5, 4 / 3]);
    expect(f.layout.yaxis?.ticktext?.[0]).toBe('0: "&lt;s&gt;"');
  });

  it('formats to about five significant digits', () => {
    expect(sig5(1.6033741677292956)).toBe('1.6034');
    expect(sig5(null)).toBe('n/a');
  });
});
