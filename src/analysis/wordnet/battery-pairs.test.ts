/**
 * The recorded pairs of a real runWordNetBattery run (a synthetic model: a made-up single-token
 * vocabulary over WordNet lemmas, random embedding and states) are the run's own pairs: the replay
 * passes its Pearson check, and a source that hides its states gives a note instead of pairs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWordNetNode } from './node/load-node';
import { batteryPairs, recordingSource } from './battery-pairs';
import { Rng } from '../../linalg/cpu/rng';
import { runWordNetBattery, type WordNetSource } from '../../runtime/wordnet-battery';
import type { WordNet } from './wordnet';

const D = 8;
const VOCAB = 400;

function fakeModel(wn: WordNet): WordNetSource {
  const ids = new Map<string, number>();
  for (let s = 0; s < wn.count && ids.size < VOCAB; s += 37) for (const l of wn.lemmaNames(s)) if (ids.size < VOCAB && !ids.has(l.replace(/_/g, ' '))) ids.set(l.replace(/_/g, ' '), ids.size);
  const rng = new Rng(5);
  const embed = Float32Array.from({ length: VOCAB * D }, () => rng.next() - 0.5);
  return {
    dModel: D,
    embed: () => embed,
    encode: (t) => (ids.has(t) ? [ids.get(t)!] : [1, 2]),
    residualStates: async (t) => {
      const seqLen = (t.length % 5) + 2;
      const r = new Rng(t.length * 131 + t.charCodeAt(0));
      const states = Array.from({ length: 4 }, () => Float32Array.from({ length: seqLen * D }, () => r.next() - 0.5));
      return { seqLen, states, hooks: ['a', 'b', 'c', 'd'] };
    },
  };
}

/** A T5-like source: encoderOutput on ids (the encode of 'summarize: ' + definition); and a tokenizer-less one for byte ids. */
function fakeEncoder(wn: WordNet): WordNetSource {
  const base = fakeModel(wn);
  return {
    ...base,
    encoderOutput: async (ids) => {
      const r = new Rng(ids.length * 7 + ids[0]);
      return Float32Array.from({ length: ids.length * D }, () => r.next() - 0.5);
    },
    encode: (t) => (t.startsWith('summarize: ') ? Array.from(t.slice(0, 200), (c) => c.charCodeAt(0) % VOCAB) : base.encode(t)),
  };
}

function fakeBytes(): WordNetSource {
  const rng = new Rng(9);
  const embed = Float32Array.from({ length: 256 * D }, () => rng.next() - 0.5);
  return {
    dModel: D,
    hasTokenizer: false,
    embed: () => embed,
    encode: () => {
      throw new Error('no tokenizer');
    },
    residualStates: () => Promise.reject(new Error('no tokenizer')),
    residualStatesOfIds: async (ids) => {
      const r = new Rng(ids.length * 131 + ids[0]);
      return { seqLen: ids.length, states: Array.from({ length: 3 }, () => Float32Array.from({ length: ids.length * D }, () => r.next() - 0.5)) };
    },
  };
}

describe('batteryPairs', () => {
  let wn: WordNet;
  beforeAll(() => {
    wn = loadWordNetNode();
  });

  it('gives the run\'s own pairs, thinned, for the default and for a chosen boundary', async () => {
    for (const layer of [undefined, 0]) {
      const { source, records } = recordingSource(fakeModel(wn), layer);
      const res = await runWordNetBattery(wn, source, { layer });
      expect(res.matched).toBeGreaterThan(100);
      const got = batteryPairs(wn, records, res, 500);
      expect(got.note).toBeNull();
      expect(got.pairs!.measured).toBe(res.run.pairsValid);
      expect(got.pairs!.similarity.length).toBe(500);
      for (const s of got.pairs!.similarity) expect(s > 0 && s <= 1).toBe(true);
    }
  }, 30_000);

  it('covers the encoder path (prefix, truncated ids) and byte ids', async () => {
    for (const [src, opts] of [[fakeEncoder(wn), {}], [fakeBytes(), { byteIds: true, maxTokens: 40 }]] as const) {
      const { source, records } = recordingSource(src, undefined);
      const res = await runWordNetBattery(wn, source, opts);
      const got = batteryPairs(wn, records, res, 300);
      expect(got.note).toBeNull();
      expect(got.pairs!.measured).toBe(res.run.pairsValid);
    }
  }, 60_000);

  it('says why when the contextual vectors did not pass through residualStates', async () => {
    const { source, records } = recordingSource(fakeModel(wn), undefined);
    const res = await runWordNetBattery(wn, source, {});
    records.pooled.clear();
    expect(batteryPairs(wn, records, res, 500)).toEqual({ pairs: null, note: expect.stringMatching(/contextual vectors/) });
    const { records: empty } = recordingSource(fakeModel(wn), undefined);
    expect(batteryPairs(wn, empty, res, 500).note).toMatch(/static embedding/);
  }, 30_000);

  it('refuses pairs that do not reproduce the run (another layer than the run pooled)', async () => {
    const { source, records } = recordingSource(fakeModel(wn), 1);
    const res = await runWordNetBattery(wn, source, { layer: 0 });
    expect(batteryPairs(wn, records, res, 500).note).toMatch(/do not reproduce/);
  }, 30_000);
});
