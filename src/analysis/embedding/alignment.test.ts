import { describe, expect, it } from 'vitest';
import { crossModelAlignment } from './alignment';
import { gaussianMatrix, matmul, randomRotation, translate } from './testing/synthetic';

describe('crossModelAlignment', () => {
  const n = 300, d = 8;
  const a = gaussianMatrix(1, n, d).map((v, i) => v * (1 + (i % d) / 2)); // anisotropic, so PCA axes are distinct

  it('a rotated, translated copy aligns perfectly: cosine 1, distance 0, relational r 1', () => {
    const b = translate(matmul(a, n, d, randomRotation(2, d), d), d, [1, -2, 0, 3, 0, 0, 1, 1]);
    const r = crossModelAlignment(a, d, b, d, n);
    expect([r.source, r.sourceDim, r.targetDim, r.pcaRows]).toEqual(['b', d, d, n]);
    expect(r.varianceRetained).toBeCloseTo(1, 12);
    expect([r.anchorIds.length, r.heldOutIds.length]).toEqual([200, 100]); // the seed's 2:1 split of 300 tokens
    expect(r.heldOutCos.min).toBeGreaterThan(1 - 1e-9);
    expect(r.heldOutDistance.max).toBeLessThan(1e-9);
    expect(r.relationalCorrelation!).toBeCloseTo(1, 9);
    expect(r.relationalMeanAbsDiff).toBeLessThan(1e-9);
    expect(r.allCosAbove.every((x) => x.fraction === 1)).toBe(true);
    // For B = A R the optimum trace(R^T A^T B) is ||A_c||_F^2 of the centred anchors.
    const mu = new Float64Array(d);
    let ss = 0;
    for (const id of r.anchorIds) for (let j = 0; j < d; j++) mu[j] += a[id * d + j] / r.anchorIds.length;
    for (const id of r.anchorIds) for (let j = 0; j < d; j++) ss += (a[id * d + j] - mu[j]) ** 2;
    expect(r.procrustesScale).toBeCloseTo(ss, 8);
  });

  it('a wider model (extra near-zero directions, then rotated) is PCA-projected to the narrower width', () => {
    const D = 12;
    const padded = new Float64Array(n * D);
    const noise = gaussianMatrix(3, n, D - d, 1e-4);
    for (let i = 0; i < n; i++) {
      padded.set(a.subarray(i * d, (i + 1) * d), i * D);
      padded.set(noise.subarray(i * (D - d), (i + 1) * (D - d)), i * D + d);
    }
    const wide = matmul(padded, n, D, randomRotation(4, D), D);
    for (const r of [crossModelAlignment(a, d, wide, D, n), crossModelAlignment(wide, D, a, d, n)]) {
      expect([r.sourceDim, r.targetDim]).toEqual([D, d]);
      expect(r.varianceRetained).toBeGreaterThan(1 - 1e-7);
      expect(r.varianceRetained).toBeLessThan(1);
      expect(r.heldOutCos.min).toBeGreaterThan(1 - 1e-6);
    }
    expect(crossModelAlignment(wide, D, a, d, n).source).toBe('a');
  });

  it('unrelated models do not align on held-out tokens', () => {
    const r = crossModelAlignment(a, d, gaussianMatrix(5, n, d), d, n);
    expect(Math.abs(r.heldOutCos.mean)).toBeLessThan(0.25);
    expect(Math.abs(r.relationalCorrelation!)).toBeLessThan(0.2);
  });

  it('honours explicit sample sizes; anchors and held-out tokens are disjoint; same seed, same split', () => {
    const b = gaussianMatrix(6, n, d);
    const r = crossModelAlignment(a, d, b, d, n, { anchors: 50, heldOut: 20, relationalTokens: 10, seed: 3 });
    expect([r.anchorIds.length, r.heldOutIds.length]).toEqual([50, 20]);
    const all = new Set([...r.anchorIds, ...r.heldOutIds]);
    expect(all.size).toBe(70);
    expect(crossModelAlignment(a, d, b, d, n, { anchors: 50, heldOut: 20, seed: 3 }).anchorIds).toEqual(r.anchorIds);
  });

  it('reports progress and can be cancelled', () => {
    const seen: number[] = [];
    crossModelAlignment(a, d, a, d, n, { onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    const ac = new AbortController();
    expect(() => crossModelAlignment(a, d, a, d, n, { signal: ac.signal, onProgress: (f) => f >= 0.3 && ac.abort() })).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
  });
});
