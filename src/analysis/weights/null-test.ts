import { symmetricEigen } from '../../linalg/cpu/eigen';
import { checkMatrix, type Matrix } from './types';

/**
 * Seed 04's adjacent-layer null test (sa-schedule-null-residual.py), for every family: a family is
 * one catalog kind (wq, wk, ..., mlp_out, or a norm gain as a [d, 1] matrix) across the layers of
 * one stack, in layer order. Formulas, as in the seed:
 * - cos = <W_L, W_L+1> / (||W_L||_F ||W_L+1||_F); a pair is skipped when the shapes differ or either
 *   norm is below 1e-12.
 * - raw residual ||W_L+1/|| - W_L/||||_F = sqrt(max(2 - 2 cos, 0)) (sqrt 2 for orthogonal matrices);
 *   scalar-fit residual sqrt(max(1 - cos^2, 0)) = sin(angle), the residual after the best scalar t W_L.
 * - per family: mean and median cos; raw = mean over pairs of the raw residual, scalarFit = mean of
 *   the scalar-fit residual; improveFrac = (raw - scalarFit) / max(raw, 1e-12) (0 = the scalar does
 *   nothing, 1 = it reconstructs).
 * - scale track ||W_L||_F per layer; PCA of the log scale track: X[f, L] = ln ||W_f,L||, each family
 *   (row) centred over layers, X = U S V^T; explained fraction S^2 / sum S^2, loadings U[f, mode],
 *   scores S V^T [mode, layer]. Rows are the families with every layer (length = the longest family)
 *   and non-zero norms. Computed from the eigendecomposition of X X^T [families, families]; each mode
 *   is signed so its largest |loading| is positive (numpy's SVD signs are arbitrary), and modes with
 *   s <= 1e-6 s_max (e.g. the last one: centring removes a dimension) are flagged degenerate, their
 *   vectors arbitrary.
 * Plus the cosine of every two layers of a family (seed 05's cross-layer heatmap, without its 1e-8 in
 * the denominator so that its off-diagonal matches the adjacent cos). Float64 throughout (the seed
 * runs on float32 copies of bfloat16 weights). Checked against a numpy transcription of the seed.
 */

export interface AdjacentPair {
  layer: number;
  next: number;
  /** null when the pair was skipped */
  cos: number | null;
  /** sqrt(max(2 - 2 cos, 0)) */
  residNorm: number | null;
  /** sqrt(max(1 - cos^2, 0)) */
  scalarFitResid: number | null;
  /** why the pair was not compared; null when it was */
  skipped: string | null;
}

export interface FamilySummary {
  /** pairs compared */
  nPairs: number;
  meanCos: number;
  medianCos: number;
  /** mean of sqrt(2 - 2 cos) */
  rawResid: number;
  /** mean of sqrt(1 - cos^2) */
  scalarFit: number;
  /** (rawResid - scalarFit) / max(rawResid, 1e-12) */
  improveFrac: number;
}

export interface FamilyNullTest {
  family: string;
  nLayers: number;
  /** [nLayers] ||W_L||_F */
  scaleTrack: Float64Array;
  /** [nLayers - 1] layer L against L + 1 */
  pairs: AdjacentPair[];
  /** null when no pair could be compared */
  summary: FamilySummary | null;
  /** [nLayers][nLayers] cosine of layers i and j; null where the shapes differ or a norm is below 1e-12 */
  cosineMatrix: (number | null)[][];
}

export interface ScalePca {
  /** the families (rows of X), in input order */
  families: string[];
  /** families left out, with the reason */
  excluded: { family: string; reason: string }[];
  /** columns of X */
  nLayers: number;
  /** [modes] singular values of the centred log scale matrix, modes = min(families, layers) */
  singularValues: Float64Array;
  /** [modes] S^2 / sum S^2 */
  explainedFraction: Float64Array;
  /** [modes] s <= 1e-6 s_max: the mode's vectors are arbitrary */
  degenerate: boolean[];
  /** family -> [modes] its loading U[f, mode] */
  loadings: Record<string, Float64Array>;
  /** [modes] each [nLayers]: S V^T */
  scores: Float64Array[];
}

export interface NullTestResult {
  families: FamilyNullTest[];
  /** null when no family has every layer */
  scalePca: ScalePca | null;
  scalePcaReason: string | null;
}

const ZERO = 1e-12;
const DEGENERATE_RTOL = 1e-6;

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function familyTest(family: string, ws: Matrix[]): FamilyNullTest {
  ws.forEach((w, i) => checkMatrix(`nullTest ${family}[${i}]`, w));
  const L = ws.length;
  const norms = Float64Array.from(ws, (w) => Math.sqrt(dot(w.data, w.data)));
  const comparable = (i: number, j: number): string | null => {
    if (ws[i].rows !== ws[j].rows || ws[i].cols !== ws[j].cols) return 'shapes differ';
    if (norms[i] < ZERO || norms[j] < ZERO) return 'zero matrix';
    return null;
  };
  const cosineMatrix: (number | null)[][] = Array.from({ length: L }, () => new Array<number | null>(L).fill(null));
  for (let i = 0; i < L; i++) {
    for (let j = i; j < L; j++) {
      if (comparable(i, j)) continue;
      const c = i === j ? dot(ws[i].data, ws[i].data) / (norms[i] * norms[i]) : dot(ws[i].data, ws[j].data) / (norms[i] * norms[j]);
      cosineMatrix[i][j] = c;
      cosineMatrix[j][i] = c;
    }
  }
  const pairs: AdjacentPair[] = [];
  const cs: number[] = [];
  for (let i = 0; i + 1 < L; i++) {
    const skipped = comparable(i, i + 1);
    const cos = skipped ? null : (cosineMatrix[i][i + 1] as number);
    if (cos !== null) cs.push(cos);
    pairs.push({
      layer: i,
      next: i + 1,
      cos,
      residNorm: cos === null ? null : Math.sqrt(Math.max(2 - 2 * cos, 0)),
      scalarFitResid: cos === null ? null : Math.sqrt(Math.max(1 - cos * cos, 0)),
      skipped,
    });
  }
  let summary: FamilySummary | null = null;
  if (cs.length) {
    const raw = cs.reduce((a, c) => a + Math.sqrt(Math.max(2 - 2 * c, 0)), 0) / cs.length;
    const scalarFit = cs.reduce((a, c) => a + Math.sqrt(Math.max(1 - c * c, 0)), 0) / cs.length;
    summary = {
      nPairs: cs.length,
      meanCos: cs.reduce((a, c) => a + c, 0) / cs.length,
      medianCos: median(cs),
      rawResid: raw,
      scalarFit,
      improveFrac: (raw - scalarFit) / Math.max(raw, 1e-12),
    };
  }
  return { family, nLayers: L, scaleTrack: norms, pairs, summary, cosineMatrix };
}

function scalePca(tests: FamilyNullTest[]): { pca: ScalePca | null; reason: string | null } {
  const nLayers = Math.max(...tests.map((t) => t.nLayers));
  const excluded: { family: string; reason: string }[] = [];
  const used: FamilyNullTest[] = [];
  for (const t of tests) {
    if (t.nLayers !== nLayers) excluded.push({ family: t.family, reason: `${t.nLayers} layers, not ${nLayers}` });
    else if (t.scaleTrack.some((v) => !(v > 0))) excluded.push({ family: t.family, reason: 'a zero matrix (log undefined)' });
    else used.push(t);
  }
  if (used.length === 0) return { pca: null, reason: `no family has all ${nLayers} layers with non-zero norms` };
  const F = used.length;
  const x = new Float64Array(F * nLayers);
  used.forEach((t, f) => {
    const logs = Array.from(t.scaleTrack, Math.log);
    const m = logs.reduce((a, v) => a + v, 0) / nLayers;
    logs.forEach((v, l) => (x[f * nLayers + l] = v - m));
  });
  const gram = new Float64Array(F * F);
  for (let i = 0; i < F; i++) {
    for (let j = 0; j < F; j++) gram[i * F + j] = dot(x.subarray(i * nLayers, (i + 1) * nLayers), x.subarray(j * nLayers, (j + 1) * nLayers));
  }
  const eig = symmetricEigen(gram, F, { vectors: true });
  const u = eig.vectors as Float64Array;
  const modes = Math.min(F, nLayers);
  const singularValues = Float64Array.from({ length: modes }, (_, i) => Math.sqrt(Math.max(0, eig.values[i])));
  const total = singularValues.reduce((a, s) => a + s * s, 0);
  const loadings: Record<string, Float64Array> = Object.fromEntries(used.map((t) => [t.family, new Float64Array(modes)]));
  const scores: Float64Array[] = [];
  for (let i = 0; i < modes; i++) {
    let top = 0;
    for (let f = 1; f < F; f++) if (Math.abs(u[f * F + i]) > Math.abs(u[top * F + i])) top = f;
    const sign = u[top * F + i] < 0 ? -1 : 1;
    used.forEach((t, f) => (loadings[t.family][i] = sign * u[f * F + i]));
    const score = new Float64Array(nLayers);
    for (let l = 0; l < nLayers; l++) {
      let acc = 0;
      for (let f = 0; f < F; f++) acc += sign * u[f * F + i] * x[f * nLayers + l];
      score[l] = acc;
    }
    scores.push(score);
  }
  return {
    pca: {
      families: used.map((t) => t.family),
      excluded,
      nLayers,
      singularValues,
      explainedFraction: singularValues.map((s) => (s * s) / Math.max(total, 1e-20)),
      degenerate: Array.from(singularValues, (s) => s <= DEGENERATE_RTOL * singularValues[0]),
      loadings,
      scores,
    },
    reason: null,
  };
}

/** Seed 04 for every family: `families` maps a family name to its matrices in layer order (norm gains as [d, 1]). */
export function nullTest(families: Record<string, Matrix[]>): NullTestResult {
  const tests = Object.entries(families)
    .filter(([, ws]) => ws.length > 0)
    .map(([name, ws]) => familyTest(name, ws));
  if (tests.length === 0) return { families: [], scalePca: null, scalePcaReason: 'no families' };
  const { pca, reason } = scalePca(tests);
  return { families: tests, scalePca: pca, scalePcaReason: reason };
}
