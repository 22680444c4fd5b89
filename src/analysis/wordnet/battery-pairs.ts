/**
 * Per-pair data for the WordNet tab's scatter figures beside runWordNetBattery, which reports only
 * statistics. A wrapper around the battery's source records what the battery reads (every lemma
 * encoding, the static embedding, and per model input the mean over positions of the state it pools:
 * a boundary of the residual stream, or the encoder output); afterwards the relational inputs are
 * rebuilt from those records and relationalPairs replays the run's pairs. The replay must reproduce
 * the run's pair count and both Pearson r; otherwise no pairs are given, because a figure of other
 * pairs than the numbers describe would mislead.
 */
import { pearson } from '../stats';
import { matchSingleTokenLemmas } from './lemmas';
import { relationalPairs, thinPairs, type RelationalPairs } from './pairs';
import { prepareRelational } from './relational';
import type { WordNet } from './wordnet';

type States = { seqLen: number; states: Float32Array[]; hooks?: string[] };

/** The part of the battery's source (src/runtime/wordnet-battery.ts WordNetSource) the records come from. */
export interface RecordedSource {
  dModel: number;
  embed(): Float32Array | Promise<Float32Array>;
  encode(text: string): number[] | Promise<number[]>;
  residualStates(text: string): Promise<States>;
  residualStatesOfIds?(ids: number[]): Promise<States>;
  encoderOutput?(ids: number[]): Promise<Float32Array>;
}

export interface SourceRecords {
  /** [vocab, dModel] the static embedding, once read */
  embed: Float32Array | null;
  dModel: number;
  /** ids of every text encoded */
  encodings: Map<string, number[]>;
  /** per model input (inputKey): [dModel] mean over positions of the pooled state, accumulated in float32 as the battery does */
  pooled: Map<string, Float32Array>;
}

/** Records key a model input by its text, or by its ids when the battery ran ids. */
export const inputKey = (input: string | readonly number[]): string => (typeof input === 'string' ? `text:${input}` : `ids:${input.join(',')}`);

function pool(h: Float32Array, seqLen: number, d: number): Float32Array {
  const v = new Float32Array(d);
  for (let t = 0; t < seqLen; t++) for (let k = 0; k < d; k++) v[k] += h[t * d + k] / seqLen;
  return v;
}

/**
 * `src` with records kept: `layer` is the battery's option (undefined: its default boundary, the
 * second to last state, resid_post of the last block).
 */
export function recordingSource<S extends RecordedSource>(src: S, layer: number | undefined): { source: S; records: SourceRecords } {
  const records: SourceRecords = { embed: null, dModel: src.dModel, encodings: new Map(), pooled: new Map() };
  const d = src.dModel;
  const keep = (key: string, r: States): States => {
    const h = r.states[layer ?? r.states.length - 2];
    if (h && !records.pooled.has(key)) records.pooled.set(key, pool(h, r.seqLen, d));
    return r;
  };
  const source: S = {
    ...src,
    embed: async () => (records.embed = await src.embed()),
    encode: async (text: string) => {
      const ids = await src.encode(text);
      records.encodings.set(text, ids);
      return ids;
    },
    residualStates: async (text: string) => keep(inputKey(text), await src.residualStates(text)),
  };
  if (src.residualStatesOfIds) {
    const ofIds = src.residualStatesOfIds.bind(src);
    source.residualStatesOfIds = async (ids: number[]) => keep(inputKey(ids), await ofIds(ids));
  }
  if (src.encoderOutput) {
    const enc = src.encoderOutput.bind(src);
    source.encoderOutput = async (ids: number[]) => {
      const h = await enc(ids);
      records.pooled.set(inputKey(ids), pool(h, ids.length, d));
      return h;
    };
  }
  return { source, records };
}

/** What of the battery's result the replay is built from and checked against. */
export interface RunFacts {
  matched: number;
  /** every matched lemma (newer results carry it; else the matching is redone from the recorded encodings) */
  lemmas?: { synset: string; tokenId: number }[];
  stack?: 'decoder-only' | 'encoder';
  tokenization?: 'tokenizer' | 'utf8-bytes';
  prefix?: string;
  maxTokens?: number | null;
  run: { seed: number; nRel: number; pairsDrawn: number; pairsValid: number; pearson: { static: number | null; context: number | null } };
}

export type BatteryPairs = { pairs: RelationalPairs; note: null } | { pairs: null; note: string };

const sameR = (a: number | null, b: number | null): boolean => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)));

/** The records' key of the model input the battery ran for `text` (prefix + definition). */
function keyOf(text: string, facts: RunFacts, records: SourceRecords): string | null {
  const cut = (ids: number[]): number[] => (facts.maxTokens ? ids.slice(0, facts.maxTokens) : ids);
  if (facts.tokenization === 'utf8-bytes') return inputKey(cut(Array.from(new TextEncoder().encode(text))));
  if (facts.stack === 'encoder') {
    const ids = records.encodings.get(text);
    return ids ? inputKey(cut(ids)) : null;
  }
  return inputKey(text);
}

/** The run's measured pairs from the records, thinned to `maxPoints`, or why there are none. */
export function batteryPairs(wn: WordNet, records: SourceRecords, facts: RunFacts, maxPoints: number, signal?: AbortSignal): BatteryPairs {
  const { embed, dModel: d } = records;
  if (!embed) return { pairs: null, note: 'the static embedding was not read through the recorded source' };
  const matched = facts.lemmas
    ? facts.lemmas.map((l) => ({ synset: wn.find(l.synset), tokenId: l.tokenId }))
    : matchSingleTokenLemmas(wn, (t) => records.encodings.get(t) ?? []).slice(0, facts.matched);
  if (matched.length !== facts.matched || matched.some((m) => m.synset < 0)) return { pairs: null, note: `the recorded lemmas (${matched.length}) are not the battery's ${facts.matched}` };
  const staticReps = new Float32Array(matched.length * d);
  const contextReps = new Float32Array(matched.length * d);
  for (const [i, m] of matched.entries()) {
    const key = keyOf((facts.prefix ?? '') + wn.definition(m.synset), facts, records);
    const v = key === null ? undefined : records.pooled.get(key);
    if (!v) return { pairs: null, note: 'the contextual vectors did not all come through the recorded source' };
    staticReps.set(embed.subarray(m.tokenId * d, (m.tokenId + 1) * d), i * d);
    contextReps.set(v, i * d);
  }
  const prep = prepareRelational({ wn, synsets: matched.map((m) => m.synset), staticReps, dStatic: d, contextReps, dContext: d });
  const run = facts.run;
  const full = relationalPairs(prep, { seed: run.seed, nRel: run.nRel, nPairs: run.pairsDrawn, signal });
  const r = (y: Float64Array): number | null => {
    const res = pearson(full.similarity, y);
    return res.ok ? res.r : null;
  };
  if (full.measured !== run.pairsValid || !sameR(r(full.cosStatic), run.pearson.static) || !sameR(r(full.cosContext), run.pearson.context)) {
    return { pairs: null, note: 'the replayed pairs do not reproduce the run\'s correlations, so none are shown' };
  }
  return { pairs: thinPairs(full, maxPoints), note: null };
}
