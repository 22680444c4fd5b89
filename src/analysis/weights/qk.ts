import { symmetricEigen } from '../../linalg/cpu/eigen';
import { rowGram } from '../../linalg/cpu/gram';
import { singularValues } from '../../linalg/cpu/singular-values';
import { svd } from '../../linalg/cpu/svd';
import { spectrumShape, type SpectrumShape } from './spectra';
import { checkMatrix, type Matrix } from './types';

/**
 * The QK manifold (seed 05 sections 4-6, issue 6 item 3): the bilinear form of each attention head.
 *
 * Orientation: with W_Q,h = rows h d_head .. (h+1) d_head - 1 of wq ([d_head, d_model], [out, in])
 * and W_K,g likewise of wk, the head's form is M_h = W_Q,h^T W_K,g [d_model, d_model], so that the
 * pre-softmax score of a query residual x and a key residual y is q . k = x^T M_h y (rows of M_h index
 * query directions, columns key directions). The 1/sqrt(d_head) scale and rotary embeddings are left
 * out (RoPE makes the form depend on the relative position; this is its position-0 value). With GQA,
 * query head h reads key head g = floor(h / (n_heads / n_kv_heads)) (HF repeat_kv, llama2.c kv_mul).
 *
 * Route: M_h has rank <= d_head, so nothing of size d_model^2 is formed. With C = [W_Q,h; W_K,g]
 * [2 d_head, d_model] and its thin SVD C = U S V^T (from the eigenvectors of C C^T, or by Jacobi when
 * C is ill-conditioned; see jointBasis), M_h = V K V^T with K = S U_1^T U_2 S
 * [2 d_head, 2 d_head] (U_1, U_2: the first and last d_head rows of U). V has orthonormal columns, so
 * M_h's singular values, Frobenius norm, ||M - M^T||_F and the non-zero eigenvalues of (M + M^T)/2
 * are K's; the other d_model - 2 d_head eigenvalues are exactly 0.
 *
 * Measures (seed 05's, named): symmetryDeviation = ||M - M^T||_F / ||M||_F (seed 05's sym_diff; 0 for
 * a symmetric form, sqrt(2) for a generic one, 2 for an antisymmetric one); eigenvalues of the
 * symmetric part counted positive / negative beyond a tolerance of 1e-9 max|lambda| (seed 05 counts
 * strict signs, which then counts rounding noise of the d_model - 2 d_head structural zeros).
 *
 * Seed 05's own product is W_q @ W_k.T of the whole layer. With [out, in] weights that is
 * [n_heads d_head]^2, a form on head space, although its comment describes the d_model form; the two
 * coincide only in shape when n_heads d_head = d_model (as in T5-small). Both are offered per layer
 * on request (they cost O(d_model^3)): headSum = sum_h M_h = W_Q^T W_K,expanded, the d_model form the
 * comment describes, and seedLayerProduct = W_Q W_K^T literally (MHA only: with GQA it is not square).
 */

/** Eigenvalues within this fraction of max|lambda| of zero count as zero. */
export const QK_EIG_RTOL = 1e-9;

export interface QkForm extends SpectrumShape {
  /** the form is [dim, dim] */
  dim: number;
  /** ||M||_F */
  frobeniusNorm: number;
  /** ||M - M^T||_F / ||M||_F (seed 05), in [0, 2] */
  symmetryDeviation: number;
  /** eigenvalues of (M + M^T)/2 above QK_EIG_RTOL max|lambda| */
  nPositive: number;
  /** eigenvalues below -QK_EIG_RTOL max|lambda| */
  nNegative: number;
  /** the rest, structural zeros included: dim - nPositive - nNegative */
  nZero: number;
  /** [<=5] largest eigenvalues of (M + M^T)/2, descending */
  top5: number[];
  /** [<=5] smallest eigenvalues, ascending (most negative first) */
  bottom5: number[];
}

export interface QkHead extends QkForm {
  head: number;
  /** the key/value head this query head reads */
  kvHead: number;
  /** [min(d_model, d_head)] the singular values of M_h that can be non-zero, descending */
  singularValues: Float64Array;
}

export interface QkLayer {
  nHeads: number;
  nKvHeads: number;
  dHead: number;
  heads: QkHead[];
  /** sum_h W_Q,h^T W_K,g(h) [d_model, d_model]; null unless opts.layerForms */
  headSum: QkForm | null;
  /** W_Q W_K^T [n_heads d_head]^2 as seed 05 computes it; null unless opts.layerForms, and for GQA */
  seedLayerProduct: QkForm | null;
}

/**
 * QK forms of one attention layer: `wq` [n_heads d_head, d_model], `wk` [n_kv_heads d_head, d_model]
 * (catalog wq.i / wk.i, or cross_wq.i / cross_wk.i for T5 cross-attention).
 */
export function qkManifold(wq: Matrix, wk: Matrix, nHeads: number, nKvHeads: number, dHead: number, opts?: { layerForms?: boolean }): QkLayer {
  checkMatrix('qkManifold wq', wq);
  checkMatrix('qkManifold wk', wk);
  if (nHeads % nKvHeads !== 0) throw new Error(`qkManifold: n_heads ${nHeads} is not a multiple of n_kv_heads ${nKvHeads}`);
  if (wq.rows !== nHeads * dHead || wk.rows !== nKvHeads * dHead || wq.cols !== wk.cols) {
    throw new Error(`qkManifold: wq ${wq.rows}x${wq.cols} and wk ${wk.rows}x${wk.cols} do not fit ${nHeads} (${nKvHeads} kv) heads of ${dHead}`);
  }
  const d = wq.cols;
  const group = nHeads / nKvHeads;
  const heads: QkHead[] = [];
  for (let h = 0; h < nHeads; h++) {
    const g = Math.floor(h / group);
    heads.push({ head: h, kvHead: g, ...headForm(wq.data, wk.data, h, g, dHead, d) });
  }
  let headSum: QkForm | null = null;
  let seedLayerProduct: QkForm | null = null;
  if (opts?.layerForms) {
    const kExpanded = new Float64Array(nHeads * dHead * d);
    for (let h = 0; h < nHeads; h++) {
      const g = Math.floor(h / group);
      for (let i = 0; i < dHead * d; i++) kExpanded[h * dHead * d + i] = wk.data[g * dHead * d + i];
    }
    // sum_h A_h^T B_h = W_Q^T K_expanded: entry (i, j) = sum over rows r of wq[r, i] k[r, j].
    headSum = denseForm(crossProduct(wq.data, kExpanded, nHeads * dHead, d, 'cols'), d);
    if (nKvHeads === nHeads) seedLayerProduct = denseForm(crossProduct(wq.data, wk.data, nHeads * dHead, d, 'rows'), nHeads * dHead);
  }
  return { nHeads, nKvHeads, dHead, heads, headSum, seedLayerProduct };
}

/** 'cols': A^T B [cols, cols] (sum over rows); 'rows': A B^T [rows, rows] (sum over cols); A, B [rows, cols]. */
function crossProduct(a: ArrayLike<number>, b: ArrayLike<number>, rows: number, cols: number, side: 'cols' | 'rows'): Float64Array {
  if (side === 'rows') {
    const out = new Float64Array(rows * rows);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < rows; j++) {
        let acc = 0;
        for (let c = 0; c < cols; c++) acc += a[i * cols + c] * b[j * cols + c];
        out[i * rows + j] = acc;
      }
    }
    return out;
  }
  const out = new Float64Array(cols * cols);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < cols; i++) {
      const ai = a[r * cols + i];
      if (ai === 0) continue;
      const row = i * cols;
      for (let j = 0; j < cols; j++) out[row + j] += ai * b[r * cols + j];
    }
  }
  return out;
}

/** Head h's form from the 2 d_head joint basis (see the file comment). */
function headForm(qData: ArrayLike<number>, kData: ArrayLike<number>, h: number, g: number, dh: number, d: number): QkForm & { singularValues: Float64Array } {
  const r = 2 * dh;
  const c = new Float64Array(r * d);
  for (let i = 0; i < dh * d; i++) {
    c[i] = qData[h * dh * d + i];
    c[dh * d + i] = kData[g * dh * d + i];
  }
  const { u, s } = jointBasis(c, r, d);
  const k = s.length; // min(2 d_head, d_model)
  // K = S U_1^T U_2 S: K_ij = s_i s_j sum_p U[p, i] U[dh + p, j].
  const kmat = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let acc = 0;
      for (let p = 0; p < dh; p++) acc += u[p * k + i] * u[(dh + p) * k + j];
      kmat[i * k + j] = s[i] * s[j] * acc;
    }
  }
  const form = squareForm(kmat, k, d);
  const sv = headSingularValues(u, s, dh, k);
  return { ...form, ...(spectrumShape(sv) ?? zeroShape()), singularValues: sv };
}

/**
 * C = U diag(s) V^T for C [r, d], r <= d or not: U [r, k] and s [k], k = min(r, d). The Gram route
 * (eigenvectors of C C^T, O(r^2 d)) is exact enough while s_min >= 1e-4 s_max: each s_i then has a
 * relative error below eps (s_max / s_i)^2 ~ 1e-8. Otherwise (W_K near W_Q, d_model < 2 d_head) the
 * squaring would blur the small directions to sqrt(eps) s_max, so one-sided Jacobi (svd) is used.
 */
function jointBasis(c: Float64Array, r: number, d: number): { u: Float64Array; s: Float64Array } {
  if (r <= d) {
    const eig = symmetricEigen(rowGram(c, r, d), r, { vectors: true });
    if (eig.values[r - 1] >= 1e-8 * eig.values[0] && eig.values[0] > 0) {
      return { u: eig.vectors as Float64Array, s: eig.values.map(Math.sqrt) };
    }
  }
  const { u, s } = svd(c, r, d);
  return { u, s };
}

/**
 * Singular values of K = X_A^T X_B (X_A, X_B = the first and last d_head rows of U S, [d_head, k]):
 * with thin SVDs X_A = P_a S_a W_a^T and X_B = P_b S_b W_b^T, K = W_a (S_a P_a^T P_b S_b) W_b^T, so they
 * are those of the [m, m] core Z = S_a P_a^T P_b S_b, m = min(d_head, k). Z is full rank for a generic
 * head, unlike K (rank <= d_head of 2 d_head), whose half-zero spectrum the Gram-based solver handles badly.
 */
function headSingularValues(u: Float64Array, s: Float64Array, dh: number, k: number): Float64Array {
  const xa = new Float64Array(dh * k);
  const xb = new Float64Array(dh * k);
  for (let p = 0; p < dh; p++) {
    for (let j = 0; j < k; j++) {
      xa[p * k + j] = u[p * k + j] * s[j];
      xb[p * k + j] = u[(dh + p) * k + j] * s[j];
    }
  }
  const a = svd(xa, dh, k);
  const b = svd(xb, dh, k);
  const m = a.s.length;
  const z = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let acc = 0;
      for (let p = 0; p < dh; p++) acc += a.u[p * m + i] * b.u[p * m + j];
      z[i * m + j] = a.s[i] * b.s[j] * acc;
    }
  }
  return singularValues(z, m, m);
}

/** Form statistics of a dense [dim, dim] form, all dim singular values included. */
function denseForm(m: Float64Array, dim: number): QkForm {
  return { ...squareForm(m, dim, dim), ...(spectrumShape(singularValues(m, dim, dim)) ?? zeroShape()) };
}

function zeroShape(): SpectrumShape {
  return { stableRank: 0, participationRatio: 0, participationRatioSeed05: 0 };
}

/**
 * Norms, symmetry and symmetric-part eigenvalues of a form represented by the [r, r] matrix K in an
 * orthonormal basis of an r-dimensional subspace of R^dim (r <= dim): the other dim - r eigenvalues are 0.
 */
function squareForm(kmat: Float64Array, r: number, dim: number): Omit<QkForm, keyof SpectrumShape> {
  let fro2 = 0;
  let anti2 = 0;
  const sym = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      const a = kmat[i * r + j];
      const b = kmat[j * r + i];
      fro2 += a * a;
      anti2 += (a - b) * (a - b);
      sym[i * r + j] = 0.5 * (a + b);
    }
  }
  const values = Array.from(symmetricEigen(sym, r).values).concat(new Array<number>(dim - r).fill(0));
  values.sort((x, y) => y - x);
  let maxAbs = 0;
  for (const v of values) maxAbs = Math.max(maxAbs, Math.abs(v));
  const tol = QK_EIG_RTOL * maxAbs;
  const nPositive = values.filter((v) => v > tol).length;
  const nNegative = values.filter((v) => v < -tol).length;
  const fro = Math.sqrt(fro2);
  return {
    dim,
    frobeniusNorm: fro,
    symmetryDeviation: fro > 0 ? Math.sqrt(anti2) / fro : 0,
    nPositive,
    nNegative,
    nZero: dim - nPositive - nNegative,
    top5: values.slice(0, 5),
    bottom5: values.slice(-5).reverse(),
  };
}
