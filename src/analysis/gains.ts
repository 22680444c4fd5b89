/**
 * Residual gains from per-token norms at the block boundaries (DESIGN.md, three definitions).
 * HF hidden_states map as: hs[i] = resid_pre(i) for i < L, hs[L] = ln_final(resid_post(L-1)).
 */

export interface BoundaryNorms {
  /** [L+1][pos]: resid_pre(0..L-1) then resid_post(L-1) */ boundaries: ArrayLike<number>[];
  /** [pos]: final-norm output (HF hidden_states[L]) */ finalNorm: ArrayLike<number>;
}

export interface GainsAt {
  /** ||hs[L]|| / ||hs[L-1]|| = ||ln_final|| / ||resid_pre(L-1)|| */ G_hf_last: number;
  /** ||hs[L-1]|| / ||hs[L-2]|| = ||resid_pre(L-1)|| / ||resid_pre(L-2)|| (needs L >= 2) */ G_hf_penult: number | null;
  /** [L]: ||resid_post(i)|| / ||resid_pre(i)|| */ G_block: number[];
  /** ||resid_post(L-1)|| / ||resid_pre(0)||: total amplification of the stream */ total: number;
}

/** Gains at one position `t` (use seqLen - 1 for the last token). */
export function gainsAt(n: BoundaryNorms, t: number): GainsAt {
  const L = n.boundaries.length - 1;
  if (L < 1) throw new Error('gainsAt: need at least one block (two boundaries)');
  const b = (i: number) => n.boundaries[i][t];
  return {
    G_hf_last: n.finalNorm[t] / b(L - 1),
    G_hf_penult: L >= 2 ? b(L - 1) / b(L - 2) : null,
    G_block: Array.from({ length: L }, (_, i) => b(i + 1) / b(i)),
    total: b(L) / b(0),
  };
}

/** Block gains for every block and position: [L][pos]. */
export function blockGainMatrix(n: BoundaryNorms): number[][] {
  const L = n.boundaries.length - 1;
  return Array.from({ length: L }, (_, i) => Array.from(n.boundaries[i + 1], (v, t) => v / n.boundaries[i][t]));
}
