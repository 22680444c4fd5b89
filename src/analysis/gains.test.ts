import { describe, it, expect } from 'vitest';
import { gainsAt, blockGainMatrix } from './gains';
import { tokenNorms } from './norms';

describe('residual gains', () => {
  it('an identity block has gain 1 and definitions map to the right boundaries', () => {
    // L = 3 blocks, 2 positions; block 1 is the identity.
    const boundaries = [
      [1, 2],
      [2, 4],
      [2, 4],
      [3, 2],
    ];
    const g = gainsAt({ boundaries, finalNorm: [6, 8] }, 1);
    expect(g.G_block).toEqual([2, 1, 0.5]);
    expect(g.G_hf_last).toBe(8 / 4); // ||ln_final|| / ||resid_pre(L-1)||
    expect(g.G_hf_penult).toBe(4 / 4); // = G_block(L-2), not the last block's gain
    expect(g.G_hf_penult).toBe(g.G_block[1]);
    expect(g.total).toBe(2 / 2);
    expect(blockGainMatrix({ boundaries, finalNorm: [6, 8] })).toEqual([
      [2, 2],
      [1, 1],
      [1.5, 0.5],
    ]);
  });

  it('G_hf_penult is undefined (null) for a one-block model', () => {
    expect(gainsAt({ boundaries: [[1], [2]], finalNorm: [3] }, 0).G_hf_penult).toBeNull();
  });

  it('block gains are invariant to scaling the whole stream', () => {
    const x = Float32Array.from({ length: 3 * 4 }, (_, i) => Math.sin(i + 1));
    const y = x.map((v) => v * 3);
    const nx = tokenNorms(x, 3, 4);
    const ny = tokenNorms(y, 3, 4);
    for (let t = 0; t < 3; t++) expect(ny[t] / nx[t]).toBeCloseTo(3, 6);
    expect(() => tokenNorms(x, 4, 4)).toThrow(/expected 4x4/);
  });
});
