/**
 * Complete WordNet battery results, outside the store (they hold typed arrays: the scatter pairs).
 * The store keeps only the id; the tab looks the entry up here.
 */
import type { Manifest } from '../io/results';
import type { WordNetJobResult } from '../../workers/analysis.worker';

export interface StoredWordNet {
  result: WordNetJobResult;
  /** the model worker's manifest when the run started (model files, execution provider, versions) */
  manifest: Manifest;
  /** the options the run was started with (layer null = the battery's default boundary) */
  options: { layer: number | null; seeds: number; byteIds: boolean };
}

const results = new Map<string, StoredWordNet>();
let counter = 0;

/** Keep a result and return its id; `replaces` (the previous result's id) is dropped. */
export function keepWordNetResult(entry: StoredWordNet, replaces: string | null): string {
  if (replaces) results.delete(replaces);
  const id = `wordnet-result-${++counter}`;
  results.set(id, entry);
  return id;
}

export function wordnetResult(id: string | null): StoredWordNet | null {
  return (id && results.get(id)) || null;
}
