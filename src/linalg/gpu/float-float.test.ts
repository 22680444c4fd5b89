import { describe, expect, it } from 'vitest';
import { Rng } from '../cpu/rng';
import { ffAdd32, ffAddF32, splitF32, twoSum32 } from './float-float';

const f = Math.fround;

/** Significant bits of a float64 value (0 for zero). */
function bits(x: number): number {
  if (x === 0) return 0;
  let m = Math.abs(x);
  while (m >= 2) m /= 2;
  while (m < 1) m *= 2;
  let b = 1;
  while (m !== Math.floor(m)) {
    m *= 2;
    b++;
  }
  return b;
}

/** f32 values over many magnitudes, both signs, including exact powers of two and all-ones mantissas. */
function samples(n: number, seed: number): number[] {
  const rng = new Rng(seed);
  const out = [1, -1, 0.5, f(1 - 2 ** -24), f(-(2 - 2 ** -23)), f(1 + 2 ** -23), f(0.1), f(1 / 3)];
  while (out.length < n) out.push(f(rng.normal() * 2 ** (rng.int(60) - 30)));
  return out;
}

describe('splitF32', () => {
  it('splits an f32 exactly into an 11-bit hi and an f32 lo with cross products summing exactly in f32', () => {
    const xs = samples(400, 1);
    for (const x of xs) {
      const [hi, lo] = splitF32(x);
      expect(hi + lo).toBe(x);
      expect(bits(hi)).toBeLessThanOrEqual(11);
      expect(f(lo)).toBe(lo);
      expect(bits(lo)).toBeLessThanOrEqual(13);
    }
    // The property the kernel relies on: ah*bh and ah*bl + al*bh are exact f32 operations.
    let inexact = 0;
    for (let i = 0; i < xs.length; i++) {
      const [ah, al] = splitF32(xs[i]);
      for (let j = 0; j < xs.length; j++) {
        const [bh, bl] = splitF32(xs[j]);
        if (f(ah * bh) !== ah * bh || f(ah * bl) !== ah * bl || f(al * bh) !== al * bh) inexact++;
        if (f(f(ah * bl) + f(al * bh)) !== ah * bl + al * bh) inexact++;
      }
    }
    expect(inexact).toBe(0);
  });
});

describe('float-float twins', () => {
  it('twoSum32 is error-free: s + e equals a + b exactly', () => {
    const xs = samples(200, 2);
    for (const a of xs) {
      for (let j = 0; j < xs.length; j += 3) {
        const [s, e] = twoSum32(a, xs[j]);
        expect(s).toBe(f(a + xs[j]));
        // a + b of two f32 is exact in float64 unless their exponents are > 29 apart; compare where it is.
        if (Math.abs(Math.log2(Math.abs(a) + 1e-300) - Math.log2(Math.abs(xs[j]) + 1e-300)) < 28) expect(s + e).toBe(a + xs[j]);
      }
    }
  });

  it('ffAddF32 and ffAdd32 accumulate a long sum to ~2^-46 relative, where plain f32 loses ~2^-20', () => {
    const rng = new Rng(3);
    let hi = 0, lo = 0, plain = 0, exact = 0;
    let bhi = 0, blo = 0;
    for (let i = 0; i < 5000; i++) {
      const x = f(rng.normal() + 0.5);
      [hi, lo] = ffAddF32(hi, lo, x);
      [bhi, blo] = ffAdd32(bhi, blo, x, 0);
      plain = f(plain + x);
      exact += x; // exact in float64: 5000 f32 of magnitude < 8 need < 40 bits
    }
    const ff = Math.abs(hi + lo - exact) / Math.abs(exact);
    expect(ff).toBeLessThan(2 ** -46);
    expect(Math.abs(bhi + blo - exact) / Math.abs(exact)).toBeLessThan(2 ** -46);
    expect(Math.abs(plain - exact) / Math.abs(exact)).toBeGreaterThan(2 ** -30);
    // Normalised: |lo| at most half an ulp of hi.
    expect(Math.abs(lo)).toBeLessThanOrEqual(Math.abs(hi) * 2 ** -24);
  });
});
