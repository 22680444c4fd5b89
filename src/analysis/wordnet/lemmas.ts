/**
 * The seed's inputs to the relational battery (seed 05, section 2): WordNet lemmas that are one
 * token of the model's vocabulary, and the hypernym chains among them.
 */
import type { WordNet } from './wordnet';

/** One WordNet lemma that the model's tokenizer encodes as a single token. */
export interface MatchedLemma {
  /** the lemma with spaces for underscores, as it was encoded */
  text: string;
  /** synset id in `wn` */
  synset: number;
  /** the single vocabulary id */
  tokenId: number;
}

export interface MatchOptions {
  /** definitions of this many characters or fewer are skipped (seed: len(defn) > 10) */
  minDefinitionChars?: number;
}

/**
 * The seed's matching: for every synset in NLTK's order, every lemma (underscores to spaces) whose
 * encoding is one token not taken before, when the synset's definition is longer than 10 characters.
 * `encode` is the model's tokenizer without special tokens (seed: tokenizer.encode(name,
 * add_special_tokens=False)); each distinct text is encoded once.
 */
export function matchSingleTokenLemmas(wn: WordNet, encode: (text: string) => ArrayLike<number>, opts: MatchOptions = {}): MatchedLemma[] {
  const minChars = opts.minDefinitionChars ?? 10;
  const single = new Map<string, number>(); // text -> token id, or -1 when not one token
  const seen = new Set<number>();
  const out: MatchedLemma[] = [];
  for (let s = 0; s < wn.count; s++) {
    for (const lemma of wn.lemmaNames(s)) {
      const text = lemma.replace(/_/g, ' ');
      let id = single.get(text);
      if (id === undefined) {
        const ids = encode(text);
        id = ids.length === 1 ? ids[0] : -1;
        single.set(text, id);
      }
      // The seed marks a token as taken only when its definition qualifies.
      if (id < 0 || seen.has(id) || wn.definition(s).length <= minChars) continue;
      out.push({ text, synset: s, tokenId: id });
      seen.add(id);
    }
  }
  return out;
}

/**
 * How a chain walks past a hypernym that is not a matched lemma. The seed's loop body is printed
 * without indentation, so both readings exist: 'skip' moves on to that hypernym's first hypernym
 * (the seed's example "dog -> canine -> carnivore -> mammal -> animal" skips unmatched steps), 'stop'
 * stays put, so the chain ends at the first unmatched hypernym.
 */
export type ChainWalk = 'skip' | 'stop';

export interface ChainOptions {
  /** hypernym steps walked at most (seed: range(10)) */
  maxSteps?: number;
  /** chains shorter than this many entries are dropped (seed: len(chain) >= 3) */
  minLength?: number;
  /** default 'skip' */
  walk?: ChainWalk;
}

/**
 * The seed's hypernym chains: for each synset of a matched entry (its first entry, in match order),
 * follow the first hypernym by name (NLTK's hypernyms()[0], no instance hypernyms) for up to 10
 * steps, appending each one that is a matched synset. Returns chains of entry indices, root
 * (the starting entry) first; chain[d] is the d-th matched ancestor.
 */
export function hypernymChains(wn: WordNet, synsets: ArrayLike<number>, opts: ChainOptions = {}): number[][] {
  const { maxSteps = 10, minLength = 3, walk = 'skip' } = opts;
  const entryOf = new Map<number, number>();
  for (let i = 0; i < synsets.length; i++) if (!entryOf.has(synsets[i])) entryOf.set(synsets[i], i);
  const chains: number[][] = [];
  for (const [syn, idx] of entryOf) {
    const chain = [idx];
    let current = syn;
    for (let step = 0; step < maxSteps; step++) {
      const hyps = wn.hypernyms(current);
      if (hyps.length === 0) break;
      const parent = hyps[0];
      const entry = entryOf.get(parent);
      if (entry !== undefined) chain.push(entry);
      if (entry !== undefined || walk === 'skip') current = parent;
    }
    if (chain.length >= minLength) chains.push(chain);
  }
  return chains;
}
