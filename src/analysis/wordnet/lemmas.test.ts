/** Lemma matching and hypernym chains on the real WordNet, with a toy tokenizer. */
import { beforeAll, describe, expect, it } from 'vitest';
import { hypernymChains, matchSingleTokenLemmas } from './lemmas';
import { loadWordNetNode } from './node/load-node';
import type { WordNet } from './wordnet';

describe('single-token lemmas and hypernym chains', () => {
  let wn: WordNet;
  beforeAll(() => {
    wn = loadWordNetNode();
  });

  it('matches each token once, in NLTK synset order, skipping short definitions and multi-token lemmas', () => {
    const vocab = new Map([['dog', 1], ['cat', 2], ['hot dog', 3], ['be', 4]]);
    const calls: string[] = [];
    const encode = (t: string): number[] => {
      calls.push(t);
      return vocab.has(t) ? [vocab.get(t)!] : [9, 9];
    };
    const m = matchSingleTokenLemmas(wn, encode);
    expect(m.map((e) => e.tokenId).sort()).toEqual([1, 2, 3, 4]);
    const dog = m.find((e) => e.tokenId === 1)!;
    // the first synset in all_synsets() order with the lemma "dog" and a definition > 10 characters
    const first = wn.synsetsOf('dog').sort((a, b) => a - b)[0];
    expect(dog.synset).toBe(first);
    expect(m.find((e) => e.tokenId === 3)!.text).toBe('hot dog');
    for (const e of m) expect(wn.definition(e.synset).length).toBeGreaterThan(10);
    expect(new Set(calls).size).toBe(calls.length); // each text encoded once
  });

  it('walks first hypernyms by name, skipping or stopping at unmatched ones', () => {
    const names = ['dog.n.01', 'canine.n.02', 'carnivore.n.01', 'mammal.n.01', 'animal.n.01', 'cat.n.01'];
    const ids = names.map((n) => wn.synset(n));
    const skip = hypernymChains(wn, ids);
    const byRoot = new Map(skip.map((c) => [names[c[0]], c.map((i) => names[i])]));
    // dog -> canine -> carnivore -> (placental) -> mammal -> (vertebrate, chordate) -> animal
    expect(byRoot.get('dog.n.01')).toEqual(['dog.n.01', 'canine.n.02', 'carnivore.n.01', 'mammal.n.01', 'animal.n.01']);
    const stop = hypernymChains(wn, ids, { walk: 'stop' });
    expect(stop.map((c) => c.map((i) => names[i]))).toEqual([['dog.n.01', 'canine.n.02', 'carnivore.n.01']]);
    // chains shorter than 3 are dropped; duplicates of a synset use its first entry
    expect(hypernymChains(wn, [...ids, ids[1]]).every((c) => c.length >= 3 && !c.includes(6))).toBe(true);
    expect(hypernymChains(wn, ids, { minLength: 1 }).length).toBe(6);
  });
});
