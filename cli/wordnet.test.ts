/**
 * residual-lab wordnet on stories260K: the lemmas that are one token, their static rows and
 * definitions through the model, then the relational battery (itself checked against the
 * numpy/scipy/NLTK mirror in src/analysis/wordnet). Here: the wiring, against the tokenizer and the
 * checkpoint; the subcommands (similarity against NLTK, errors, the .npy writer); and the battery's
 * encoder and byte-id paths on a fake model. The numbers on real models: wordnet-models.test.ts.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from './main';
import { nodeLab } from './node-lab';
import { float32Npy } from './wordnet';
import { SHARED, STORIES_CKPT, STORIES_TOK } from '../src/testing/shared';
import { WORDNET_REFERENCE } from '../src/analysis/wordnet/testing/reference';
import { loadWordNetNode } from '../src/analysis/wordnet/node/load-node';
import { parseTargetFile } from '../src/analysis/modulation/target-file';
import { wordnetVectors, type WordNetSource } from '../src/runtime/wordnet-battery';

describe('CLI wordnet', () => {
  it('matches single-token lemmas with the tokenizer and measures path similarity against cosine', async () => {
    let out = '';
    expect(await main(['wordnet', '--model', STORIES_CKPT, '--tokenizer', STORIES_TOK, '--json'], (s) => (out += s))).toBe(0);
    const r = JSON.parse(out);
    expect(r.format).toBe('residual-lab/wordnet@1');
    expect(r.matched).toBeGreaterThanOrEqual(20);
    expect(r.contextual).toMatch(/blocks\.4\.hook_resid_post/);
    const lab = nodeLab();
    await lab.load({ source: { kind: 'llama2c', checkpoint: { local: STORIES_CKPT }, tokenizer: { local: STORIES_TOK } }, ep: 'auto' });
    try {
      const bos = lab.tokenize('').ids.length;
      for (const e of r.examples as { text: string; synset: string; tokenId: number }[]) {
        expect(e.synset).toMatch(/^[^.]+\.[nvasr]\.\d\d$/);
        expect(lab.tokenize(e.text).ids.slice(bos)).toEqual([e.tokenId]);
      }
    } finally {
      await lab.unload();
    }
    expect(r.run.pairsValid).toBeGreaterThan(1000);
    for (const x of [r.run.pearson.static, r.run.pearson.context, r.run.spearman.static, r.run.spearman.context]) expect(Math.abs(x)).toBeLessThanOrEqual(1);
  }, 60_000);
});

describe('CLI wordnet subcommands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wordnet-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (args: string[]): Promise<string> => {
    let out = '';
    expect(await main(args, (s) => (out += s))).toBe(0);
    return out;
  };

  it('similarity prints NLTK path similarity (and Wu-Palmer) of every pair in the file', async () => {
    const pairs = WORDNET_REFERENCE.pairs.slice(0, 40);
    const wup = WORDNET_REFERENCE.wupPairs.slice(0, 40);
    const file = join(dir, 'pairs.tsv');
    writeFileSync(file, ['# a comment', ...pairs.map((p) => `${p.a}\t${p.b}`), ''].join('\n'));
    const r = JSON.parse(await run(['wordnet', 'similarity', '--pairs', file, '--json']));
    expect(r.pairs).toHaveLength(40);
    r.pairs.forEach((row: { line: number; a: string; b: string; pathSimilarity: number | null; wupSimilarity: number | null }, i: number) => {
      expect([row.line, row.a, row.b]).toEqual([i + 2, pairs[i].a, pairs[i].b]);
      expect(row.pathSimilarity).toBe(pairs[i].sim);
      expect(row.wupSimilarity).toBe(wup[i].wup);
    });
    const text = await run(['wordnet', 'similarity', '--pairs', file]);
    expect(text.split('\n')[1]).toBe(`${pairs[0].a}\t${pairs[0].b}\t${pairs[0].sim}\t${wup[0].wup}`);
  });

  it('similarity names the line of a bad synset name or a malformed pair', async () => {
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, 'dog.n.01\tcat.n.01\n\ndog.n.01\tnot_a_word.n.01\n');
    await expect(main(['wordnet', 'similarity', '--pairs', bad], () => undefined)).rejects.toThrow(/bad\.tsv line 3: no synset named 'not_a_word\.n\.01'/);
    writeFileSync(bad, 'dog.n.01 cat.n.01\n');
    await expect(main(['wordnet', 'similarity', '--pairs', bad], () => undefined)).rejects.toThrow(/line 1: expected two synset names separated by a tab/);
  });

  it('prints its usage, and refuses a model without a tokenizer unless --byte-ids', async () => {
    expect(await run(['wordnet', '--help'])).toMatch(/wordnet similarity --pairs FILE/);
    const t5 = resolve(SHARED, 'fixtures/hf-tiny/t5/opset17/decoder_model.onnx');
    await expect(main(['wordnet', 'battery', '--model', t5], () => undefined)).rejects.toThrow(/ships no tokenizer: .*byte ids/);
    await expect(main(['wordnet', 'battery', '--model', t5, '--byte-ids', '--layer', '1'], () => undefined)).rejects.toThrow(/layer applies to decoder-only models/);
  }, 30_000);

  it('writes a float32 .npy the Modulator\'s target reader takes back bit for bit', () => {
    const data = Float32Array.from({ length: 3 * 5 }, (_, i) => Math.fround(Math.sin(i) * 1e3));
    const bytes = float32Npy(data, [3, 5]);
    expect((10 + new DataView(bytes.buffer).getUint16(8, true)) % 64).toBe(0);
    const t = parseTargetFile('t.npy', bytes.buffer as ArrayBuffer, { dModel: 5, vocabSize: 3 });
    expect(t.kind).toBe('table');
    expect(Array.from(t.data)).toEqual(Array.from(data));
  });
});

describe('WordNet battery source paths (encoder prefix, byte ids)', () => {
  /** A fake 256-id model whose encoder output at a position is its id (so pooling is visible) and whose embedding row t is [t, 1]. */
  function fake(encoder: boolean): { src: WordNetSource; seen: number[][] } {
    const seen: number[][] = [];
    const states = async (ids: number[]) => {
      seen.push(ids);
      return { seqLen: ids.length, states: [Float32Array.from(ids.flatMap((t) => [t, 1])), Float32Array.from(ids.flatMap((t) => [t, 2])), Float32Array.from(ids.flatMap(() => [0, 0]))] };
    };
    const src: WordNetSource = {
      dModel: 2,
      hasTokenizer: false,
      embed: () => Float32Array.from({ length: 512 }, (_, i) => (i % 2 === 0 ? i / 2 : 1)),
      encode: () => {
        throw new Error('no tokenizer');
      },
      residualStates: () => Promise.reject(new Error('text path used')),
      residualStatesOfIds: states,
    };
    if (encoder) src.encoderOutput = async (ids) => (await states(ids)).states[0];
    return { src, seen };
  }

  it('feeds "summarize: " + definition as UTF-8 bytes to the encoder, first 128, and pools every position', async () => {
    const wn = loadWordNetNode();
    const { src, seen } = fake(true);
    const v = await wordnetVectors(wn, src, { byteIds: true, maxLemmas: 8 });
    expect(v.stack).toBe('encoder');
    expect(v.prefix).toBe('summarize: ');
    expect(v.lemmas.every((m) => new TextEncoder().encode(m.text).length === 1)).toBe(true);
    v.lemmas.forEach((m, i) => {
      const ids = Array.from(new TextEncoder().encode(`summarize: ${wn.definition(m.synset)}`)).slice(0, 128);
      expect(seen[i]).toEqual(ids);
      expect(v.contextReps[2 * i]).toBeCloseTo(ids.reduce((a, b) => a + b, 0) / ids.length, 4);
      expect(Array.from(v.staticReps.subarray(2 * i, 2 * i + 2))).toEqual([m.tokenId, 1]);
    });
    await expect(wordnetVectors(wn, fake(true).src, {})).rejects.toThrow(/ships no tokenizer/);
  }, 30_000);

  it('runs a decoder-only model on byte ids without a prefix, at the chosen boundary', async () => {
    const wn = loadWordNetNode();
    const { src, seen } = fake(false);
    const v = await wordnetVectors(wn, src, { byteIds: true, maxLemmas: 6, layer: 1 });
    expect([v.stack, v.prefix, v.maxTokens]).toEqual(['decoder-only', '', null]);
    expect(seen[0]).toEqual(Array.from(new TextEncoder().encode(wn.definition(v.lemmas[0].synset))));
    expect(v.contextReps[1]).toBeCloseTo(2, 5); // boundary 1 has 2 in its second coordinate at every position
  }, 30_000);
});
