/**
 * The two continuations of a modulation laid out position by position for display: each cell says
 * whether it differs from the other side (the token differs, or the other side has no token there),
 * matching analysis/modulation/token-diff.ts's count.
 */

export interface TokenCell {
  /** position in the continuation (0 = first generated token) */ pos: number;
  id: number;
  piece: string;
  /** the other continuation has another token, or none, at this position */ differs: boolean;
}

/** Cells of `self` compared with `other` (generated ids only). */
export function tokenCells(self: { ids: readonly number[]; pieces: readonly string[] }, other: readonly number[]): TokenCell[] {
  return self.ids.map((id, pos) => ({ pos, id, piece: self.pieces[pos] ?? `#${id}`, differs: pos >= other.length || other[pos] !== id }));
}
