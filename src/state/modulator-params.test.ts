import { describe, expect, it } from 'vitest';
import { alphasFor, alphasKey, parseAlphaList, parseSteerSet, quantizeAlpha, randomTarget, randomTargetNorm, roundSig, selectedBlocks, targetKey, type TargetForm } from './modulator-params';
import { SEED_ALPHA_PRESETS } from '../analysis/modulation/alpha';
import { readFileSync } from 'node:fs';

const ref = JSON.parse(readFileSync('fixtures/modulate.reference.json', 'utf8')) as { models: Record<string, { target_norm: number }> };

describe('alphas', () => {
  it('presets pass exactly, dragged values round to 4 decimals, out-of-range values clamp', () => {
    for (const p of SEED_ALPHA_PRESETS) expect(quantizeAlpha(p)).toBe(p);
    expect(quantizeAlpha(0.123456)).toBe(0.1235);
    expect(quantizeAlpha(-0.2)).toBe(0);
    expect(quantizeAlpha(1.5)).toBe(1);
    expect(quantizeAlpha(NaN)).toBe(0);
  });

  it('linked: the one alpha at every selected block; own: each block its value; unselected blocks 0', () => {
    const blocks = [true, false, true, true];
    expect(alphasFor({ linked: true, alpha: 0.2, own: [0.1, 0.2, 0.3, 0.4], blocks })).toEqual([0.2, 0, 0.2, 0.2]);
    expect(alphasFor({ linked: false, alpha: 0.2, own: [0.1, 0.2, 0.3, 0.4], blocks })).toEqual([0.1, 0, 0.3, 0.4]);
    expect(selectedBlocks(blocks)).toEqual([0, 2, 3]);
    expect(alphasKey([0.29154, 0, 0.5])).toBe('0.29154,0,0.5');
  });

  it('sweep list: order kept, duplicates dropped, a bad entry named', () => {
    expect(parseAlphaList('0, 0.01 0.05;0.01')).toEqual([0, 0.01, 0.05]);
    expect(() => parseAlphaList('0.1, 1.2')).toThrow(/'1.2' is not an alpha/);
    expect(() => parseAlphaList('  ')).toThrow(/at least one alpha/);
  });
});

describe('random target scale rule', () => {
  it('rounds to 6 significant digits like the reference script', () => {
    expect(roundSig(7.2277149)).toBe(7.22771);
    expect(roundSig(0.00024797149)).toBe(0.000247971);
    expect(randomTargetNorm(7.227712)).toBe(ref.models.stories260K.target_norm);
  });

  it('a vector is [d_model]; a table [vocab, d_model] whose first row is the vector of the same seed', () => {
    const v = randomTarget({ seed: 1234, shape: 'vector', dModel: 64, vocabSize: 512, norm: 7.22771 });
    const t = randomTarget({ seed: 1234, shape: 'table', dModel: 64, vocabSize: 512, norm: 7.22771 });
    expect(v).toHaveLength(64);
    expect(t).toHaveLength(512 * 64);
    expect(Array.from(t.subarray(0, 64))).toEqual(Array.from(v));
    // Rows are N(0, norm^2 / d): the mean squared row length is near norm^2.
    let s = 0;
    for (let i = 0; i < t.length; i++) s += t[i] ** 2;
    expect(Math.sqrt(s / 512)).toBeGreaterThan(7.22771 * 0.97);
    expect(Math.sqrt(s / 512)).toBeLessThan(7.22771 * 1.03);
  });
});

describe('steering sets and target keys', () => {
  it('text lines through the tokenizer; id lines for a model without one, errors naming set and prompt', () => {
    expect(parseSteerSet('I love\n\nI adore\n', 'A', true)).toEqual({ texts: ['I love', 'I adore'] });
    expect(parseSteerSet('1 2 3\n4,5', 'B', false)).toEqual({ ids: [[1, 2, 3], [4, 5]] });
    expect(() => parseSteerSet('1 2\nhello', 'B', false)).toThrow(/steering set B, prompt 2/);
    expect(() => parseSteerSet('\n \n', 'A', true)).toThrow(/steering set A: no prompts/);
  });

  it('a random target depends on the prompt (its scale does); the others do not', () => {
    const f: TargetForm = { choice: 'random', randomSeed: 1, randomShape: 'vector', geoSeed: 0, steerA: 'a', steerB: 'b', steerLayer: 0 };
    expect(targetKey(f, [1, 2], null)).not.toBe(targetKey(f, [1, 3], null));
    expect(targetKey(f, [1, 2], null)).not.toBe(targetKey({ ...f, randomShape: 'table' }, [1, 2], null));
    const g = { ...f, choice: 'geometric' as const };
    expect(targetKey(g, [1, 2], null)).toBe(targetKey(g, [1, 3], null));
    const s = { ...f, choice: 'steering' as const };
    expect(targetKey(s, [1], null)).not.toBe(targetKey({ ...s, steerLayer: 2 }, [1], null));
    const file = { ...f, choice: 'file' as const };
    expect(targetKey(file, [1], null)).toBe('file:none');
    expect(targetKey(file, [1], { name: 't.npy', bytes: 10, stamp: 1 })).not.toBe(targetKey(file, [1], { name: 't.npy', bytes: 10, stamp: 2 }));
  });
});
