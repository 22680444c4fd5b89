import { describe, expect, it } from 'vitest';
import { sweepCaption, sweepFigure, tokenDifferenceFraction, blocksPhrase } from './sweep';
import { tokenCells } from './tokens';
import { tokenDifference } from '../../analysis/modulation/token-diff';
import type { SweepMeta, SweepRow } from './types';

const row = (alpha: number, over: Partial<SweepRow> = {}): SweepRow => ({
  alpha,
  logit: Math.log(alpha / (1 - alpha)),
  tokenDifferences: Math.round(alpha * 32),
  compared: 32,
  longest: 32,
  cosMean: 1 - alpha,
  cosStd: alpha / 10,
  normRatioMean: 1 + alpha / 2,
  pairwiseShiftMean: alpha / 3,
  pairwiseShiftStd: alpha / 30,
  modulatedIds: [],
  ...over,
});

const meta: SweepMeta = {
  model: 'stories260K',
  target: 'random:1234, vector [64], row norm 7.22771',
  blocks: [0, 1, 2, 3, 4],
  nBlocks: 5,
  stack: 'decoder-only',
  prompt: 'Once upon a <b>time',
  promptIds: [1, 2, 3],
  maxNewTokens: 32,
  temperature: 0,
  seed: 0,
  originalIds: [],
};

describe('sweep figure', () => {
  it('one point per alpha in each of the four series, in alpha order whatever the run order', () => {
    const rows = [row(0.5), row(0), row(0.1), row(0.29154)];
    const f = sweepFigure(rows, meta);
    expect(f.data).toHaveLength(4);
    for (const t of f.data) {
      expect(t.x).toEqual([0, 0.1, 0.29154, 0.5]);
      expect(t.y).toHaveLength(4);
    }
    expect(f.data[0].y).toEqual([1, 1 - 0.1, 1 - 0.29154, 1 - 0.5]);
    expect(f.data[0].error_y?.array).toEqual([0, 0.1 / 10, 0.29154 / 10, 0.5 / 10]);
    expect(f.data[1].y).toEqual([1, 1 + 0.1 / 2, 1 + 0.29154 / 2, 1 + 0.5 / 2]);
    // Token difference as a fraction of the longer continuation.
    expect(f.data[3].y).toEqual([0, 3 / 32, 9 / 32, 16 / 32]);
    expect(f.filename).toBe('modulator-sweep');
  });

  it('the caption names the intervention, target, blocks, prompt and decoding; Plotly text is escaped', () => {
    const f = sweepFigure([row(0.1)], { ...meta, blocks: [0, 2] });
    expect(f.caption).toContain("h' = (1 - alpha) h + alpha target");
    expect(f.caption).toContain('random:1234, vector [64], row norm 7.22771');
    expect(f.caption).toContain('blocks 0, 2 of 0..4');
    expect(f.caption).toContain('"Once upon a <b>time"');
    expect(f.caption).toContain('greedy');
    expect(f.layout.title?.text).not.toContain('<b>');
    expect(sweepCaption({ ...meta, temperature: 0.8, seed: 7 })).toContain('sampled at T=0.8, seed 7');
    expect(sweepCaption({ ...meta, stack: 'encoder' })).toContain('encoder');
    expect(blocksPhrase([0, 1, 2, 3, 4], 5)).toBe('every block (0..4)');
    expect(blocksPhrase([3], 5)).toBe('block 3 of 0..4');
  });

  it('a one-token prompt (NaN pairwise shift) keeps finite error bars; empty continuations give fraction 0', () => {
    const f = sweepFigure([row(0.2, { pairwiseShiftMean: NaN, pairwiseShiftStd: NaN })], meta);
    expect(f.data[2].error_y?.array).toEqual([0]);
    expect(tokenDifferenceFraction(row(0.2, { tokenDifferences: 0, longest: 0 }))).toBe(0);
  });
});

describe('token cells', () => {
  it('marks exactly the positions token-diff counts, on both sides, including the longer tail', () => {
    const a = { ids: [5, 6, 7, 8, 9], pieces: ['a', 'b', 'c', 'd', 'e'] };
    const b = { ids: [5, 0, 7], pieces: ['a', 'x', 'c'] };
    const ca = tokenCells(a, b.ids);
    const cb = tokenCells(b, a.ids);
    expect(ca.map((c) => c.differs)).toEqual([false, true, false, true, true]);
    expect(cb.map((c) => c.differs)).toEqual([false, true, false]);
    // The longer side's marked cells are the count: differing shared positions plus the tail.
    expect(ca.filter((c) => c.differs).length).toBe(tokenDifference(a.ids, b.ids).count);
    expect(cb.map((c) => c.piece)).toEqual(['a', 'x', 'c']);
  });

  it('identical continuations have no marked cell', () => {
    const a = { ids: [1, 2], pieces: ['p', 'q'] };
    expect(tokenCells(a, [1, 2]).some((c) => c.differs)).toBe(false);
  });
});

describe('sweep figure layout', () => {
  it('keeps the horizontal legend inside the figure (bottom margin), so it covers nothing below', () => {
    const f = sweepFigure([row(0.1)], meta);
    expect(f.layout.legend?.orientation).toBe('h');
    expect(f.layout.margin?.b).toBeGreaterThanOrEqual(120);
  });
});
