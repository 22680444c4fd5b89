/**
 * The embedding battery over a loaded model (issue 6, item 5): the static geometry of the token
 * embedding (norms, sampled cosines, covariance spectrum, simplex volumes, digits and seed 05's
 * categories resolved against the model's vocabulary) and the hidden-state evolution over seed
 * 05's test sentences at every residual boundary. Reads through an EmbeddingSource (the Lab
 * in-thread, or the model worker through a port). Progress and cancel inside every measurement.
 */
import type { WeightListing } from './lab';
import { embeddingGeometry, type EmbeddingGeometry } from '../analysis/embedding/battery';
import { hiddenStateEvolution, type HiddenStateEvolution } from '../analysis/embedding/evolution';
import { digitTokenIds, pieceLookup, resolveCategories } from '../analysis/embedding/vocab';
import { CancelledError, yieldToEvents, type ProgressFn } from './jobs';

export const EMBEDDING_BATTERY_FORMAT = 'residual-lab/embedding@1';

/** Seed 05 section 1's `test_sentences`. */
export const SEED05_SENTENCES: readonly string[] = [
  'The cat sat on the mat.',
  'Quantum mechanics describes the behavior of particles at the atomic scale.',
  'She quickly ran to the store before it closed.',
  'The derivative of x squared is two x.',
  'Red and blue make purple when mixed together.',
  'The president signed the new trade agreement yesterday.',
  'Three plus four equals seven.',
  'Love is patient, love is kind.',
  'The function returns a sorted list of integers.',
  'Mount Everest is the tallest mountain in the world.',
];

export interface EmbeddingSource {
  listing(): WeightListing | Promise<WeightListing>;
  read(name: string): Float32Array | Promise<Float32Array>;
  /** display string of every vocabulary id, or null for a model without a tokenizer */
  pieces(): string[] | null | Promise<string[] | null>;
  /** resid_pre(0..L-1) and resid_post(L-1) of one sentence, each [seqLen, d_model] */
  residualStates(input: { prompt: string }): Promise<{ seqLen: number; dModel: number; hooks?: string[]; states: Float32Array[] }>;
}

export interface EmbeddingBatteryOptions {
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** Rng seed of every sampled measurement (default 42, as seed 05) */
  seed?: number;
  /** sentences for the hidden-state evolution (default SEED05_SENTENCES); [] skips it */
  sentences?: readonly string[];
}

export interface EmbeddingBatteryResult {
  format: typeof EMBEDDING_BATTERY_FORMAT;
  /** the static battery on the `embed` matrix [vocab, d_model] */
  geometry: EmbeddingGeometry;
  /** digits and category words that are not one vocabulary piece, or why they were not looked up */
  vocabulary: { digits: string; skippedWords: string[] };
  /**
   * per boundary in `evolutionHooks` order: resid_pre(0..L-1), resid_post(L-1) (the true last-block
   * output), then ln_final's output (HF's hidden_states[L], what seed 05 reports last); null when skipped
   */
  evolution: HiddenStateEvolution | null;
  evolutionHooks: string[];
  evolutionNote: string;
  sentences: string[];
  timing: { totalMs: number };
}

async function guard<T>(signal: AbortSignal | undefined, f: () => T | Promise<T>): Promise<T> {
  await yieldToEvents();
  if (signal?.aborted) throw new CancelledError('embedding battery');
  try {
    return await f();
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw new CancelledError('embedding battery');
    throw e;
  }
}

export async function runEmbeddingBattery(src: EmbeddingSource, opts: EmbeddingBatteryOptions = {}): Promise<EmbeddingBatteryResult> {
  const t0 = performance.now();
  const { signal, onProgress } = opts;
  const listing = await src.listing();
  const embed = listing.entries.find((e) => e.kind === 'embed');
  if (!embed) throw new Error('this model has no token embedding in its weight catalog');
  const [vocab, d] = [embed.rows, embed.cols];
  const e = await src.read('embed');
  const pieces = await src.pieces();
  let digitIds: number[] | null = null;
  let digits = 'the model ships no tokenizer: no digit manifold or categories';
  let categories = null;
  const skippedWords: string[] = [];
  if (pieces) {
    const lookup = pieceLookup(pieces.length, (i) => pieces[i]);
    const dg = digitTokenIds(lookup);
    if (dg.ids) {
      digitIds = dg.ids;
      digits = `"0".."9" are ids ${dg.ids.join(', ')}`;
    } else digits = `not every digit is one piece (missing ${dg.missing.join(', ')})`;
    categories = resolveCategories(lookup);
    for (const c of categories) skippedWords.push(...(c.skippedWords ?? []));
  }
  const staticEnd = opts.sentences?.length === 0 ? 1 : 0.7;
  const geometry = await guard(signal, () =>
    embeddingGeometry(e, vocab, d, {
      seed: opts.seed ?? 42, digitIds, categories, signal,
      onProgress: (f) => onProgress?.({ stage: 'embedding', message: 'static embedding geometry', fraction: f * staticEnd }),
    }),
  );
  const sentences = [...(opts.sentences ?? SEED05_SENTENCES)];
  let evolution: HiddenStateEvolution | null = null;
  let evolutionHooks: string[] = [];
  let evolutionNote = 'boundaries resid_pre(0..L-1), resid_post(L-1), then the final norm output (HF hidden_states[L]); seed 05 reports hidden_states, i.e. all but resid_post(L-1)';
  if (!sentences.length) evolutionNote = 'skipped: no sentences';
  else if (!pieces) evolutionNote = 'skipped: the model ships no tokenizer';
  else {
    const perSentence: Float32Array[][] = [];
    const seqLens: number[] = [];
    for (const [i, s] of sentences.entries()) {
      const r = await guard(signal, () => src.residualStates({ prompt: s }));
      onProgress?.({ stage: 'embedding', message: `hidden states of sentence ${i + 1} of ${sentences.length}`, fraction: staticEnd + (0.25 * (i + 1)) / sentences.length });
      perSentence.push(r.states);
      seqLens.push(r.seqLen);
      evolutionHooks = r.hooks ?? [];
    }
    const boundaries = perSentence[0].length;
    const states = Array.from({ length: boundaries }, (_, b) => perSentence.map((ss) => ss[b]));
    evolution = await guard(signal, () => hiddenStateEvolution(states, seqLens, d, { signal }));
  }
  onProgress?.({ stage: 'embedding', message: 'embedding battery done', fraction: 1 });
  return { format: EMBEDDING_BATTERY_FORMAT, geometry, vocabulary: { digits, skippedWords }, evolution, evolutionHooks, evolutionNote, sentences, timing: { totalMs: performance.now() - t0 } };
}
