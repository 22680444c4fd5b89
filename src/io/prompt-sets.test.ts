import { describe, it, expect } from 'vitest';
import {
  PROMPT_SET_PRESETS, SEED01_CANONICAL, SEED02_PROMPTS, SEED03_PROMPTS, categoryCounts, findPreset,
  formatPromptText, parsePromptText, validatePromptSet,
} from './prompt-sets';

const FIVE = ['Factual', 'Syntactic', 'Cliche', 'Novel', 'Nonsense'];

describe('prompt set presets', () => {
  it('seed 01: the 3 canonical prompts, no categories', () => {
    expect(SEED01_CANONICAL.prompts.map((p) => p.text)).toEqual(['The capital of France is', 'Water freezes at', 'The quick brown fox']);
    expect(categoryCounts(SEED01_CANONICAL)).toEqual([]);
  });

  it('seed 02: 25 prompts, 5 per category in the notebook order', () => {
    expect(SEED02_PROMPTS.prompts).toHaveLength(25);
    expect(categoryCounts(SEED02_PROMPTS)).toEqual(FIVE.map((category) => ({ category, count: 5 })));
    // the order matters: seed 02 files store per-prompt gains by position
    expect(SEED02_PROMPTS.prompts[0]).toEqual({ text: 'The capital of France is', category: 'Factual' });
    expect(SEED02_PROMPTS.prompts[16].text).toBe("The Voynich manuscript's undeciphered text has led some researchers to propose that it represents a constructed language designed to");
    expect(SEED02_PROMPTS.prompts[24]).toEqual({ text: 'The hypotenuse of existential dread interpolates between', category: 'Nonsense' });
  });

  it('seed 03: 25 prompts, 5 per category, with the category metadata', () => {
    expect(SEED03_PROMPTS.prompts).toHaveLength(25);
    expect(categoryCounts(SEED03_PROMPTS)).toEqual(FIVE.map((category) => ({ category, count: 5 })));
    expect(SEED03_PROMPTS.categories).toEqual([
      { name: 'Factual', expectedEntropy: 'medium', complexity: 1 },
      { name: 'Syntactic', expectedEntropy: 'medium', complexity: 5 },
      { name: 'Cliche', expectedEntropy: 'low', complexity: 2 },
      { name: 'Novel', expectedEntropy: 'high', complexity: 4 },
      { name: 'Nonsense', expectedEntropy: 'very_high', complexity: 3 },
    ]);
    expect(SEED03_PROMPTS.prompts[5].text).toBe(
      'The agreement, which, notwithstanding the fact that it was signed only yesterday, effectively binds all parties immediately, stipulates that',
    );
  });

  it('seeds 02 and 03 are different sets that share two prompts', () => {
    const two = new Set(SEED02_PROMPTS.prompts.map((p) => p.text));
    expect(SEED03_PROMPTS.prompts.filter((p) => two.has(p.text)).map((p) => p.text)).toEqual([
      'The largest planet in our solar system is',
      'Actions speak louder than',
    ]);
  });

  it('every preset passes its own validation and is found by id', () => {
    for (const p of PROMPT_SET_PRESETS) {
      expect(validatePromptSet(JSON.parse(JSON.stringify(p)))).toEqual(p);
      expect(findPreset(p.id)).toBe(p);
      for (const e of p.prompts) expect(e.text).toBe(e.text.trim());
    }
    expect(new Set(PROMPT_SET_PRESETS.map((p) => p.id)).size).toBe(3);
    expect(findPreset('nope')).toBeUndefined();
  });
});

describe('parsePromptText', () => {
  it('reads one prompt a line, an optional category before a tab, and skips blank lines', () => {
    const text = 'Factual\tThe capital of France is\r\n\n   \nOnce upon a time  \nCliche\t Actions speak louder than\n';
    expect(parsePromptText(text)).toEqual([
      { text: 'The capital of France is', category: 'Factual' },
      { text: 'Once upon a time' },
      { text: 'Actions speak louder than', category: 'Cliche' },
    ]);
  });

  it('keeps commas and quotes inside prompts', () => {
    expect(parsePromptText('Syntactic\tThe agreement, which, "notwithstanding" it, binds')).toEqual([
      { text: 'The agreement, which, "notwithstanding" it, binds', category: 'Syntactic' },
    ]);
  });

  it('names the line of an error', () => {
    expect(() => parsePromptText('a\nb\n\tno category')).toThrow('line 3: empty category before the tab');
    expect(() => parsePromptText('a\nFactual\t  ')).toThrow('line 2: empty prompt after the tab');
    expect(() => parsePromptText('a\n\nx\ty\tz')).toThrow('line 3: 2 tabs');
    expect(() => parsePromptText(' \n\n')).toThrow('no prompts');
  });

  it('round-trips through formatPromptText', () => {
    for (const p of PROMPT_SET_PRESETS) expect(parsePromptText(formatPromptText(p.prompts))).toEqual(p.prompts);
  });
});

describe('validatePromptSet', () => {
  const ok = { id: 'my-set', name: 'Mine', source: 'user', prompts: [{ text: 'Hello' }, { text: 'World', category: 'A' }] };

  it('accepts a user set and rejects what would break a study, naming the field', () => {
    expect(validatePromptSet(ok)).toEqual(ok);
    expect(() => validatePromptSet({ ...ok, prompts: [] })).toThrow(/prompts: a prompt set needs at least one prompt/);
    expect(() => validatePromptSet({ ...ok, prompts: [{ text: 'a' }, { text: '' }] })).toThrow(/prompts\.1\.text: empty prompt/);
    expect(() => validatePromptSet({ ...ok, prompts: [{ text: 'a' }, { text: 3 }] })).toThrow(/prompts\.1\.text/);
    expect(() => validatePromptSet({ ...ok, id: 'has space' })).toThrow(/id: /);
    expect(() => validatePromptSet({ ...ok, name: undefined })).toThrow(/name: /);
    expect(() => validatePromptSet({ ...ok, prompts: [{ text: 'a' }, { text: 'a' }] })).toThrow('prompts.1.text repeats prompts.0.text');
    expect(() => validatePromptSet({ ...ok, categories: [{ name: 'B' }] })).toThrow('prompts.1.category "A" is not in categories');
    expect(() => validatePromptSet({ ...ok, categories: [{ name: 'A' }, { name: 'A' }] })).toThrow('listed twice');
  });
});
