import { applyQ, tridiagonalize } from './eigen';
import { gram } from './gram';
import { eigenvectorsFromLog, newRotationLog, tridiagonalQL } from './tridiagonal-ql';
import { checkShape, throwIfAborted, type Mat } from './types';

export interface SingularValueOptions {
  /** Checked between stages; when aborted the call throws an AbortError. */
  signal?: AbortSignal;
  /** Called with the fraction of the work done, in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

/**
 * Eigenvalues of the Gram matrix below this fraction of the largest are recomputed one level down:
 * the Gram route gives each s_i a relative error of about eps * (s_max / s_i)^2, fine for
 * s_i >= 1e-4 s_max (~2e-8 at most) and hopeless near 1e-6.
 */
export const REFINE_RATIO = 1e-8;
/** Singular values below this fraction of the largest are noise for any float64 method; not refined. */
const NOISE_RATIO = 1e-13;
const MAX_DEPTH = 8;

/**
 * All min(rows, cols) singular values of a row-major [rows, cols] matrix, descending, in float64.
 *
 * Method: X = the matrix oriented so it is short and wide ([k, len], k <= len); eigenvalues of the
 * Gram matrix G = X X^T by Householder tridiagonalisation + implicit QL; s = sqrt(lambda). Values
 * with lambda < REFINE_RATIO lambda_max lose relative accuracy to the squaring, so their invariant
 * subspace U_S (eigenvectors from a replay of the QL rotations) is used to form B = U_S^T X, whose
 * singular values are those small ones with the large ones removed (the cross terms are eps-small),
 * and B is solved the same way, recursively. Each level scales the error by its own spectrum, so
 * values down to 1e-6 of the largest keep ~1e-8 relative accuracy or better (tested against numpy).
 */
export function singularValues(w: Mat, rows: number, cols: number, opts?: SingularValueOptions): Float64Array {
  checkShape('singularValues', w, rows, cols);
  if (Math.min(rows, cols) === 0) return new Float64Array(0);
  throwIfAborted(opts?.signal);
  const s = solve(w, rows, cols, gram(w, rows, cols, shortSide(rows, cols)), 0, -1, REFINE_RATIO, opts);
  opts?.onProgress?.(1);
  return s;
}

/**
 * The Gram matrix of the short side of W [rows, cols] as another engine computes it (the GPU):
 * `side` as in gram(), the result [k, k] row-major, k = min(rows, cols), symmetric.
 */
export type GramProvider<M extends Mat = Mat> = (w: M, rows: number, cols: number, side: 'rows' | 'cols') => Promise<Float64Array>;

/**
 * singularValues with the top level's Gram matrix from `topGram` (deeper refinement levels stay on
 * the CPU in float64). `refineRatio` replaces REFINE_RATIO: a Gram carrying fewer than float64's
 * 53 bits must hand more of the small values down to the refinement to keep the same accuracy.
 */
export async function singularValuesWith<M extends Mat>(w: M, rows: number, cols: number, topGram: GramProvider<M>, refineRatio = REFINE_RATIO, opts?: SingularValueOptions): Promise<Float64Array> {
  checkShape('singularValuesWith', w, rows, cols);
  if (Math.min(rows, cols) === 0) return new Float64Array(0);
  throwIfAborted(opts?.signal);
  const g = await topGram(w, rows, cols, shortSide(rows, cols));
  const k = Math.min(rows, cols);
  if (g.length !== k * k) throw new Error(`singularValuesWith: the Gram provider gave ${g.length} values, expected ${k}x${k}`);
  const s = solve(w, rows, cols, g, 0, -1, refineRatio, opts);
  opts?.onProgress?.(1);
  return s;
}

function shortSide(rows: number, cols: number): 'rows' | 'cols' {
  return rows <= cols ? 'rows' : 'cols';
}

/**
 * Singular values (descending) of W [rows, cols] given its short-side Gram `g` [k, k]; `sMax` is the
 * top level's largest value (-1 at the top).
 */
function solve(w: Mat, rows: number, cols: number, g: Float64Array, depth: number, sMax: number, refineRatio: number, opts?: SingularValueOptions): Float64Array {
  const top = depth === 0;
  // The Gram matrix of the short side: [k, k], k = min(rows, cols).
  const side = shortSide(rows, cols);
  const k = Math.min(rows, cols);
  throwIfAborted(opts?.signal);
  if (top) opts?.onProgress?.(0.6);
  const tri = tridiagonalize(g, k);
  throwIfAborted(opts?.signal);
  if (top) opts?.onProgress?.(0.9);
  const d = Float64Array.from(tri.diag);
  tridiagonalQL(d, Float64Array.from(tri.offDiag));
  const order = Array.from({ length: k }, (_, i) => i).sort((i, j) => d[j] - d[i]);
  const s = new Float64Array(k);
  for (let i = 0; i < k; i++) s[i] = Math.sqrt(Math.max(0, d[order[i]]));
  const lambdaMax = Math.max(0, d[order[0]]);
  const globalMax = top ? s[0] : sMax;
  // The small set S: trailing eigenvalues below REFINE_RATIO of the largest.
  let first = k;
  while (first > 0 && d[order[first - 1]] < refineRatio * lambdaMax) first--;
  const p = k - first;
  if (p === 0 || depth >= MAX_DEPTH || lambdaMax === 0 || s[first] <= NOISE_RATIO * globalMax) return s;
  // Eigenvectors of S: replay the (deterministic) QL with a rotation log, then back-transform.
  const log = newRotationLog(k * k);
  tridiagonalQL(Float64Array.from(tri.diag), Float64Array.from(tri.offDiag), undefined, log);
  const u = eigenvectorsFromLog(log, k, Int32Array.from(order.slice(first)));
  applyQ(tri, u, p);
  throwIfAborted(opts?.signal);
  // Restrict W to S: U_S^T W [p, cols] (short side rows) or W V_S [rows, p] (short side cols).
  const b = side === 'rows' ? leftProject(u, w, p, rows, cols) : rightProject(w, u, rows, cols, p);
  const [br, bc] = side === 'rows' ? [p, cols] : [rows, p];
  const sub = solve(b, br, bc, gram(b, br, bc, shortSide(br, bc)), depth + 1, globalMax, REFINE_RATIO, opts);
  s.set(sub, first);
  // The two levels meet at the threshold; a final sort keeps the order exact across it.
  return s.sort().reverse();
}

/** U W [p, cols] for U [p, rows] and W [rows, cols], row-major. */
function leftProject(u: Float64Array, w: Mat, p: number, rows: number, cols: number): Float64Array {
  const b = new Float64Array(p * cols);
  for (let q = 0; q < p; q++) {
    const bq = q * cols;
    for (let i = 0; i < rows; i++) {
      const f = u[q * rows + i];
      if (f === 0) continue;
      const wi = i * cols;
      for (let c = 0; c < cols; c++) b[bq + c] += f * w[wi + c];
    }
  }
  return b;
}

/** W V^T [rows, p] for W [rows, cols] and V [p, cols] (rows of V are the vectors), row-major. */
function rightProject(w: Mat, v: Float64Array, rows: number, cols: number, p: number): Float64Array {
  const b = new Float64Array(rows * p);
  for (let r = 0; r < rows; r++) {
    const wr = r * cols;
    for (let q = 0; q < p; q++) {
      const vq = q * cols;
      let acc = 0;
      for (let c = 0; c < cols; c++) acc += w[wr + c] * v[vq + c];
      b[r * p + q] = acc;
    }
  }
  return b;
}
