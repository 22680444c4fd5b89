/**
 * Lemma encodings fetched in batches before the battery runs: the battery asks its source for one
 * text at a time (about 150k distinct lemma texts in WordNet 3.1), which is fine in-thread but one
 * message round trip each across workers. Progress and cancellation between batches.
 */
import { throwIfAborted } from '../../linalg/cpu/types';
import type { WordNet } from './wordnet';

/** Every distinct lemma text (underscores as spaces), in synset then lemma order, as the battery encodes them. */
export function lemmaTexts(wn: WordNet): string[] {
  const texts = new Set<string>();
  for (let s = 0; s < wn.count; s++) for (const l of wn.lemmaNames(s)) texts.add(l.replace(/_/g, ' '));
  return [...texts];
}

export interface PrefetchOptions {
  /** texts per call of encodeMany (default 5000) */
  batch?: number;
  signal?: AbortSignal;
  /** texts encoded so far, after each batch */
  onProgress?: (done: number, total: number) => void;
}

/** The ids of every text, by text, from `encodeMany` called on consecutive batches. */
export async function prefetchEncodings(texts: readonly string[], encodeMany: (batch: string[]) => number[][] | Promise<number[][]>, opts: PrefetchOptions = {}): Promise<Map<string, number[]>> {
  const size = opts.batch ?? 5000;
  const out = new Map<string, number[]>();
  for (let i = 0; i < texts.length; i += size) {
    throwIfAborted(opts.signal);
    const batch = texts.slice(i, i + size);
    const ids = await encodeMany(batch);
    if (ids.length !== batch.length) throw new Error(`encodeMany returned ${ids.length} encodings for ${batch.length} texts`);
    batch.forEach((t, k) => out.set(t, ids[k]));
    opts.onProgress?.(Math.min(i + size, texts.length), texts.length);
  }
  throwIfAborted(opts.signal);
  return out;
}
