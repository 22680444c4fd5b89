/**
 * CPU replays of what the GPU kernels compute, operation for operation in f32 (Math.fround), and an
 * exact Gram to measure them against. Slow; for tests and for checking a device's arithmetic.
 */
import { ffAdd32, ffAddF32 } from './float-float';
import { assembleGram, chunkPositions, gramDims, packChunk, scaleExponent } from './gram-pack';

const f = Math.fround;

/** The float-float Gram exactly as GRAM_WGSL computes it (same packing, chunks and operation order). */
export function emulateGpuGram(w: Float32Array, rows: number, cols: number, side: 'rows' | 'cols', chunk?: number): Float64Array {
  const { k, n } = gramDims(rows, cols, side);
  const e = scaleExponent(w);
  const len0 = chunkPositions(k, n, Number.MAX_SAFE_INTEGER, chunk);
  const raw = new Float32Array(2 * k * k);
  const buf = new Float32Array(2 * len0 * k);
  for (let c0 = 0; c0 < n; c0 += len0) {
    const len = Math.min(len0, n - c0);
    packChunk(w, rows, cols, side, c0, len, e, buf);
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        let hi = 0, lo = 0, small = 0;
        for (let c = 0; c < len; c++) {
          const a = 2 * (c * k + i), b = 2 * (c * k + j);
          const ah = buf[a], al = buf[a + 1], bh = buf[b], bl = buf[b + 1];
          [hi, lo] = ffAddF32(hi, lo, f(ah * bh));
          [hi, lo] = ffAddF32(hi, lo, f(f(ah * bl) + f(al * bh)));
          small = f(small + f(al * bl));
        }
        const o = 2 * (i * k + j);
        const [h1, l1] = ffAdd32(raw[o], raw[o + 1], hi, lo);
        [raw[o], raw[o + 1]] = ffAddF32(h1, l1, small);
      }
    }
  }
  return assembleGram(raw, k, e);
}

/**
 * X X^T of the short side to ~100 bits, rounded once to float64: each product of two f32 is exact in
 * float64 and the sums are float64 two-sums, so this is the value a perfect Gram would give.
 */
export function exactGram(w: Float32Array, rows: number, cols: number, side: 'rows' | 'cols'): Float64Array {
  const { k, n } = gramDims(rows, cols, side);
  const at = side === 'rows' ? (v: number, c: number) => w[v * cols + c] : (v: number, c: number) => w[c * cols + v];
  const g = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let hi = 0, lo = 0;
      for (let c = 0; c < n; c++) {
        const p = at(i, c) * at(j, c);
        const s = hi + p;
        const bb = s - hi;
        lo += hi - (s - bb) + (p - bb);
        hi = s;
      }
      g[i * k + j] = g[j * k + i] = hi + lo;
    }
  }
  return g;
}

/** max over entries of |G - G_exact| / sqrt(G_exact[i,i] G_exact[j,j]): the error that moves eigenvalues. */
export function gramError(g: Float64Array, exact: Float64Array, k: number): number {
  let worst = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const norm = Math.sqrt(exact[i * k + i] * exact[j * k + j]);
      if (norm > 0) worst = Math.max(worst, Math.abs(g[i * k + j] - exact[i * k + j]) / norm);
      else if (g[i * k + j] !== 0) worst = Infinity;
    }
  }
  return worst;
}
