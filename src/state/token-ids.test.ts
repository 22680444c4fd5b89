import { describe, expect, it } from 'vitest';
import { idsText, parseTokenIds } from './token-ids';

describe('parseTokenIds', () => {
  it('takes commas, spaces and both', () => {
    expect(parseTokenIds('5,17,42,9')).toEqual([5, 17, 42, 9]);
    expect(parseTokenIds(' 5, 17 42\n9 ')).toEqual([5, 17, 42, 9]);
    expect(idsText(parseTokenIds('5 17'))).toBe('5,17');
  });

  it('names what is wrong', () => {
    expect(() => parseTokenIds('  ')).toThrow(/no token ids/);
    expect(() => parseTokenIds('5, x, 9')).toThrow(/'x' is not a token id/);
    expect(() => parseTokenIds('5, -1')).toThrow(/'-1' is not a token id/);
    expect(() => parseTokenIds('1.5')).toThrow(/'1.5'/);
  });
});
