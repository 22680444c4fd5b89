import { describe, expect, it } from 'vitest';
import { tokenDifference } from './token-diff';

describe('tokenDifference', () => {
  it('is zero for equal continuations and symmetric', () => {
    expect(tokenDifference([1, 2, 3], [1, 2, 3])).toEqual({ count: 0, positions: [], compared: 3, lengthDifference: 0 });
    expect(tokenDifference([1, 5, 3, 9], [1, 2, 3])).toEqual({ count: 2, positions: [1], compared: 3, lengthDifference: 1 });
    expect(tokenDifference([1, 2, 3], [1, 5, 3, 9]).count).toBe(2);
    expect(tokenDifference([], [4, 4]).count).toBe(2);
  });
});
