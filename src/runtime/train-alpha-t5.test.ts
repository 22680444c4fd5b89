/**
 * Integration: the alpha training on the hf-tiny T5 (UTF-8 bytes as ids, the seed's own setting: the
 * encoder modulated, the decoder teacher-forced on the lemma then EOS) through onnxruntime-node,
 * against the exact reference (scripts/reference_train_alpha.py --t5 ->
 * fixtures/train-alpha-t5.reference.json): the same examples, split and batch; the batch loss to 1e-5
 * relative; the float32 central-difference gradient against the float64 complex-step gradient. Plus the
 * training loop's contract on T5 (shape, split, finite losses). The weights are random: no claim that
 * the loss falls.
 *
 * The reference reads fixtures/train-alpha-t5.inputs.json and fixtures/train-alpha-t5.table.f32le,
 * which this file writes when run with UPDATE_TRAIN_ALPHA_T5_INPUTS=1 (then rerun the script).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { Lab, type LabPlatform } from './lab';
import type { OrtModule } from './session';
import { trainAlpha, trainingExamples, TRAIN_ALPHA_FORMAT, type AlphaExample, type AlphaTrainable } from './train-alpha';
import { T5_PREFIX } from './wordnet-battery';
import { splitExamples, epochBatches } from '../analysis/modulation/train/split';
import { alphaToLogit } from '../analysis/modulation/alpha';
import { Rng } from '../linalg/cpu/rng';
import { checkGradients, tableError } from '../testing/train-alpha-check';
import { loadWordNetNode } from '../analysis/wordnet/node/load-node';
import type { WordNet } from '../analysis/wordnet/wordnet';
import { readBytes, SHARED } from '../testing/shared';

const INPUTS = resolve(process.cwd(), 'fixtures/train-alpha-t5.inputs.json');
const TABLE = 'fixtures/train-alpha-t5.table.f32le';
const REFERENCE = resolve(process.cwd(), 'fixtures/train-alpha-t5.reference.json');
const GEO_SEED = 42;
const SPLIT_SEED = 42;
const BATCH = 32;
/** theta points of the check: the seed's start (alpha 0.01 in both encoder blocks) and a spread around the constant */
const THETAS = [[alphaToLogit(0.01), alphaToLogit(0.01)], [alphaToLogit(0.29154), alphaToLogit(0.1)]];

interface Inputs {
  prefix: string;
  max_tokens: number;
  eos_id: number;
  decoder_start_id: number;
  geo_seed: number;
  split_seed: number;
  batch_size: number;
  table: { file: string; shape: [number, number] };
  examples: { lemma: string; synset: string; definition: string; ids: number[]; labels: number[] }[];
  thetas: number[][];
}
interface Reference {
  split: { train: number[]; val: number[] };
  batch: number[];
  points: { theta: number[]; loss: number; grad: number[] }[];
}

const platform: LabPlatform = { name: 'test', onnxruntimeVersion: 'node', appVersion: 'test', cpuEp: 'cpu', adapter: async () => ({ facts: null }) };
const UPDATE = process.env.UPDATE_TRAIN_ALPHA_T5_INPUTS === '1';

let lab: Lab;
let model: AlphaTrainable;
let wn: WordNet;
let examples: AlphaExample[];
let table: Float32Array;

beforeAll(async () => {
  lab = new Lab(ort as unknown as OrtModule, platform, async (p) => readBytes(p));
  await lab.load({ source: { kind: 'hf', location: { local: resolve(SHARED, 'fixtures/hf-tiny/t5') }, onnx: 'opset17/decoder_model.onnx' }, ep: 'auto' });
  model = lab.alphaTrainable();
  wn = loadWordNetNode();
  examples = trainingExamples(model, wn, { byteIds: true });
  table = await model.geometricTable(GEO_SEED);
  if (UPDATE) {
    const inputs: Inputs = {
      prefix: T5_PREFIX,
      max_tokens: 128,
      eos_id: 1,
      decoder_start_id: 0,
      geo_seed: GEO_SEED,
      split_seed: SPLIT_SEED,
      batch_size: BATCH,
      table: { file: TABLE, shape: [model.vocabSize, table.length / model.vocabSize] },
      examples: examples.map((e) => ({ lemma: e.lemma, synset: e.synset, definition: e.definition, ids: e.ids, labels: e.labels })),
      thetas: THETAS,
    };
    writeFileSync(INPUTS, JSON.stringify(inputs) + '\n');
    writeFileSync(resolve(process.cwd(), TABLE), new Uint8Array(table.buffer, table.byteOffset, table.byteLength));
  }
}, 120_000);

afterAll(async () => {
  await lab?.unload();
});

const readInputs = () => JSON.parse(readFileSync(INPUTS, 'utf8')) as Inputs;
const readReference = () => JSON.parse(readFileSync(REFERENCE, 'utf8')) as Reference;

describe('the T5 trainable', () => {
  it('modulates the encoder (2 blocks); byte-id examples are "summarize: " + definition -> [lemma byte, EOS]', () => {
    expect(model.stack).toBe('encoder');
    expect(model.nBlocks).toBe(2);
    expect(model.hasTokenizer).toBe(false);
    expect(examples.length).toBe(62);
    const utf8 = (t: string) => Array.from(new TextEncoder().encode(t));
    for (const e of examples) {
      expect(e.labels).toEqual([...utf8(e.lemma), 1]);
      expect(e.ids).toEqual(utf8(T5_PREFIX + e.definition).slice(0, 128));
    }
    expect(() => trainingExamples(model, wn)).toThrow(/ships no tokenizer: train with byte ids/);
    expect(() => trainingExamples(model, wn, { byteIds: true, separator: '.' })).toThrow(/separator applies to decoder-only/);
  });
});

describe.skipIf(!existsSync(REFERENCE) && !UPDATE)('T5 alpha training vs the complex-step reference', () => {
  it('builds exactly the committed examples and target table', () => {
    const inp = readInputs();
    expect(examples.map((e) => [e.lemma, e.synset, e.ids, e.labels])).toEqual(inp.examples.map((e) => [e.lemma, e.synset, e.ids, e.labels]));
    const committed = new Float32Array(readBytes(resolve(process.cwd(), inp.table.file)));
    expect(committed.length).toBe(table.length);
    expect(tableError(table, committed)).toBeLessThan(1e-5);
  });

  it('splits and shuffles as the reference does with rng.py', () => {
    const ref = readReference();
    const rng = new Rng(SPLIT_SEED);
    const split = splitExamples(examples.length, rng);
    expect(split).toEqual(ref.split);
    expect(epochBatches(split.train, BATCH, rng)[0]).toEqual(ref.batch);
  });

  it('batch loss to 1e-5 relative, FD gradient within the error budget of the complex-step gradient', async () => {
    const ref = readReference();
    for (const c of await checkGradients(model, examples, ref.batch, ref.points, table)) {
      expect(c.lossRel).toBeLessThan(1e-5);
      // T5's float32 loss is quieter than stories260K's (~5e-8 nats on a 1e-6 grid, a mean over 64 label
      // tokens), but its relu makes the loss piecewise smooth: over +-0.03 in theta ~1,500 relu inputs of
      // the batch change sign, and a float64 central difference at h = 0.03 is off by the same 2.9e-4 and
      // 4.3e-3 of the largest entry as the lab's float32 one. That gap is the function's, deterministic;
      // float32 noise adds ~2e-5. 1e-2 keeps 2x room; a wrong sign, layer or sigmoid factor is O(1).
      expect(c.err / c.gmax).toBeLessThan(1e-2);
      console.log(`train-alpha T5 gradient check at alphas ${c.alphas.map((a) => a.toFixed(4)).join(', ')}: loss rel err ${c.lossRel.toExponential(2)}, FD max abs err ${c.err.toExponential(2)} = ${(c.err / c.gmax).toExponential(2)} of max |grad| ${c.gmax.toExponential(3)}`);
    }
  }, 120_000);
});

describe('trainAlpha on T5 (byte ids, short run)', () => {
  it('returns the documented result: the 55 / 7 split, finite losses, one history entry per step, the encoder stack', async () => {
    const r = await trainAlpha(model, wn, { byteIds: true, epochs: 1, lr: 0.05 });
    expect(r.format).toBe(TRAIN_ALPHA_FORMAT);
    expect(r).toMatchObject({ stack: 'encoder', tokenization: 'utf8-bytes', prefix: T5_PREFIX, separator: '', examples: { train: 55, val: 7 } });
    expect(r.split.train.length + r.split.val.length).toBe(62);
    expect(r.history).toHaveLength(2);
    expect(r.initial.alphas).toHaveLength(2);
    for (const x of [r.initial.trainLoss, r.initial.valLoss, r.final.trainLoss, r.final.valLoss, ...r.history.map((p) => p.trainLoss)]) expect(Number.isFinite(x) && x > 0).toBe(true);
    expect(r.final.alphas).toEqual(r.history.at(-1)!.alphas);
    expect(r.final.alphas.some((a) => Math.abs(a - 0.01) > 1e-6)).toBe(true);
    console.log(`train-alpha T5 1 epoch lr 0.05: val ${r.initial.valLoss.toFixed(6)} -> ${r.final.valLoss.toFixed(6)}; alphas ${r.final.alphas.map((a) => a.toFixed(5)).join(', ')}; ${r.ms.toFixed(0)} ms`);
  }, 120_000);
});
