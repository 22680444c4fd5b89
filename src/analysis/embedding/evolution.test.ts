import { describe, expect, it } from 'vitest';
import { hiddenStateEvolution } from './evolution';
import { gaussianMatrix, matmul, randomRotation } from './testing/synthetic';

describe('hiddenStateEvolution', () => {
  it('hand example: norms and within-sentence cosines, averaged over sentences', () => {
    // boundary 0: sentence A = [1,0],[0,1] (cos 0, norms 1,1); sentence B = [2,0],[2,0],[0,3] (cos 1,0,0)
    const A = Float32Array.from([1, 0, 0, 1]);
    const B = Float32Array.from([2, 0, 2, 0, 0, 3]);
    const r = hiddenStateEvolution([[A, B]], [2, 3], 2);
    const l = r.layers[0];
    expect(l.meanNorm).toBeCloseTo((1 + 7 / 3) / 2, 12);
    expect(l.stdNorm).toBeCloseTo((0 + Math.sqrt(2 / 9)) / 2, 12);
    expect(l.meanCos).toBeCloseTo((0 + 1 / 3) / 2, 7);
    expect(l.stdCos).toBeCloseTo((0 + Math.sqrt(2 / 9)) / 2, 7);
    expect(r.sentenceMeanCos[0][0]).toBeCloseTo(0, 12);
  });

  it('leaves one-token sentences out of the cosine means (the seed would count 0)', () => {
    const one = Float32Array.from([3, 4]);
    const two = Float32Array.from([1, 0, 1, 0]);
    const r = hiddenStateEvolution([[one, two]], [1, 2], 2);
    expect(r.sentenceMeanCos[0]).toEqual([null, expect.closeTo(1, 7)]);
    expect(r.layers[0].meanCos).toBeCloseTo(1, 7);
    expect(r.layers[0].meanNorm).toBeCloseTo(3, 12);
  });

  it('a rotation of every state changes nothing; a scale c multiplies norms by c only', () => {
    const d = 6, lens = [4, 7];
    const layers = [0, 1, 2].map((l) => lens.map((s, i) => gaussianMatrix(10 * l + i, s, d)));
    const R = randomRotation(99, d);
    const a = hiddenStateEvolution(layers, lens, d);
    const b = hiddenStateEvolution(layers.map((ss) => ss.map((h, i) => matmul(h, lens[i], d, R, d))), lens, d);
    const c = hiddenStateEvolution(layers.map((ss) => ss.map((h) => h.map((v) => 2 * v))), lens, d);
    a.layers.forEach((x, l) => {
      expect(b.layers[l].meanNorm).toBeCloseTo(x.meanNorm, 12);
      expect(b.layers[l].meanCos).toBeCloseTo(x.meanCos, 7);
      expect(c.layers[l].meanNorm).toBeCloseTo(2 * x.meanNorm, 12);
      expect(c.layers[l].stdNorm).toBeCloseTo(2 * x.stdNorm, 12);
      expect(c.layers[l].meanCos).toBeCloseTo(x.meanCos, 7);
    });
  });

  it('checks shapes', () => {
    expect(() => hiddenStateEvolution([[new Float32Array(5)]], [2], 2)).toThrow(/2x2/);
    expect(() => hiddenStateEvolution([[new Float32Array(4)], []], [2], 2)).toThrow(/boundary 1/);
  });
});
