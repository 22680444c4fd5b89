import { describe, expect, it } from 'vitest';
import { semanticCategories, SEED_CATEGORIES } from './categories';
import { gaussianMatrix } from './testing/synthetic';

describe('semanticCategories', () => {
  // Two tight clusters around orthogonal directions, plus unrelated Gaussian tokens.
  const d = 8;
  const e = gaussianMatrix(1, 30, d, 0.05);
  for (let i = 0; i < 5; i++) e[i * d] += 1; // tokens 0..4 near +x0
  for (let i = 5; i < 10; i++) e[i * d + 1] += 1; // tokens 5..9 near +x1

  it('tight categories get a large positive lift over the global mean; centroids of orthogonal clusters are ~orthogonal', () => {
    const r = semanticCategories(e, 30, d, [
      { name: 'a', ids: [0, 1, 2, 3, 4] },
      { name: 'b', ids: [5, 6, 7, 8, 9], words: ['v', 'w', 'x', 'y', 'z'], skippedWords: ['long word'] },
    ], 0.1);
    const [a, b] = r.categories;
    expect(a.intraCos!).toBeGreaterThan(0.9);
    expect(a.lift!).toBeCloseTo(a.intraCos! - 0.1, 15);
    expect(b.words).toEqual(['v', 'w', 'x', 'y', 'z']);
    expect(b.skippedWords).toEqual(['long word']);
    expect(r.centroidNames).toEqual(['a', 'b']);
    expect(Math.abs(r.centroidCosines[1])).toBeLessThan(0.2);
    expect(r.centroidCosines[1]).toBe(r.centroidCosines[2]);
    expect(r.centroidCosines[0]).toBeCloseTo(1, 7);
  });

  it('skips categories with fewer than 3 tokens: no numbers, no centroid', () => {
    const r = semanticCategories(e, 30, d, [{ name: 'tiny', ids: [0, 1] }, { name: 'ok', ids: [5, 6, 7] }], 0);
    expect(r.categories[0]).toMatchObject({ skipped: true, intraCos: null, lift: null, n: 2 });
    expect(r.centroidNames).toEqual(['ok']);
    expect(r.centroidCosines.length).toBe(1);
  });

  it('intra cosine is the mean over pairs of distinct members', () => {
    const x = Float64Array.from([1, 0, 0, 1, 1, 1]); // cos: (0,1)=0, (0,2)=(1,2)=1/sqrt2
    const r = semanticCategories(x, 3, 2, [{ name: 'c', ids: [0, 1, 2] }], 0);
    expect(r.categories[0].intraCos!).toBeCloseTo((0 + 2 / Math.SQRT2) / 3, 7);
  });

  it("carries the seed's word lists verbatim", () => {
    expect(Object.keys(SEED_CATEGORIES)).toEqual(['animals', 'colors', 'numbers', 'body', 'food', 'emotions', 'actions', 'time']);
    expect(SEED_CATEGORIES.animals.length).toBe(18);
    expect(Object.values(SEED_CATEGORIES).flat().length).toBe(88);
  });
});
