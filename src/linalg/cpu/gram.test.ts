import { describe, expect, it } from 'vitest';
import { gram, transposeToF64 } from './gram';
import { Rng } from './rng';
import { matmul, maxAbsDiff, transposed } from './test-helpers';
import { gaussian } from './test-matrices';

describe('gram', () => {
  it('equals W^T W and W W^T for every remainder of the 4x4 blocking and long rows', () => {
    for (const [r, c] of [[1, 1], [3, 5], [9, 6], [13, 600], [600, 7]]) {
      const w = gaussian(new Rng(r + c), r, c);
      const wt = transposed(w, r, c);
      const scale = c * r;
      expect(maxAbsDiff(gram(w, r, c, 'cols'), matmul(wt, w, c, r, c))).toBeLessThan(1e-13 * scale);
      expect(maxAbsDiff(gram(w, r, c, 'rows'), matmul(w, wt, r, c, r))).toBeLessThan(1e-13 * scale);
    }
  });

  it('is exactly symmetric and accumulates float32 input in float64', () => {
    const w = Float32Array.from({ length: 4 * 3 }, (_, i) => 1 + i * 1e-7);
    const g = gram(w, 4, 3, 'cols');
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(g[i * 3 + j]).toBe(g[j * 3 + i]);
    let exact = 0;
    for (let r = 0; r < 4; r++) exact += w[r * 3] * w[r * 3 + 1];
    expect(g[1]).toBe(exact);
  });

  it('transposeToF64 transposes', () => {
    const a = Float32Array.from({ length: 70 * 45 }, (_, i) => i);
    expect(Array.from(transposeToF64(a, 70, 45))).toEqual(Array.from(transposed(a, 70, 45)));
  });
});
