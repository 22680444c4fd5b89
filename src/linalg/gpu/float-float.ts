/**
 * Float-float ("double-single") arithmetic: a value carried as an unevaluated sum hi + lo of two f32
 * (~48 significant bits). The WGSL below is what the kernels use; the TypeScript twins replay the
 * same f32 operations with Math.fround, so tests in Node can check the algorithms bit for bit.
 *
 * Products are made exact without fma: every f32 input x is split on the CPU into xh + xl with xh of
 * 11 significant bits and xl of at most 13, so xh*yh (22 bits) and xh*yl + xl*yh (24 bits, see
 * splitF32) are exact in f32 whether or not a compiler contracts them into an fma. WGSL does not
 * promise that fma is fused (Tint lowers it to HLSL `mad`), nor that a*b + c stays unfused, so an
 * fma two-product could silently lose its low half. What is left to the compiler is the two-sum:
 * WGSL permits reassociation (and either neighbouring value as rounding), Tint keeps the source
 * order, and gram.ts's checkGramPrecision measures the result on the device before any use.
 */

const f = Math.fround;

/** 2^42 + 1: Veltkamp's constant that rounds a float64 to 53 - 42 = 11 significant bits. */
const SPLITTER = 4398046511105;

/**
 * x = hi + lo exactly, hi with 11 significant bits (hi a multiple of 2^(e-10) for 2^e <= |x| < 2^(e+1)),
 * |lo| <= 2^(e-11) a multiple of 2^(e-23) (x is an f32), both representable in f32. Then for two such
 * splits xh*yl and xl*yh are multiples of 2^(ex+ey-33) below 2^(ex+ey-10) each, so their sum needs at
 * most 24 bits and is exact in f32. Assumes |x| well inside the normal f32 range (the caller scales).
 */
export function splitF32(x: number): [number, number] {
  const c = SPLITTER * x;
  const hi = c - (c - x);
  return [hi, x - hi];
}

/** The WGSL helpers shared by the kernels (f32 only; no fma anywhere). */
export const FLOAT_FLOAT_WGSL = /* wgsl */ `
// Knuth's two-sum: s + e == a + b exactly (needs round-to-nearest and no reassociation).
fn twoSum(a: f32, b: f32) -> vec2<f32> {
  let s = a + b;
  let bb = s - a;
  return vec2<f32>(s, (a - (s - bb)) + (b - bb));
}
// (hi, lo) + b for an f32 b, renormalised so |lo| <= ulp(hi) / 2.
fn ffAddF(acc: vec2<f32>, b: f32) -> vec2<f32> {
  let s = twoSum(acc.x, b);
  let t = s.y + acc.y;
  let h = s.x + t;
  return vec2<f32>(h, t - (h - s.x));
}
// (hi, lo) + (hi, lo).
fn ffAdd(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> {
  let s = twoSum(a.x, b.x);
  let t = s.y + (a.y + b.y);
  let h = s.x + t;
  return vec2<f32>(h, t - (h - s.x));
}
`;

/** TypeScript twin of twoSum (f32 operations). */
export function twoSum32(a: number, b: number): [number, number] {
  const s = f(a + b);
  const bb = f(s - a);
  return [s, f(f(a - f(s - bb)) + f(b - bb))];
}

/** TypeScript twin of ffAddF. */
export function ffAddF32(hi: number, lo: number, b: number): [number, number] {
  const [s, e] = twoSum32(hi, b);
  const t = f(e + lo);
  const h = f(s + t);
  return [h, f(t - f(h - s))];
}

/** TypeScript twin of ffAdd. */
export function ffAdd32(ahi: number, alo: number, bhi: number, blo: number): [number, number] {
  const [s, e] = twoSum32(ahi, bhi);
  const t = f(e + f(alo + blo));
  const h = f(s + t);
  return [h, f(t - f(h - s))];
}
