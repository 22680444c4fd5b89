/**
 * What the Geometry view reads: selectors, the stored results behind the store's ids, and the
 * table rows derived from a result (pure, so they are tested without a DOM).
 */
import { useGeometry, type BatteryKind, type GeometryState } from './geometry-store';
import { embeddingResult, weightsResult, type StoredEmbedding, type StoredWeights } from './geometry-results';
import type { WeightBatteryResult } from '../runtime/weight-battery';
import type { EmbeddingBatteryResult } from '../runtime/embedding-battery';

export const selectRun = (kind: BatteryKind) => (s: GeometryState) => s[kind];

export function useWeightsEntry(): StoredWeights | null {
  return weightsResult(useGeometry((s) => s.weights.resultId));
}

export function useEmbeddingEntry(): StoredEmbedding | null {
  return embeddingResult(useGeometry((s) => s.embedding.resultId));
}

/** One catalog matrix in the table; null where a metric does not exist (the zero matrix). */
export interface MatrixRow {
  name: string;
  kind: string;
  layer: number | null;
  rows: number;
  cols: number;
  /** s_max = ||W||_2 */
  sMax: number;
  frobenius: number;
  stableRank: number | null;
  /** (sum s^2)^2 / sum s^4 */
  participationRatio: number | null;
  activeFraction: number | null;
  /** smallest r with 90% of sum s^2 */
  rank90: number | null;
  /** s_max / s_min; Infinity with conditionNote when s_min is numerically zero */
  condition: number | null;
  conditionNote: string | null;
  /** ESD power-law alpha; null with esdNote (the skip reason) when not fitted */
  alpha: number | null;
  esdNote: string | null;
}

export function matrixRows(r: WeightBatteryResult): MatrixRow[] {
  return r.matrices.map((m) => {
    const sp = m.report.spectrum;
    return {
      name: m.name, kind: m.kind, layer: m.layer, rows: m.rows, cols: m.cols,
      sMax: m.report.spectralNorm, frobenius: m.report.frobeniusNorm,
      stableRank: sp?.stableRank ?? null, participationRatio: sp?.participationRatio ?? null, activeFraction: sp?.activeFraction ?? null,
      rank90: sp?.rank90Energy ?? null, condition: sp?.conditionNumber ?? null, conditionNote: sp ? sp.conditionNote : 'the zero matrix',
      alpha: m.esd.status === 'fitted' ? m.esd.alpha : null,
      esdNote: m.esd.status === 'fitted' ? m.esd.warning : m.esd.reason,
    };
  });
}

/** QK manifold of one layer, summarised over its heads. */
export interface QkRow {
  stack: string;
  layer: number;
  heads: number;
  /** means over heads of each head form M_h = W_Q,h^T W_K,g(h) */
  meanStableRank: number;
  meanParticipationRatio: number;
  meanSymmetryDeviation: number;
  /** eigenvalues of (M_h + M_h^T)/2 summed over heads: positive and negative counts */
  nPositive: number;
  nNegative: number;
  /** largest and smallest eigenvalue over the heads */
  topEigenvalue: number;
  bottomEigenvalue: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function qkRows(r: WeightBatteryResult): QkRow[] {
  return r.qk.map(({ stack, layer, result }) => {
    const h = result.heads;
    return {
      stack, layer, heads: h.length,
      meanStableRank: mean(h.map((x) => x.stableRank)),
      meanParticipationRatio: mean(h.map((x) => x.participationRatio)),
      meanSymmetryDeviation: mean(h.map((x) => x.symmetryDeviation)),
      nPositive: h.reduce((a, x) => a + x.nPositive, 0),
      nNegative: h.reduce((a, x) => a + x.nNegative, 0),
      topEigenvalue: Math.max(...h.map((x) => x.top5[0] ?? -Infinity)),
      bottomEigenvalue: Math.min(...h.map((x) => x.bottom5[0] ?? Infinity)),
    };
  });
}

/** The null test's per-family summary over adjacent layers (null fields: no pair could be compared). */
export interface NullRow {
  family: string;
  nLayers: number;
  nPairs: number;
  meanCos: number | null;
  medianCos: number | null;
  rawResid: number | null;
  scalarFit: number | null;
  improveFrac: number | null;
}

export function nullRows(r: WeightBatteryResult): NullRow[] {
  return (r.nullTest?.families ?? []).map((f) => ({
    family: f.family, nLayers: f.nLayers, nPairs: f.summary?.nPairs ?? 0,
    meanCos: f.summary?.meanCos ?? null, medianCos: f.summary?.medianCos ?? null, rawResid: f.summary?.rawResid ?? null,
    scalarFit: f.summary?.scalarFit ?? null, improveFrac: f.summary?.improveFrac ?? null,
  }));
}

/** Weight kinds with a spectrum, in catalog order. */
export function spectraKinds(r: WeightBatteryResult): string[] {
  return [...new Set(r.matrices.map((m) => m.kind))];
}

/** The chosen value if the result has it, else the default. */
export const resolveChoice = (chosen: string, options: readonly string[], fallback = options[0] ?? ''): string => (options.includes(chosen) ? chosen : fallback);

/** The ESD figure's default matrix: the first with a power-law fit, else the first. */
export function defaultEsdMatrix(r: WeightBatteryResult): string {
  return (r.matrices.find((m) => m.esd.status === 'fitted') ?? r.matrices[0])?.name ?? '';
}

/** A labelled number of the embedding summary; null value shows `note`. */
export interface SummaryRow {
  field: string;
  label: string;
  value: number | null;
  note?: string;
}

export function embeddingSummaryRows(r: EmbeddingBatteryResult): SummaryRow[] {
  const g = r.geometry;
  const n = g.norms.summary;
  const c = g.cosines.summary;
  const sp = g.spectrum;
  const sx = g.simplices;
  const rows: SummaryRow[] = [
    { field: 'vocab', label: 'tokens (rows of E)', value: g.vocab },
    { field: 'dim', label: 'd_model', value: g.dim },
    { field: 'norm-mean', label: 'norm mean', value: n.mean },
    { field: 'norm-std', label: 'norm std (ddof 0)', value: n.std },
    { field: 'norm-median', label: 'norm median', value: n.median },
    { field: 'norm-min', label: 'norm min', value: n.min },
    { field: 'norm-max', label: 'norm max', value: n.max },
    ...n.percentiles.map((p) => ({ field: `norm-p${p.p}`, label: `norm p${p.p}`, value: p.value })),
    { field: 'cos-pairs', label: 'sampled pairs', value: g.cosines.nPairs },
    { field: 'cos-mean', label: 'pairwise cosine mean', value: c.mean },
    { field: 'cos-std', label: 'pairwise cosine std (ddof 0)', value: c.std },
    { field: 'pr', label: 'covariance participation ratio', value: sp.participationRatio },
    { field: 'pr-per-dim', label: 'PR / d_model', value: sp.participationPerDim },
    { field: 'top-fraction', label: 'top eigenvalue / total variance', value: sp.topFraction },
    ...sp.dimsFor.map((d) => ({ field: `dims-${Math.round(d.fraction * 100)}`, label: `dimensions for ${Math.round(d.fraction * 100)}% variance`, value: d.dims })),
    { field: 'simplex-cv', label: `simplex volume CV (${sx.points} points, ${sx.embedding.valid} valid)`, value: sx.embedding.cv },
    { field: 'simplex-gauss-cv', label: 'simplex volume CV, matched Gaussian', value: sx.gaussian.cv },
    { field: 'simplex-ratio', label: 'mean volume / matched Gaussian mean', value: sx.ratio },
  ];
  const d = g.digits;
  rows.push(
    { field: 'digit-corr', label: 'digits: r(|i - j|, cos)', value: d?.correlation ?? null, note: d ? 'undefined (constant cosines)' : r.vocabulary.digits },
    { field: 'digit-gap', label: 'digits: adjacent - non-adjacent mean cos', value: d?.gap ?? null, note: r.vocabulary.digits },
  );
  return rows;
}
