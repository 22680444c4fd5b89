import { describe, expect, it } from 'vitest';
import { stage, Ticker } from './job';

describe('Ticker', () => {
  it('reports increasing fractions, at most ~100 of them, ending at 1', () => {
    const seen: number[] = [];
    const t = new Ticker(100_000, { onProgress: (f) => seen.push(f) }, 10);
    for (let i = 0; i < 100_000; i++) t.tick();
    t.finish();
    expect(seen.length).toBeLessThanOrEqual(102);
    expect(seen.length).toBeGreaterThan(50);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    expect(seen.at(-1)).toBe(1);
  });

  it('throws an AbortError at the next check once the signal fires, and at once if already aborted', () => {
    const ac = new AbortController();
    const t = new Ticker(1000, { signal: ac.signal }, 10);
    for (let i = 0; i < 15; i++) t.tick();
    ac.abort();
    expect(() => {
      for (let i = 0; i < 15; i++) t.tick();
    }).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(() => new Ticker(1, { signal: ac.signal })).toThrow(expect.objectContaining({ name: 'AbortError' }));
  });

  it('stage maps a sub-job fraction into its slice of the parent', () => {
    const seen: number[] = [];
    const s = stage({ onProgress: (f) => seen.push(f) }, 0.2, 0.6);
    s.onProgress!(0);
    s.onProgress!(0.5);
    s.onProgress!(1);
    seen.forEach((f, i) => expect(f).toBeCloseTo([0.2, 0.4, 0.6][i], 15));
    expect(stage({}, 0, 1).onProgress).toBeUndefined();
  });
});
