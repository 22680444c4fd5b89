/**
 * The benchmark workload of issue 6: the 48 projection matrices of GPT-2 small's shape (12 layers of
 * c_attn 768x2304, c_proj 768x768, c_fc 768x3072, mlp c_proj 3072x768), fixed-seed Gaussian, and
 * the time for all their singular values. Pure: runs in a worker, in Node and in the benchmark alike.
 */
import { Rng } from '../cpu/rng';
import { singularValues } from '../cpu/singular-values';

export const GPT2_SMALL_SHAPES: readonly [number, number][] = Array.from({ length: 12 }, () => [
  [768, 2304],
  [768, 768],
  [768, 3072],
  [3072, 768],
] as [number, number][]).flat();

/** A [rows, cols] float32 matrix of N(0, 0.02^2) entries (GPT-2's init scale), from Rng(seed). */
export function gaussianMatrix(rows: number, cols: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = 0.02 * rng.normal();
  return out;
}

export interface SvdBenchResult {
  /** wall time of singularValues over all matrices (matrix generation excluded) */
  totalMs: number;
  /** per matrix, in GPT2_SMALL_SHAPES order */
  perMatrixMs: number[];
  /** the largest singular value of each matrix (a check that the work was done) */
  sMax: number[];
}

/** All singular values of the 48 matrices (or the first `limit`), timing only the decomposition. */
export function benchGpt2SmallSvd(seed = 1234, limit = GPT2_SMALL_SHAPES.length): SvdBenchResult {
  const perMatrixMs: number[] = [];
  const sMax: number[] = [];
  GPT2_SMALL_SHAPES.slice(0, limit).forEach(([r, c], i) => {
    const w = gaussianMatrix(r, c, seed + i);
    const t0 = performance.now();
    const s = singularValues(w, r, c);
    perMatrixMs.push(performance.now() - t0);
    sMax.push(s[0]);
  });
  return { totalMs: perMatrixMs.reduce((a, b) => a + b, 0), perMatrixMs, sMax };
}
