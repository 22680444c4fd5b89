import { describe, expect, it } from 'vitest';
import { simplexVolumes, columnStd } from './simplices';
import { gaussianMatrix, matmul, randomRotation, translate } from './testing/synthetic';

describe('simplexVolumes', () => {
  const V = 400, d = 12;
  const e = gaussianMatrix(1, V, d).map((v, i) => v * (0.5 + (i % d) / 4)); // anisotropic Gaussian rows

  it('Gaussian embeddings have the volume of matched Gaussian points: ratio near 1', () => {
    const r = simplexVolumes(e, V, d, { count: 2000 });
    expect(r.embedding.valid).toBe(2000);
    expect(r.gaussian.valid).toBe(2000);
    expect(r.ratio).toBeGreaterThan(0.9);
    expect(r.ratio).toBeLessThan(1.1);
    expect(r.embedding.cv).toBeCloseTo(r.embedding.summary.std / r.embedding.summary.mean, 15);
  });

  it('scaling E by c scales both volume sets by c^4 and keeps the ratio and CV', () => {
    const a = simplexVolumes(e, V, d, { count: 200 });
    const b = simplexVolumes(e.map((v) => 2 * v), V, d, { count: 200 });
    a.embedding.volumes.forEach((v, i) => expect(b.embedding.volumes[i] / v).toBeCloseTo(16, 9));
    a.gaussian.volumes.forEach((v, i) => expect(b.gaussian.volumes[i] / v).toBeCloseTo(16, 9));
    expect(b.ratio).toBeCloseTo(a.ratio, 10);
    expect(b.embedding.cv).toBeCloseTo(a.embedding.cv, 10);
  });

  it('embedding volumes are invariant under rotation and translation of the space', () => {
    const a = simplexVolumes(e, V, d, { count: 200 });
    const moved = translate(matmul(e, V, d, randomRotation(2, d), d), d, Array.from({ length: d }, (_, i) => i - 4));
    const b = simplexVolumes(moved, V, d, { count: 200 });
    a.embedding.volumes.forEach((v, i) => expect(b.embedding.volumes[i] / v).toBeCloseTo(1, 8));
  });

  it('points in a 3-dimensional subspace span no 4-volume: only rounding-level volumes remain', () => {
    const flat = matmul(gaussianMatrix(3, V, 3), V, 3, randomRotation(4, d).subarray(0, 3 * d), d);
    const r = simplexVolumes(flat, V, d, { count: 50 });
    // The seed's V^2 > 0 test keeps the rounding residue of about half the degenerate simplices.
    expect(r.embedding.valid).toBeLessThan(50);
    expect(r.embedding.summary.max).toBeLessThan(1e-6);
    expect(r.gaussian.summary.min).toBeGreaterThan(1e-3);
  });

  it('columnStd matches the two-pass formula (ddof 1, as torch .std)', () => {
    const s = columnStd(Float64Array.from([1, 10, 2, 20, 3, 30]), 3, 2, 1);
    expect(Array.from(s)).toEqual([1, 10]);
  });

  it('can be cancelled midway', () => {
    const ac = new AbortController();
    expect(() => simplexVolumes(e, V, d, { signal: ac.signal, onProgress: (f) => f > 0.2 && ac.abort() })).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
  });
});
