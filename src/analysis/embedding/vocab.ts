/**
 * Mapping the seed's words and digits to single vocabulary pieces, for the category and digit
 * measurements. Pure: the caller supplies the vocabulary as a piece -> id lookup.
 *
 * Which form counts (a choice; the seed tokenizes with its model's tokenizer and keeps a word when
 * it encodes to one token):
 * - words: " word" first (section 1's T5 SentencePiece adds the word-initial space itself), then
 *   "word";
 * - digits: "0" first (13a's Qwen BPE encodes str(d) without a space), then " 0".
 * The form used is reported per word.
 */
import { SEED_CATEGORIES, type CategoryInput } from './categories';

/** Piece string -> token id; undefined when the piece is not in the vocabulary. */
export type PieceLookup = (piece: string) => number | undefined;

/** A lookup over pieces 0..vocabSize-1, first id winning on duplicate pieces (as run.c's tokenizer). */
export function pieceLookup(vocabSize: number, piece: (id: number) => string): PieceLookup {
  const map = new Map<string, number>();
  for (let id = 0; id < vocabSize; id++) {
    const p = piece(id);
    if (!map.has(p)) map.set(p, id);
  }
  return (p) => map.get(p);
}

/** One word resolved to a vocabulary piece. */
export interface ResolvedWord {
  word: string;
  id: number;
  /** the piece that matched: "word" or " word" */
  piece: string;
}

/** Words that are one piece, in input order, and the words that are not. */
export interface ResolvedWords {
  found: ResolvedWord[];
  skipped: string[];
}

/** Resolves each word to the first of `forms(word)` that is a vocabulary piece. */
export function resolveWords(words: readonly string[], lookup: PieceLookup, forms: (w: string) => string[] = (w) => [` ${w}`, w]): ResolvedWords {
  const found: ResolvedWord[] = [];
  const skipped: string[] = [];
  for (const word of words) {
    const piece = forms(word).find((f) => lookup(f) !== undefined);
    if (piece === undefined) skipped.push(word);
    else found.push({ word, id: lookup(piece)!, piece });
  }
  return { found, skipped };
}

/** Token ids of the digits "0".."9" ("0" form first), or null with the missing digits when some is not one piece. */
export function digitTokenIds(lookup: PieceLookup): { ids: number[]; pieces: string[] } | { ids: null; missing: string[] } {
  const digits = Array.from({ length: 10 }, (_, i) => String(i));
  const r = resolveWords(digits, lookup, (w) => [w, ` ${w}`]);
  if (r.skipped.length) return { ids: null, missing: r.skipped };
  return { ids: r.found.map((f) => f.id), pieces: r.found.map((f) => f.piece) };
}

/** The seed's categories (or others) resolved against a vocabulary, ready for semanticCategories. */
export function resolveCategories(lookup: PieceLookup, categories: Readonly<Record<string, readonly string[]>> = SEED_CATEGORIES): CategoryInput[] {
  return Object.entries(categories).map(([name, words]) => {
    const r = resolveWords(words, lookup);
    return { name, ids: r.found.map((f) => f.id), words: r.found.map((f) => f.piece), skippedWords: r.skipped };
  });
}
