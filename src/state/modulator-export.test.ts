import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, sweepCsv, sweepDocument, sweepRow, SWEEP_FORMAT } from './modulator-export';
import { modulationImpact } from '../analysis/modulation/impact';
import { tokenDifference } from '../analysis/modulation/token-diff';
import type { SweepMeta } from '../plots/modulator/types';

const meta: SweepMeta = {
  model: 'm', target: 'random:1', blocks: [0, 1], nBlocks: 2, stack: 'decoder-only', prompt: 'p', promptIds: [1, 2],
  maxNewTokens: 4, temperature: 0, seed: 0, originalIds: [5, 6, 7],
};

/** A result of two prompt tokens in 2-D: original e0, e1; modulated rotated by 90 degrees and doubled. */
function result(alpha: number) {
  const orig = [1, 0, 0, 1];
  const mod = alpha === 0 ? orig : [0, 2, -2, 0];
  const o = [5, 6, 7];
  const m = alpha === 0 ? o : [5, 9];
  return { tokenDifference: tokenDifference(o, m), impact: modulationImpact(orig, mod, 2, 2), original: { ids: o }, modulated: { ids: m } };
}

describe('sweep exports', () => {
  it('a row carries the impact means, the logit, and the token difference with its denominators', () => {
    const r = sweepRow(0.5, result(0.5));
    expect(r.logit).toBe(0);
    expect(r.cosMean).toBeCloseTo(0, 12);
    expect(r.normRatioMean).toBeCloseTo(2, 6);
    // Rotating both tokens together keeps their pairwise cosine: no shift.
    expect(r.pairwiseShiftMean).toBeCloseTo(0, 12);
    expect(r.tokenDifferences).toBe(2);
    expect(r.compared).toBe(2);
    expect(r.longest).toBe(3);
    expect(sweepRow(0, result(0)).tokenDifferences).toBe(0);
  });

  it('CSV: the header, rows in alpha order, -inf for the logit at 0, ids in one cell; it parses back to the same numbers', () => {
    const rows = [sweepRow(0.5, result(0.5)), sweepRow(0, result(0))];
    const csv = sweepCsv(rows);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    const cells = lines.map((l) => l.split(','));
    expect(cells[1][0]).toBe('0');
    expect(cells[1][1]).toBe('-inf');
    expect(cells[1][10]).toBe('5 6 7');
    expect(Number(cells[2][5])).toBe(rows[0].cosMean);
    expect(Number(cells[2][7])).toBe(rows[0].normRatioMean);
  });

  it('JSON: the format, the facts, rows in alpha order, non-finite numbers as strings (valid JSON)', () => {
    const doc = sweepDocument([sweepRow(0.5, result(0.5)), sweepRow(0, result(0))], meta, { app: 'residual-lab' }) as {
      format: string; rows: { alpha: number; logit: unknown }[]; intervention: { blocks: number[] };
    };
    expect(doc.format).toBe(SWEEP_FORMAT);
    expect(doc.rows.map((r) => r.alpha)).toEqual([0, 0.5]);
    expect(doc.rows[0].logit).toBe('-Infinity');
    expect(doc.intervention.blocks).toEqual([0, 1]);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
