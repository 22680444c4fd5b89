/**
 * The CPU side of the GPU Gram: scaling, splitting and packing chunks of X for upload, and turning
 * the float-float result back into float64. Pure, so Node tests cover it and reference.ts reuses it.
 */
import { splitF32 } from './float-float';

/** Positions per chunk unless the binding limit asks for fewer: short sums keep float-float error low. */
export const DEFAULT_CHUNK_POSITIONS = 512;

/** Sizes of the Gram of the short side: X [k, n], G = X X^T [k, k], for side as in cpu gram(). */
export function gramDims(rows: number, cols: number, side: 'rows' | 'cols'): { k: number; n: number } {
  return side === 'rows' ? { k: rows, n: cols } : { k: cols, n: rows };
}

/** Positions per chunk: at most `requested`, and the chunk's [len, k] vec2<f32> must fit one binding. */
export function chunkPositions(k: number, n: number, maxBindingBytes: number, requested = DEFAULT_CHUNK_POSITIONS): number {
  const fit = Math.floor(maxBindingBytes / (8 * Math.max(1, k)));
  if (fit < 1) throw new Error(`gpuGram: one position of ${k} values does not fit a ${maxBindingBytes}-byte binding`);
  return Math.max(1, Math.min(n, requested, fit));
}

/**
 * e with max|w| 2^-e in [0.5, 1) (0 for an all-zero matrix): the data is scaled by the exact power
 * of two 2^-e so no product or split part comes near f32 overflow or the subnormals a GPU may flush.
 */
export function scaleExponent(w: Float32Array): number {
  let max = 0;
  for (let i = 0; i < w.length; i++) {
    const a = Math.abs(w[i]);
    // The negated test also catches NaN, which no comparison passes.
    if (!(a <= max)) {
      if (!Number.isFinite(a)) throw new Error('gpuGram: the matrix holds NaN or infinite values');
      max = a;
    }
  }
  if (max === 0) return 0;
  let e = Math.ceil(Math.log2(max));
  while (max * 2 ** -e >= 1) e++;
  while (max * 2 ** -e < 0.5) e--;
  return e;
}

/**
 * Writes positions [c0, c0 + len) of X (the short-side view of W [rows, cols]) into `out` as
 * [len, k] (hi, lo) pairs: out[2 (c k + v)] = hi, out[2 (c k + v) + 1] = lo of 2^-e X(v, c0 + c).
 */
export function packChunk(w: Float32Array, rows: number, cols: number, side: 'rows' | 'cols', c0: number, len: number, e: number, out: Float32Array): void {
  const { k } = gramDims(rows, cols, side);
  const scale = 2 ** -e;
  if (side === 'cols') {
    // X(v, c) = W[c, v]: the chunk is rows c0.. of W, already position-major.
    for (let c = 0; c < len; c++) {
      const src = (c0 + c) * cols;
      const dst = 2 * c * k;
      for (let v = 0; v < k; v++) {
        const [hi, lo] = splitF32(w[src + v] * scale);
        out[dst + 2 * v] = hi;
        out[dst + 2 * v + 1] = lo;
      }
    }
  } else {
    // X(v, c) = W[v, c]: a column block of W, transposed on the way.
    for (let v = 0; v < k; v++) {
      const src = v * cols + c0;
      for (let c = 0; c < len; c++) {
        const [hi, lo] = splitF32(w[src + c] * scale);
        const dst = 2 * (c * k + v);
        out[dst] = hi;
        out[dst + 1] = lo;
      }
    }
  }
}

/**
 * G [k, k] float64 from the kernel's (hi, lo) pairs `raw` [k, k, 2] (upper triangle valid), undoing
 * the 2^-e scaling of the data (G scales by 2^-2e); the lower triangle is the mirror.
 */
export function assembleGram(raw: Float32Array, k: number, e: number): Float64Array {
  const g = new Float64Array(k * k);
  const unscale = 2 ** (2 * e);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const o = 2 * (i * k + j);
      const v = (raw[o] + raw[o + 1]) * unscale;
      g[i * k + j] = v;
      g[j * k + i] = v;
    }
  }
  return g;
}
