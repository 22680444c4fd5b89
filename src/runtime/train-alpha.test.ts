/**
 * Integration: the alpha training on stories260K through onnxruntime-node against the exact reference
 * (scripts/reference_train_alpha.py -> fixtures/train-alpha.reference.json): the same examples, split
 * and batch; the batch loss to 1e-5 relative; the float32 central-difference gradient against the
 * float64 complex-step gradient. Plus the training loop's contract (shape, history, cancel).
 *
 * The reference reads fixtures/train-alpha.inputs.json and fixtures/train-alpha.table.f32le, which this
 * file writes when run with UPDATE_TRAIN_ALPHA_INPUTS=1 (then rerun the script). Without it, it checks
 * that the lab still produces exactly those inputs.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { Lab, type LabPlatform } from './lab';
import type { OrtModule } from './session';
import { alphaExamples, trainAlpha, trainingExamples, TRAIN_ALPHA_FORMAT, TRAIN_ALPHA_SEPARATOR, type AlphaExample, type AlphaTrainable, type TrainAlphaProgress } from './train-alpha';
import { CancelledError } from './jobs';
import { splitExamples, epochBatches } from '../analysis/modulation/train/split';
import { alphaToLogit } from '../analysis/modulation/alpha';
import { Rng } from '../linalg/cpu/rng';
import { checkGradients, tableError } from '../testing/train-alpha-check';
import { loadWordNetNode } from '../analysis/wordnet/node/load-node';
import type { WordNet } from '../analysis/wordnet/wordnet';
import { readBytes, STORIES_CKPT, STORIES_TOK } from '../testing/shared';

const INPUTS = resolve(process.cwd(), 'fixtures/train-alpha.inputs.json');
const TABLE = 'fixtures/train-alpha.table.f32le';
const REFERENCE = resolve(process.cwd(), 'fixtures/train-alpha.reference.json');
const GEO_SEED = 42;
const SPLIT_SEED = 42;
const BATCH = 32;
/** theta points of the check: the seed's start (alpha 0.01 everywhere) and a spread around the constant */
const THETAS = [new Array(5).fill(alphaToLogit(0.01)), [0.05, 0.2, 0.29154, 0.1, 0.4].map(alphaToLogit)];

interface Inputs {
  separator: string;
  geo_seed: number;
  split_seed: number;
  batch_size: number;
  table: { file: string; shape: [number, number] };
  examples: { lemma: string; synset: string; definition: string; ids: number[]; label: number }[];
  thetas: number[][];
}
interface Reference {
  split: { train: number[]; val: number[] };
  batch: number[];
  points: { theta: number[]; loss: number; grad: number[] }[];
}

const platform: LabPlatform = { name: 'test', onnxruntimeVersion: 'node', appVersion: 'test', cpuEp: 'cpu', adapter: async () => ({ facts: null }) };
const UPDATE = process.env.UPDATE_TRAIN_ALPHA_INPUTS === '1';

let lab: Lab;
let model: AlphaTrainable;
let wn: WordNet;
let examples: AlphaExample[];
let table: Float32Array;

beforeAll(async () => {
  lab = new Lab(ort as unknown as OrtModule, platform, async (p) => readBytes(p));
  await lab.load({ source: { kind: 'llama2c', checkpoint: { local: STORIES_CKPT }, tokenizer: { local: STORIES_TOK } }, ep: 'auto' });
  model = lab.alphaTrainable();
  wn = loadWordNetNode();
  examples = alphaExamples(wn, model.encode);
  table = await model.geometricTable(GEO_SEED);
  if (UPDATE) {
    const inputs: Inputs = {
      separator: TRAIN_ALPHA_SEPARATOR,
      geo_seed: GEO_SEED,
      split_seed: SPLIT_SEED,
      batch_size: BATCH,
      table: { file: TABLE, shape: [model.vocabSize, table.length / model.vocabSize] },
      examples: examples.map((e) => ({ lemma: e.lemma, synset: e.synset, definition: e.definition, ids: e.ids, label: e.label })),
      thetas: THETAS,
    };
    writeFileSync(INPUTS, JSON.stringify(inputs, null, 1) + '\n');
    writeFileSync(resolve(process.cwd(), TABLE), new Uint8Array(table.buffer, table.byteOffset, table.byteLength));
  }
}, 120_000);

afterAll(async () => {
  await lab?.unload();
});

const readInputs = () => JSON.parse(readFileSync(INPUTS, 'utf8')) as Inputs;
const readReference = () => JSON.parse(readFileSync(REFERENCE, 'utf8')) as Reference;

describe.skipIf(!existsSync(REFERENCE) && !UPDATE)('alpha training vs the complex-step reference (stories260K)', () => {
  it('builds exactly the committed examples and target table', () => {
    const inp = readInputs();
    expect(inp.separator).toBe(TRAIN_ALPHA_SEPARATOR);
    expect(examples.map((e) => [e.lemma, e.synset, e.ids, e.label])).toEqual(inp.examples.map((e) => [e.lemma, e.synset, e.ids, e.label]));
    const committed = new Float32Array(readBytes(resolve(process.cwd(), inp.table.file)));
    expect(committed.length).toBe(table.length);
    // Same machine, same onnxruntime: the table comes out bit for bit; elsewhere a few ulps may move.
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
      // Budget (see the Methods note): h^2/6 |L'''| truncation plus float32 loss noise / h, measured
      // at about 1e-3 of the largest entry; 1e-2 leaves room across machines, and a wrong sign,
      // a wrong layer or a missing sigmoid factor would be off by O(1).
      expect(c.err / c.gmax).toBeLessThan(1e-2);
      console.log(`train-alpha gradient check at alphas ${c.alphas.map((a) => a.toFixed(4)).join(', ')}: loss rel err ${c.lossRel.toExponential(2)}, FD max abs err ${c.err.toExponential(2)} = ${(c.err / c.gmax).toExponential(2)} of max |grad| ${c.gmax.toExponential(3)}`);
    }
  }, 120_000);
});

describe('trainAlpha (stories260K, short runs)', () => {
  it('returns the documented result shape; one history entry per step; a validation loss per epoch', async () => {
    const seen: TrainAlphaProgress[] = [];
    const r = await trainAlpha(model, wn, { epochs: 1, batchSize: 32, lr: 0.05, onProgress: (p) => seen.push(p) });
    expect(r.format).toBe(TRAIN_ALPHA_FORMAT);
    expect(r.examples.train + r.examples.val).toBe(examples.length);
    expect(r.history).toEqual(seen);
    expect(r.history.length).toBe(Math.ceil(r.examples.train / 32));
    expect(r.history.at(-1)!.valLoss).toBe(r.epochs[0].valLoss);
    expect(r.initial.alphas.every((a) => Math.abs(a - 0.01) < 1e-12)).toBe(true);
    expect(r.final.alphas).toEqual(r.history.at(-1)!.alphas);
    expect(r.final.valLoss).toBeCloseTo(r.epochs[0].valLoss, 12);
    expect(r.meanAlphaDistance).toBeCloseTo(Math.abs(r.final.alphas.reduce((a, b) => a + b) / 5 - 0.29154), 12);
  }, 120_000);

  it('stops with CancelledError when its signal aborts', async () => {
    const abort = new AbortController();
    const run = trainAlpha(model, wn, { epochs: 3, signal: abort.signal, onProgress: () => abort.abort() });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  }, 120_000);
});

describe('decoder-only options', () => {
  it('is the decoder-only stack; the T5 options (prefix, byte ids) are refused, the default examples are alphaExamples', () => {
    expect(model.stack).toBe('decoder-only');
    expect(trainingExamples(model, wn)).toEqual(examples);
    expect(() => trainingExamples(model, wn, { prefix: 'summarize: ' })).toThrow(/apply to encoder-decoder models/);
    expect(() => trainingExamples(model, wn, { byteIds: true })).toThrow(/byte ids are implemented for encoder-decoder/);
  });
});
