import { describe, expect, it } from 'vitest';
import reference from '../../../fixtures/rng.reference.json';
import { seededRandom } from '../../analysis/sampling';
import { Rng } from './rng';

interface SeedCase {
  seed: number;
  nextU32: number[];
  next: number[];
  int1000: number[];
  normal: number[];
  sample_100_10: number[];
  sample_5_5: number[];
  after: number[];
}
const cases = (reference as { seeds: SeedCase[] }).seeds;

describe('Rng', () => {
  it.each(cases.map((c) => [c.seed, c] as const))('reproduces scripts/rng.py for seed %s', (_seed, c) => {
    const r = new Rng(c.seed);
    expect(Array.from({ length: 8 }, () => r.nextU32())).toEqual(c.nextU32);
    expect(Array.from({ length: 8 }, () => r.next())).toEqual(c.next);
    expect(Array.from({ length: 8 }, () => r.int(1000))).toEqual(c.int1000);
    // log and cos come from different libms: allow a few ulps.
    const normals = Array.from({ length: 8 }, () => r.normal());
    normals.forEach((v, i) => expect(Math.abs(v - c.normal[i])).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(v))));
    expect(Array.from(r.sample(100, 10))).toEqual(c.sample_100_10);
    expect(Array.from(r.sample(5, 5))).toEqual(c.sample_5_5);
    expect([r.nextU32(), r.nextU32()]).toEqual(c.after);
  });

  it('is the same mulberry32 stream as the generation sampler', () => {
    const a = new Rng(1234);
    const b = seededRandom(1234);
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b());
  });

  it('draws in range and samples distinct indices', () => {
    const r = new Rng(7);
    for (let i = 0; i < 1000; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      const k = r.int(13);
      expect(Number.isInteger(k) && k >= 0 && k < 13).toBe(true);
    }
    const s = r.sample(50, 50);
    expect(new Set(s).size).toBe(50);
    expect(Math.min(...s)).toBe(0);
    expect(Math.max(...s)).toBe(49);
    expect(r.sample(10, 0).length).toBe(0);
    expect(() => r.sample(3, 4)).toThrow();
  });

  it('gives standard normals (moments of 20000 draws)', () => {
    const x = new Rng(99).normals(20000);
    let m = 0;
    for (const v of x) m += v;
    m /= x.length;
    let v2 = 0;
    for (const v of x) v2 += (v - m) ** 2;
    v2 /= x.length - 1;
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.abs(v2 - 1)).toBeLessThan(0.04);
  });
});
