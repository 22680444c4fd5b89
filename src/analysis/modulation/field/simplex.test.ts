import { describe, expect, it } from 'vitest';
import { buildRegularSimplex, cayleyMengerFeatures, cmPrefactor, regularSimplexVol2 } from './simplex';
import { simplexVolume } from '../../../linalg/cpu/cayley-menger';
import { Rng } from '../../../linalg/cpu/rng';
import { vertexPairs } from './config';

const edges = (v: Float64Array, k: number, e: number) => vertexPairs(k).map(([i, j]) => Math.hypot(...Array.from({ length: e }, (_, c) => v[i * e + c] - v[j * e + c])));

describe('build_regular_simplex as the seed computes it', () => {
  it('is centred, has edge v0-v1 = 1, and is regular for k = 1 only (the seed quirk, mirrored)', () => {
    for (const k of [1, 2, 4]) {
      const v = buildRegularSimplex(k, 8);
      for (let c = 0; c < 8; c++) expect(Math.abs(Array.from({ length: k + 1 }, (_, i) => v[i * 8 + c]).reduce((a, b) => a + b, 0))).toBeLessThan(1e-15);
      expect(edges(v, k, 8)[0]).toBeCloseTo(1, 14);
    }
    // k = 2: edges 1, 1.1023, 0.9205 (numpy port of the seed's loop in scripts/reference_gfm.py agrees)
    expect(edges(buildRegularSimplex(2, 8), 2, 8).map((x) => x * x)).toEqual([expect.closeTo(1, 12), expect.closeTo(1.1023, 4), expect.closeTo(0.9205, 4)]);
    expect(cayleyMengerFeatures(buildRegularSimplex(1, 8), 1, 8).vol2).toBeCloseTo(regularSimplexVol2(1), 14);
    expect(cayleyMengerFeatures(buildRegularSimplex(2, 8), 2, 8).vol2).toBeCloseTo(0.1882747933884297, 12);
    expect(cayleyMengerFeatures(buildRegularSimplex(4, 8), 4, 8).vol2).toBeCloseTo(0.0005466885638254112, 14);
    expect(() => buildRegularSimplex(4, 3)).toThrow(/edim \(3\) must be >= k \(4\)/);
  });
});

describe('CM validator', () => {
  it('closed form: the standard-basis simplex e_i / sqrt(2) has unit edges and vol^2 (k+1) / (2^k (k!)^2)', () => {
    for (const k of [1, 2, 3, 4]) {
      const v = new Float64Array((k + 1) * 8);
      for (let i = 0; i <= k; i++) v[i * 8 + i] = Math.SQRT1_2;
      expect(cayleyMengerFeatures(v, k, 8).vol2).toBeCloseTo(regularSimplexVol2(k), 14);
    }
    expect(regularSimplexVol2(2)).toBeCloseTo(3 / 16, 15);
    expect(cmPrefactor(4)).toBe(-1 / 9216);
  });

  it('equals the lab simplex volume squared, is rotation/translation invariant and scales as c^(2k)', () => {
    const rng = new Rng(3);
    for (const k of [1, 2, 4]) {
      const p = rng.normals((k + 1) * 8);
      const f = cayleyMengerFeatures(p, k, 8);
      expect(f.vol2 / simplexVolume(p, k + 1, 8) ** 2).toBeCloseTo(1, 10);
      expect(f.d2Pairs.length).toBe((k * (k + 1)) / 2);
      // rotate the first two coordinates and shift everything
      const t = 0.7;
      const q = p.map((x, i) => (i % 8 === 0 ? Math.cos(t) * x - Math.sin(t) * p[i + 1] : i % 8 === 1 ? Math.sin(t) * p[i - 1] + Math.cos(t) * x : x) + 3);
      expect(cayleyMengerFeatures(q, k, 8).vol2 / f.vol2).toBeCloseTo(1, 9);
      expect(cayleyMengerFeatures(p.map((x) => 2 * x), k, 8).vol2 / f.vol2).toBeCloseTo(4 ** k, 8);
    }
  });

  it('a repeated vertex gives vol^2 exactly 0 (degenerate draws in cv_check count as invalid)', () => {
    const p = new Rng(5).normals(5 * 8);
    p.copyWithin(3 * 8, 1 * 8, 2 * 8);
    expect(cayleyMengerFeatures(p, 4, 8).vol2).toBeLessThanOrEqual(0);
  });
});
