/**
 * Path similarity against NLTK on the committed pairs (with and without the simulated root), and
 * its invariants: identity 1, symmetry, a direct hypernym 1/2, values 1/(k+1), null only without the root.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWordNetNode } from './node/load-node';
import { PathIndex, pathSimilarity } from './path';
import { WORDNET_REFERENCE } from './testing/reference';
import type { WordNet } from './wordnet';

const ref = WORDNET_REFERENCE;

describe('path similarity, NLTK-exact', () => {
  let wn: WordNet;
  let paths: PathIndex;
  beforeAll(() => {
    wn = loadWordNetNode();
    paths = new PathIndex(wn);
  });

  it('equals NLTK on every committed pair, default (simulated root where NLTK adds it)', () => {
    expect(ref.pairs.length).toBeGreaterThan(400);
    let worst = 0;
    for (const p of ref.pairs) {
      const got = paths.pathSimilarity(wn.synset(p.a), wn.synset(p.b));
      if (p.sim === null) expect(got, `${p.a} ${p.b}`).toBeNull();
      else {
        expect(got, `${p.a} ${p.b}`).not.toBeNull();
        worst = Math.max(worst, Math.abs(got! - p.sim));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('equals NLTK with simulate_root=False, null where taxonomies do not meet', () => {
    let nulls = 0;
    for (const p of ref.pairs) {
      const got = paths.pathSimilarity(wn.synset(p.a), wn.synset(p.b), { simulateRoot: false });
      if (p.simNoRoot === null) {
        expect(got, `${p.a} ${p.b}`).toBeNull();
        nulls++;
      } else expect(Math.abs(got! - p.simNoRoot), `${p.a} ${p.b}`).toBeLessThan(1e-12);
    }
    expect(nulls).toBeGreaterThan(100); // verb pairs of different taxonomies, and every cross-POS pair
  });

  it('covers every stratum of the fixture, the simulated root included', () => {
    const kinds = new Set(ref.pairs.map((p) => p.kind));
    for (const k of ['noun-noun', 'verb-verb', 'adj-adj', 'adv-adv', 'noun-verb', 'noun instance', 'identical']) expect(kinds.has(k), k).toBe(true);
    const rooted = ref.pairs.filter((p) => p.sim !== null && p.simNoRoot === null);
    expect(rooted.length).toBeGreaterThan(100);
  });

  it('is 1 for a synset with itself, symmetric, 1/2 for a direct hypernym, and 1/(k+1)', () => {
    const dog = wn.synset('dog.n.01');
    expect(paths.pathSimilarity(dog, dog)).toBe(1);
    expect(paths.pathSimilarity(dog, wn.synset('canine.n.02'))).toBe(0.5);
    expect(paths.pathSimilarity(wn.synset('paris.n.01'), wn.synset('national_capital.n.01'))).toBe(0.5); // an instance edge
    for (const p of ref.pairs.slice(0, 120)) {
      const a = wn.synset(p.a);
      const b = wn.synset(p.b);
      const ab = paths.pathSimilarity(a, b)!;
      expect(paths.pathSimilarity(b, a)).toBe(ab);
      const k = 1 / ab - 1;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
      expect(ab).toBeGreaterThan(0);
      expect(ab).toBeLessThanOrEqual(1);
    }
  });

  it('meets unconnected synsets at the fake root one step above each one\'s farthest ancestor', () => {
    const run = wn.synset('run.v.01');
    const think = wn.synset('think.v.01');
    const dRun = paths.ancestors(run).maxDist;
    const dThink = paths.ancestors(think).maxDist;
    expect(paths.shortestPathDistance(run, think, false)).toBeNull();
    expect(paths.shortestPathDistance(run, think, true)).toBe(dRun + 1 + dThink + 1);
    expect(pathSimilarity(wn, wn.synset('good.a.01'), wn.synset('bad.a.01'))).toBeCloseTo(1 / 3, 15);
    // nouns never get the root: two nouns always meet at entity.n.01
    expect(paths.usesRoot(wn.synset('dog.n.01'), wn.synset('cat.n.01'))).toBe(false);
  });
});
