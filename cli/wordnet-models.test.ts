/**
 * Issue 9's acceptance on real models: the WordNet relational battery on stories260K (its tokenizer)
 * and on the hf-tiny T5 (UTF-8 byte ids, the encoder output of "summarize: " + definition), through
 * the CLI on onnxruntime-node, against scripts/reference_wordnet_models.py (NLTK for WordNet, numpy
 * float64 forwards, scripts/reference_wordnet_battery.py's formulas) -> fixtures/wordnet-models.reference.json:
 * the matched lemmas equal, every statistic of the seed-0 run and of the 5-seed stability (means, stds,
 * 95% intervals, percentiles) to 1e-6 relative, and the WordNet geometric target written as .npy,
 * read back by the Modulator's target reader, against the numpy target.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from './main';
import { nodeLab } from './node-lab';
import { labSource } from './wordnet';
import { wordnetVectors } from '../src/runtime/wordnet-battery';
import { loadWordNetNode } from '../src/analysis/wordnet/node/load-node';
import { parseTargetFile } from '../src/analysis/modulation/target-file';
import { SHARED, STORIES_CKPT, STORIES_TOK } from '../src/testing/shared';
import type { ModelSource } from '../src/io/spec';

interface RefModel {
  matched: [string, string, number][];
  contextNorms: number[];
  run: Record<string, unknown>;
  stability: { seeds: number[]; perSeed: Record<string, number | null>[]; summary: Record<string, unknown> };
  target: { seed: number; nAnchor: number; nGeo: number; alignmentCos: number; residualScale: number; scale: number; wupSum: number; rowNorms: number[]; rows: Record<string, number[]> };
}
const ref = JSON.parse(readFileSync('fixtures/wordnet-models.reference.json', 'utf8')) as { models: Record<'stories260K' | 't5', RefModel> };

const T5_ONNX = resolve(SHARED, 'fixtures/hf-tiny/t5/opset17/decoder_model.onnx');
const MODELS = {
  stories260K: { args: ['--model', STORIES_CKPT, '--tokenizer', STORIES_TOK], source: { kind: 'llama2c', checkpoint: { local: STORIES_CKPT }, tokenizer: { local: STORIES_TOK } } as ModelSource, byteIds: false },
  t5: { args: ['--model', T5_ONNX, '--byte-ids'], source: { kind: 'hf', location: { local: resolve(SHARED, 'fixtures/hf-tiny/t5') }, onnx: 'opset17/decoder_model.onnx' } as ModelSource, byteIds: true },
} as const;

/** Every number of `want` (walked) against `got` at the same path: integers exactly, the rest to `tol` relative. Returns the worst relative error. */
function compare(got: unknown, want: unknown, path: string, tol: number): number {
  if (typeof want === 'number') {
    expect(typeof got, path).toBe('number');
    if (Number.isInteger(want) && Math.abs(want) > 1) {
      expect(got, path).toBe(want);
      return 0;
    }
    const rel = Math.abs((got as number) - want) / Math.abs(want || 1);
    expect(rel, `${path}: ${got} vs ${want}`).toBeLessThanOrEqual(tol);
    return rel;
  }
  if (want === null || typeof want !== 'object') {
    expect(got, path).toEqual(want);
    return 0;
  }
  let worst = 0;
  for (const [k, w] of Object.entries(want)) worst = Math.max(worst, compare((got as Record<string, unknown>)?.[k], w, `${path}.${k}`, tol));
  return worst;
}

async function cli(args: string[]): Promise<Record<string, unknown>> {
  let out = '';
  expect(await main(args, (s) => (out += s))).toBe(0);
  return JSON.parse(out) as Record<string, unknown>;
}

const tmp = mkdtempSync(join(tmpdir(), 'wordnet-target-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each(Object.keys(MODELS) as (keyof typeof MODELS)[])('WordNet battery on %s against numpy/scipy/NLTK', (name) => {
  const m = MODELS[name];
  const want = ref.models[name];

  it('matches the same lemmas and equals every statistic of the run and of the 5-seed stability to 1e-6', async () => {
    const r = await cli(['wordnet', 'stability', ...m.args, '--seeds', '5', '--json']);
    const lemmas = (r.lemmas as { text: string; synset: string; tokenId: number }[]).map((l) => [l.text, l.synset, l.tokenId]);
    expect(lemmas).toEqual(want.matched);
    expect(r.stack).toBe(name === 't5' ? 'encoder' : 'decoder-only');
    const run = compare(r.run, want.run, 'run', 1e-6);
    const stab = r.stability as { seeds: number[]; perSeed: unknown; summary: unknown };
    expect(stab.seeds).toEqual(want.stability.seeds);
    const perSeed = compare(stab.perSeed, want.stability.perSeed, 'perSeed', 1e-6);
    const summary = compare(stab.summary, want.stability.summary, 'summary', 1e-6);
    // Observed: stories260K 5.4e-7 (gradient_context, a difference of close band means), T5 5.3e-7.
    expect(Math.max(run, perSeed, summary)).toBeLessThan(1e-6);
  }, 120_000);

  it('pools the definitions as the numpy forward does (contextual vector norms)', async () => {
    const lab = nodeLab();
    await lab.load({ source: m.source, ep: 'auto' });
    try {
      const v = await wordnetVectors(loadWordNetNode(), labSource(lab), { byteIds: m.byteIds });
      const norms = Array.from({ length: v.lemmas.length }, (_, i) => Math.hypot(...v.contextReps.subarray(i * v.d, (i + 1) * v.d)));
      // Observed: 3.0e-7 (stories260K), 7.3e-8 (T5): float32 onnxruntime against float64 numpy.
      expect(compare(norms, want.contextNorms, 'contextNorms', 1e-6)).toBeLessThan(1e-6);
    } finally {
      await lab.unload();
    }
  }, 60_000);

  it('writes the WordNet geometric target as a float32 .npy the Modulator reads, equal to numpy', async () => {
    const file = join(tmp, `${name}.npy`);
    const r = await cli(['wordnet', 'target', ...m.args, '--out', file, '--seed', String(want.target.seed), '--n-geo', String(want.target.nGeo), '--json']);
    const [vocab, d] = r.shape as number[];
    const bytes = readFileSync(file);
    const t = parseTargetFile(`${name}.npy`, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, { dModel: d, vocabSize: vocab });
    expect(t.kind).toBe('table');
    expect(t.shape).toEqual([vocab, d]);
    expect(r.similarity).toBe('wup_similarity');
    expect([r.anchors, r.nGeo, r.warning]).toEqual([want.target.nAnchor, want.target.nGeo, null]);
    compare(r.similaritySum, want.target.wupSum, 'wupSum', 1e-9); // the fixture keeps 10 digits
    const facts = compare({ alignmentCos: r.alignmentCos, residualScale: r.residualScale, scale: r.scale }, { alignmentCos: want.target.alignmentCos, residualScale: want.target.residualScale, scale: want.target.scale }, 'target', 1e-6);
    const norms = Array.from({ length: vocab }, (_, i) => Math.hypot(...t.data.subarray(i * d, (i + 1) * d)));
    const rowNorms = compare(norms, want.target.rowNorms, 'rowNorms', 1e-6);
    let rows = 0;
    for (const [tok, row] of Object.entries(want.target.rows)) {
      const got = t.data.subarray(Number(tok) * d, (Number(tok) + 1) * d);
      const scale = Math.hypot(...row);
      for (let c = 0; c < d; c++) rows = Math.max(rows, Math.abs(got[c] - row[c]) / scale);
    }
    // Observed: alignment and scales 1.6e-8, row norms 3e-8, entries 6.7e-7 of the row norm (a float32 table).
    expect(Math.max(facts, rowNorms)).toBeLessThan(1e-6);
    expect(rows).toBeLessThan(1e-5);
  }, 60_000);
});
