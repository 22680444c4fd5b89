/**
 * The lab's WordNet as plain data: what the parser produces from the database files, what the
 * compact asset stores, and what `WordNet` (wordnet.ts) indexes. Synset ids are positions in
 * NLTK's `all_synsets()` order: data.adj (head adjectives and satellites), data.adv, data.noun,
 * data.verb, each in file order.
 */

/** NLTK's part-of-speech letters: noun, verb, head adjective, satellite adjective, adverb. */
export type Pos = 'n' | 'v' | 'a' | 's' | 'r';

/** The four database files (index.* and data.*); a satellite 's' lives in the adjective files. */
export type PosFile = 'n' | 'v' | 'a' | 'r';

/** The POS order of NLTK's `synsets(lemma)` (its POS_LIST). */
export const POS_LIST: readonly PosFile[] = ['n', 'v', 'a', 'r'];

/** Compressed sparse rows: the targets of row i are target[start[i] .. start[i + 1]). */
export interface Csr {
  /** [rows + 1] row starts into `target` */
  start: Int32Array;
  /** [edges] target synset ids */
  target: Int32Array;
}

export interface WordNetData {
  /** database version from the files' header, e.g. '3.1' */
  version: string;
  /** number of synsets */
  count: number;
  /** [count] one POS letter per synset (a string of length count) */
  pos: string;
  /** [count] byte offset of the synset's line in its data file (its WordNet id within the POS) */
  offsets: Int32Array;
  /** [count] lex_filenum, an index into LEXNAMES */
  lexnames: Uint8Array;
  /** [count][lemmas] lemma names as NLTK gives them: underscores for spaces, case kept, syntactic markers such as "(a)" removed */
  lemmas: string[][];
  /**
   * [count][lemmas] 1-based position of this synset in the index list of the lowercased lemma for
   * this POS file (the sense number); the first lemma's is the `.NN` of the synset's name
   */
  senses: Int32Array[];
  /** [count] gloss without its quoted examples, stripped of '; ' at both ends (NLTK's definition()) */
  definitions: string[];
  /** '@' pointers, in data-file order */
  hypernyms: Csr;
  /** '@i' pointers (instance of), in data-file order */
  instanceHypernyms: Csr;
}

/** The POS file a synset of POS `p` is stored in. */
export function posFile(p: Pos): PosFile {
  return p === 's' ? 'a' : p;
}
