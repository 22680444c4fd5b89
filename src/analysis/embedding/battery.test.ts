import { describe, expect, it } from 'vitest';
import { embeddingGeometry } from './battery';
import { sampledCosines } from './cosines';
import { simplexVolumes } from './simplices';
import { gaussianMatrix } from './testing/synthetic';

describe('embeddingGeometry', () => {
  const V = 600, d = 16;
  const e = Float32Array.from(gaussianMatrix(1, V, d));

  it('each measurement uses its own Rng(seed): results equal the single calls', () => {
    const g = embeddingGeometry(e, V, d, { seed: 5, cosineTokens: 100, simplexCount: 50 });
    expect(g.cosines).toEqual(sampledCosines(e, V, d, { seed: 5, sampleTokens: 100 }));
    expect(g.simplices).toEqual(simplexVolumes(e, V, d, { seed: 5, count: 50 }));
    expect([g.vocab, g.dim, g.seed, g.digits, g.categories]).toEqual([V, d, 5, null, null]);
  });

  it('progress rises to 1; a run cancelled midway throws, and a rerun gives the same numbers', () => {
    const seen: number[] = [];
    const first = embeddingGeometry(e, V, d, { onProgress: (f) => seen.push(f), digitIds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], categories: [{ name: 'c', ids: [10, 11, 12] }] });
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    expect(seen.at(-1)).toBe(1);
    expect(first.digits?.ids.length).toBe(10);
    expect(first.categories?.globalMeanCos).toBe(first.cosines.summary.mean);
    const ac = new AbortController();
    expect(() => embeddingGeometry(e, V, d, { signal: ac.signal, onProgress: (f) => f > 0.6 && ac.abort() })).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
    const again = embeddingGeometry(e, V, d, { digitIds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], categories: [{ name: 'c', ids: [10, 11, 12] }] });
    expect(again).toEqual(first);
  });
});
