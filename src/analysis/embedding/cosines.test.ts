import { describe, expect, it } from 'vitest';
import { Rng } from '../../linalg/cpu/rng';
import { percentile, sortedCopy } from '../../linalg/cpu/stats';
import { sampledCosines } from './cosines';
import { gaussianMatrix, matmul, randomRotation } from './testing/synthetic';

describe('sampledCosines', () => {
  it('takes every pair when vocab <= sampleTokens, and agrees with a brute-force loop', () => {
    const V = 40, d = 8;
    const e = gaussianMatrix(2, V, d);
    const r = sampledCosines(e, V, d);
    expect(Array.from(r.tokenIds)).toEqual(Array.from({ length: V }, (_, i) => i));
    expect(r.nPairs).toBe((V * (V - 1)) / 2);
    const brute: number[] = [];
    for (let i = 0; i < V; i++) for (let j = i + 1; j < V; j++) {
      let ab = 0, aa = 0, bb = 0;
      for (let c = 0; c < d; c++) {
        ab += e[i * d + c] * e[j * d + c];
        aa += e[i * d + c] ** 2;
        bb += e[j * d + c] ** 2;
      }
      brute.push(ab / ((Math.sqrt(aa) + 1e-8) * (Math.sqrt(bb) + 1e-8)));
    }
    const sorted = sortedCopy(brute);
    expect(r.summary.mean).toBeCloseTo(brute.reduce((a, b) => a + b) / brute.length, 14);
    r.summary.percentiles.forEach((p) => expect(p.value).toBeCloseTo(percentile(sorted, p.p), 14));
  });

  it('samples distinct tokens with Rng(seed).sample when vocab > sampleTokens, reproducibly', () => {
    const e = gaussianMatrix(4, 300, 6);
    const r = sampledCosines(e, 300, 6, { sampleTokens: 50, seed: 7 });
    expect(Array.from(r.tokenIds)).toEqual(Array.from(new Rng(7).sample(300, 50)));
    expect(new Set(r.tokenIds).size).toBe(50);
    expect(sampledCosines(e, 300, 6, { sampleTokens: 50, seed: 7 }).summary).toEqual(r.summary);
    expect(sampledCosines(e, 300, 6, { sampleTokens: 50, seed: 8 }).summary.mean).not.toBe(r.summary.mean);
  });

  it('is invariant under a rotation of the space and under positive row scaling', () => {
    const V = 60, d = 10;
    const e = gaussianMatrix(5, V, d);
    const a = sampledCosines(e, V, d);
    const rotated = sampledCosines(matmul(e, V, d, randomRotation(6, d), d), V, d);
    const scaled = sampledCosines(e.map((v, i) => v * (0.5 + (Math.floor(i / d) % 7))), V, d);
    for (const b of [rotated, scaled]) {
      expect(b.summary.mean).toBeCloseTo(a.summary.mean, 7);
      b.summary.percentiles.forEach((p, i) => expect(p.value).toBeCloseTo(a.summary.percentiles[i].value, 7));
    }
  });

  it('gives -1/3 for two antipodal pairs, and near-0 mean with std 1/sqrt(d) for isotropic Gaussians', () => {
    const u = [0.6, 0.8];
    const e = Float64Array.from([...u, ...u, -u[0], -u[1], -u[0], -u[1]]);
    const r = sampledCosines(e, 4, 2);
    expect(r.summary.mean).toBeCloseTo(-1 / 3, 7);
    expect(r.marks.find((m) => m.value === 0)!.fraction).toBe(0);
    const d = 256;
    const g = sampledCosines(gaussianMatrix(9, 400, d), 400, d);
    expect(Math.abs(g.summary.mean)).toBeLessThan(0.005);
    expect(g.summary.std * Math.sqrt(d)).toBeCloseTo(1, 1);
  });

  it('reports progress and can be cancelled midway', () => {
    const e = gaussianMatrix(10, 500, 32);
    const seen: number[] = [];
    sampledCosines(e, 500, 32, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toBe(1);
    const ac = new AbortController();
    expect(() => sampledCosines(e, 500, 32, { signal: ac.signal, onProgress: (f) => f > 0.3 && ac.abort() })).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
  });
});
