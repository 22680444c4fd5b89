/** The two example builders on the real WordNet with toy tokenizers: ids, labels, prefix, truncation. */
import { beforeAll, describe, expect, it } from 'vitest';
import { alphaExamples, seq2seqExamples, TRAIN_ALPHA_SEPARATOR } from './examples';
import { loadWordNetNode } from '../../wordnet/node/load-node';
import type { WordNet } from '../../wordnet/wordnet';

const utf8 = (t: string): number[] => Array.from(new TextEncoder().encode(t));

let wn: WordNet;
beforeAll(() => {
  wn = loadWordNetNode();
});

describe('alpha training examples', () => {
  it('decoder-only: BOS + definition + separator, the lemma token as the one label', () => {
    const vocab = new Map([['dog', 7], ['cat', 8]]);
    const encode = (t: string): number[] => [1, ...(vocab.has(t) ? [vocab.get(t)!] : t ? [...utf8(t), 99] : [])];
    const ex = alphaExamples(wn, encode);
    expect(ex.map((e) => e.lemma).sort()).toEqual(['cat', 'dog']);
    for (const e of ex) {
      expect(e.ids).toEqual(encode(e.definition + TRAIN_ALPHA_SEPARATOR));
      expect(e.labels).toEqual([e.label]);
      expect(e.label).toBe(vocab.get(e.lemma));
    }
  });

  it('encoder-decoder: prefix + definition cut to maxTokens, labels = lemma token then EOS', () => {
    const ex = seq2seqExamples(wn, utf8, { eosId: 1, vocabSize: 256, prefix: 'summarize: ', maxTokens: 40 });
    expect(ex.length).toBeGreaterThan(10);
    for (const e of ex) {
      expect(utf8(e.lemma)).toEqual([e.label]);
      expect(e.labels).toEqual([e.label, 1]);
      expect(e.ids).toEqual(utf8('summarize: ' + e.definition).slice(0, 40));
      expect(e.ids.length).toBeLessThanOrEqual(40);
    }
    expect(new Set(ex.map((e) => e.label)).size).toBe(ex.length); // each token once
    expect(seq2seqExamples(wn, utf8, { eosId: 1, vocabSize: 256, prefix: '', maxTokens: 128, maxExamples: 3 })).toHaveLength(3);
  });

  it('a byte beyond the vocabulary is no token', () => {
    const all = seq2seqExamples(wn, utf8, { eosId: 1, vocabSize: 256, prefix: '', maxTokens: 128 });
    const small = seq2seqExamples(wn, utf8, { eosId: 1, vocabSize: 100, prefix: '', maxTokens: 128 });
    expect(small.every((e) => e.label < 100)).toBe(true);
    expect(small.length).toBe(all.filter((e) => e.label < 100).length);
    expect(small.length).toBeLessThan(all.length);
  });
});
