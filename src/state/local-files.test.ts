import { describe, expect, it } from 'vitest';
import { guessRoles } from './local-files';

describe('guessRoles', () => {
  it('finds the tokenizer by name and size, whatever the order', () => {
    const files = [
      { name: 'stories260K.tok512.bin', bytes: 6227 },
      { name: 'stories260K.bin', bytes: 1056540 },
    ];
    expect(guessRoles(files)).toEqual({ checkpoint: 'stories260K.bin', tokenizer: 'stories260K.tok512.bin' });
    expect(guessRoles([...files].reverse())).toEqual({ checkpoint: 'stories260K.bin', tokenizer: 'stories260K.tok512.bin' });
  });

  it('falls back to the smaller file when no name says tokenizer', () => {
    expect(guessRoles([{ name: 'model.bin', bytes: 5_000_000 }, { name: 'vocab.bin', bytes: 4000 }])).toEqual({ checkpoint: 'model.bin', tokenizer: 'vocab.bin' });
  });
});
