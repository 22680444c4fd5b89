/**
 * The WordNet tab's state: the battery run's job id, progress and how it last ended, the id of the
 * last complete result (the result itself lives in wordnet-results.ts, never here), and the run's
 * options. Changes only through wordnet-actions.ts and wordnet-jobs.ts.
 */
import { create } from 'zustand';
import { idleRun, type BatteryRun } from './geometry-store';

export interface WordNetState {
  run: BatteryRun;
  /** boundary index pooled for the contextual vector; null = the battery's default (resid_post of the last block) */
  layer: number | null;
  /** stability seeds 0..seeds-1 (seed 05 section 3: 50); 1 = a single run */
  seeds: number;
  /** UTF-8 bytes as token ids (models without a tokenizer; explicit, never a fallback) */
  byteIds: boolean;
  lastAction: string;
}

/** Section 3's 50 seeds. */
export const DEFAULT_SEEDS = 50;

export const initialWordNetState = (): WordNetState => ({ run: idleRun(), layer: null, seeds: DEFAULT_SEEDS, byteIds: false, lastAction: 'init' });

export const useWordNet = create<WordNetState>()(() => initialWordNetState());

/** Declare a named WordNet action: a pure update from the current state and the arguments. */
export function wordnetAction<A extends unknown[]>(name: string, update: (s: WordNetState, ...args: A) => Partial<WordNetState>): (...args: A) => void {
  return (...args: A) => useWordNet.setState((s) => ({ ...update(s, ...args), lastAction: name }));
}
