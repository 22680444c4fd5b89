import { describe, it, expect } from 'vitest';
import { parseSpec, STORIES260K, sourceLabel } from './spec';

describe('experiment spec', () => {
  it('fills defaults', () => {
    const s = parseSpec({ model: STORIES260K, prompts: ['Once upon a time'] });
    expect(s.version).toBe(1);
    expect(s.measure).toEqual({ gains: true, topK: 10 });
    expect(s.options.executionProvider).toBe('auto');
    expect(sourceLabel(s.model)).toBe('hf://karpathy/tinyllamas@main/stories260K/stories260K.bin');
  });

  it('names the invalid field', () => {
    expect(() => parseSpec({ model: STORIES260K, prompts: [] })).toThrow(/prompts: /);
    expect(() => parseSpec({ model: { kind: 'gguf' }, prompts: ['x'] })).toThrow(/model/);
    expect(() => parseSpec({ model: STORIES260K, prompts: ['x'], options: { executionProvider: 'cuda' } })).toThrow(/options\.executionProvider/);
  });
});
