/**
 * Wu-Palmer similarity against NLTK's wup_similarity on every committed pair (with and without the
 * simulated root), and its invariants: 1 for a synset with itself, symmetry where NLTK's choice of
 * subsumer is symmetric, values in (0, 1], and a hand-checked noun pair.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWordNetNode } from './node/load-node';
import { WORDNET_REFERENCE } from './testing/reference';
import { maxDepth, minDepth, wupSimilarity } from './wup';
import type { WordNet } from './wordnet';

const ref = WORDNET_REFERENCE;

describe('Wu-Palmer similarity, NLTK-exact', () => {
  let wn: WordNet;
  beforeAll(() => {
    wn = loadWordNetNode();
  });

  it('equals NLTK on every committed pair, with and without the simulated root', () => {
    expect(ref.wupPairs.length).toBeGreaterThan(400);
    let worst = 0;
    let nulls = 0;
    for (const p of ref.wupPairs) {
      const a = wn.synset(p.a);
      const b = wn.synset(p.b);
      for (const [want, simulateRoot] of [[p.wup, true], [p.wupNoRoot, false]] as const) {
        const got = wupSimilarity(wn, a, b, { simulateRoot });
        if (want === null) {
          expect(got, `${p.a} ${p.b} root=${simulateRoot}`).toBeNull();
          nulls++;
        } else {
          expect(got, `${p.a} ${p.b} root=${simulateRoot}`).not.toBeNull();
          worst = Math.max(worst, Math.abs(got! - want));
        }
      }
    }
    expect(worst).toBe(0);
    expect(nulls).toBeGreaterThan(100); // cross-taxonomy pairs without the root
  });

  it('is 1 for a synset with itself (except NLTK\'s min-depth quirk) and lies in (0, 1]', () => {
    for (const n of ['run.v.01', 'good.a.01', 'entity.n.01']) expect(wupSimilarity(wn, wn.synset(n), wn.synset(n))).toBe(1);
    // dog.n.01 reaches the top in 8 steps through domestic_animal, but its hypernym canine.n.02 has
    // min_depth 12: NLTK picks canine (max_depth 12, depth 13) as the subsumer of dog with itself,
    // so wup = 2 * 13 / ((1 + 13) + (1 + 13)) = 13/14, which is what NLTK returns.
    const dog = wn.synset('dog.n.01');
    expect(minDepth(wn, wn.synset('canine.n.02'))).toBeGreaterThan(minDepth(wn, dog));
    expect(wupSimilarity(wn, dog, dog)).toBeCloseTo(0.9285714285714286, 15);
    for (const p of ref.wupPairs) {
      const s = wupSimilarity(wn, wn.synset(p.a), wn.synset(p.b))!;
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });

  it('follows the textbook formula on dog and cat (LCS carnivore)', () => {
    const dog = wn.synset('dog.n.01');
    const cat = wn.synset('cat.n.01');
    const lcs = wn.synset('carnivore.n.01');
    const depth = maxDepth(wn, lcs) + 1;
    expect(minDepth(wn, wn.synset('entity.n.01'))).toBe(0);
    // dog -> canine -> carnivore (2 steps), cat -> feline -> carnivore (2 steps)
    expect(wupSimilarity(wn, dog, cat)).toBeCloseTo((2 * depth) / (2 + depth + 2 + depth), 15);
  });
});
