import { describe, expect, it } from 'vitest';
import { digitTokenIds, pieceLookup, resolveCategories, resolveWords } from './vocab';

const pieces = ['<unk>', ' cat', 'dog', ' dog', '0', '1', ' 2', '2', '3', '4', '5', '6', '7', '8', '9', ' cat'];
const lookup = pieceLookup(pieces.length, (id) => pieces[id]);

describe('vocabulary resolution', () => {
  it('prefers " word", falls back to "word", keeps the first id of a duplicated piece', () => {
    const r = resolveWords(['cat', 'dog', 'fox'], lookup);
    expect(r.found).toEqual([{ word: 'cat', id: 1, piece: ' cat' }, { word: 'dog', id: 3, piece: ' dog' }]);
    expect(r.skipped).toEqual(['fox']);
    expect(resolveWords(['dog'], lookup, (w) => [w]).found[0].id).toBe(2);
  });

  it('digits prefer the bare piece', () => {
    expect(digitTokenIds(lookup)).toEqual({ ids: [4, 5, 7, 8, 9, 10, 11, 12, 13, 14], pieces: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
    expect(digitTokenIds(pieceLookup(3, (id) => ['0', '1', 'x'][id]))).toEqual({ ids: null, missing: ['2', '3', '4', '5', '6', '7', '8', '9'] });
  });

  it('resolves categories into semanticCategories inputs with the skipped words', () => {
    expect(resolveCategories(lookup, { pets: ['cat', 'dog', 'fox'] })).toEqual([{ name: 'pets', ids: [1, 3], words: [' cat', ' dog'], skippedWords: ['fox'] }]);
  });
});
