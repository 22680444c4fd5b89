/** Batched lemma encodings: every text once, in batches, with progress, cancellation and a length check. */
import { describe, expect, it } from 'vitest';
import { loadWordNetNode } from './node/load-node';
import { lemmaTexts, prefetchEncodings } from './prefetch';

describe('prefetchEncodings', () => {
  it('lists WordNet\'s distinct lemma texts with spaces, the first synset\'s first', () => {
    const wn = loadWordNetNode();
    const texts = lemmaTexts(wn);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts[0]).toBe(wn.lemmaNames(0)[0].replace(/_/g, ' '));
    expect(texts.some((t) => t.includes('_'))).toBe(false);
    expect(texts.length).toBeGreaterThan(100_000);
  });

  it('encodes each text once, in batches, and reports progress', async () => {
    const texts = Array.from({ length: 23 }, (_, i) => `t${i}`);
    const calls: number[] = [];
    const seen: number[] = [];
    const m = await prefetchEncodings(texts, (b) => (calls.push(b.length), b.map((t) => [t.length])), { batch: 10, onProgress: (d) => seen.push(d) });
    expect(calls).toEqual([10, 10, 3]);
    expect(seen).toEqual([10, 20, 23]);
    expect(m.get('t15')).toEqual([3]);
    expect(m.size).toBe(23);
  });

  it('stops on abort and rejects a short answer', async () => {
    const ctl = new AbortController();
    const run = prefetchEncodings(['a', 'b', 'c'], (b) => (ctl.abort(), b.map(() => [1])), { batch: 1, signal: ctl.signal });
    await expect(run).rejects.toThrow(/cancel|abort/i);
    await expect(prefetchEncodings(['a', 'b'], () => [[1]])).rejects.toThrow(/1 encodings for 2/);
  });
});
