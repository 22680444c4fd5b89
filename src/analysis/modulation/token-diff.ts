/** Token-level difference between two continuations, as seed 05 section 11 counts it. */

export interface TokenDifference {
  /** positions (0 = first generated token) where both have a token and the tokens differ, plus the length difference */
  count: number;
  /** [count - lengthDifference] the differing positions present in both */ positions: number[];
  /** tokens compared position by position: the shorter length */ compared: number;
  /** |len(a) - len(b)|: the tokens one continuation has and the other lacks */ lengthDifference: number;
}

/** Compare generated ids position by position; tokens past the shorter end each count as a difference. */
export function tokenDifference(a: readonly number[], b: readonly number[]): TokenDifference {
  const compared = Math.min(a.length, b.length);
  const positions: number[] = [];
  for (let i = 0; i < compared; i++) if (a[i] !== b[i]) positions.push(i);
  const lengthDifference = Math.abs(a.length - b.length);
  return { count: positions.length + lengthDifference, positions, compared, lengthDifference };
}
