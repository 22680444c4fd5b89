/**
 * Deterministic seeded random numbers that a Python script can reproduce bit for bit
 * (scripts/rng.py mirrors this class; fixtures/rng.reference.json pins the stream).
 *
 * Recipe:
 * - state: a uint32, initialised to ToUint32(seed) (truncate toward zero, then modulo 2^32).
 * - nextU32() (mulberry32), all arithmetic modulo 2^32 on unsigned values:
 *     state = (state + 0x6D2B79F5) mod 2^32
 *     t = state
 *     t = (t XOR (t >> 15)) * (t OR 1)              mod 2^32
 *     t = t XOR ((t + (t XOR (t >> 7)) * (t OR 61)) mod 2^32)
 *     return t XOR (t >> 14)
 * - next() = nextU32() / 2^32, uniform in [0, 1).
 * - int(n) = floor(next() * n), uniform in [0, n) for n < 2^32.
 * - normal() = sqrt(-2 ln u1) * cos(2 pi u2) with u1 = 1 - next() (never 0), then u2 = next();
 *   the cos branch only, no caching, so every normal() consumes exactly two draws.
 *   (ln and cos come from the platform's libm, so normal() may differ from Python in the last ulp.)
 * - sample(n, k): idx = [0, 1, ..., n-1]; for i = 0..k-1: j = i + int(n - i); swap idx[i], idx[j];
 *   return idx[0..k) (a partial Fisher-Yates shuffle: k distinct indices, uniformly).
 * - permutation(n) = sample(n, n).
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform uint32 in [0, 2^32). */
  nextU32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal by Box-Muller (cos branch, two draws). */
  normal(): number {
    const u1 = 1 - this.next();
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** [k] distinct indices of [0, n) by partial Fisher-Yates. */
  sample(n: number, k: number): Int32Array {
    if (!Number.isInteger(n) || !Number.isInteger(k) || k < 0 || k > n) throw new Error(`Rng.sample: need 0 <= k <= n, got n=${n}, k=${k}`);
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + this.int(n - i);
      const t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return idx.slice(0, k);
  }

  /** [n] a uniformly random permutation of [0, n); equals sample(n, n). */
  permutation(n: number): Int32Array {
    return this.sample(n, n);
  }

  /** [count] standard normals as float64, drawn in order. */
  normals(count: number): Float64Array {
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = this.normal();
    return out;
  }
}
