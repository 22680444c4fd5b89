/**
 * Seed 05 section 9 with the model frozen (issue 9, item 5): learn the lerp modulator's per-layer
 * alpha, stored as logits theta (alpha = sigmoid(theta), the seed's parametrisation), on the seed's
 * definition -> lemma task (analysis/modulation/train/examples.ts).
 *
 * - Decoder-only models, as a continuation: input = the model's BOS + the tokens of
 *   `definition + separator`, label = the lemma's token as the next token; loss = mean cross-entropy
 *   of the last-position logits over the batch (nats).
 * - Encoder-decoder models (T5), the seed's own setting: "summarize: " + definition into the modulated
 *   encoder (the lerp before each encoder block), labels = the lemma's tokens then EOS, the decoder
 *   teacher-forced on [decoder start, labels[:-1]] (runtime/teacher-forced.ts); loss = the seed's
 *   F.cross_entropy over the flattened labels, the mean over every label token of the batch. A model
 *   without a tokenizer (the hf-tiny T5) trains with `byteIds`: UTF-8 bytes as ids.
 *
 * Method: onnxruntime gives no gradients through the frozen graph, so the gradient with respect to
 * theta is a central finite difference of the batch loss through the real modulated ONNX graph
 * (2 n_blocks extra forwards of the batch per step, float32). The step h = TRAIN_ALPHA_FD_STEP comes
 * from an error analysis against an exact complex-step gradient (scripts/reference_train_alpha.py,
 * checked in train-alpha.test.ts). Then the seed's optimizer on theta: AdamW (lr 1e-3, weight decay
 * 0.01), cosine schedule over the epochs, gradient-norm clip 1.0, batch 32, 90/10 split.
 * The lerp's target is the seed's geometric table (Modulator.geometricTable on the modulated stack,
 * the encoder for T5; fixed seed), held frozen:
 * finite differences over its vocab x n_geo embedding and projection would need millions of forwards
 * per step, which is not an honest use of the method.
 */
import type { WordNet } from '../analysis/wordnet/wordnet';
import { alphaExamples, seq2seqExamples, TRAIN_ALPHA_SEPARATOR, type AlphaExample } from '../analysis/modulation/train/examples';
import { alphasFromTheta, thetaFromAlphas } from '../analysis/modulation/train/theta';
import { adamwInit, adamwStep } from '../analysis/modulation/train/adamw';
import { cosineAnnealingLr } from '../analysis/modulation/train/schedule';
import { clipGradNorm } from '../analysis/modulation/train/clip';
import { centralDifferenceGradient } from '../analysis/modulation/train/fd-gradient';
import { crossEntropy, labelCrossEntropy } from '../analysis/modulation/train/cross-entropy';
import { batches, epochBatches, splitExamples } from '../analysis/modulation/train/split';
import { Rng } from '../linalg/cpu/rng';
import { CancelledError, yieldToEvents } from './jobs';
import type { Modulator, ModulatorTarget } from './modulator';
import type { LabelledInput } from './teacher-forced';
import { ENCODER_MAX_TOKENS, T5_PREFIX } from './wordnet-battery';

export { alphaExamples, seq2seqExamples, TRAIN_ALPHA_SEPARATOR, type AlphaExample } from '../analysis/modulation/train/examples';

export const TRAIN_ALPHA_FORMAT = 'residual-lab/train-alpha@1';
/** Seed 05 section 10's constant, shown next to where alpha settles. */
export const SEED_ALPHA_CONSTANT = 0.29154;
/** T5's </s>, the seed tokenizer's last target token, for a T5 without a tokenizer (config eos_token_id). */
export const T5_EOS_ID = 1;
/** T5's decoder start, its pad token (config decoder_start_token_id; the card does not carry it). */
export const T5_DECODER_START_ID = 0;
/**
 * Central-difference step in theta (logit) space. The float32 batch loss carries ~5e-7 nats of noise
 * (adds up to noise / h) and the truncation is h^2/6 |L'''| with |L'''| up to ~1 near alpha 0.2-0.4:
 * against the complex-step gradient on stories260K, h = 1e-3 errs by 6% of the largest entry at
 * alpha 0.01 (noise), h = 0.1 by 0.6% near the constant (truncation), h = 0.03 by 0.11% and 0.06%.
 */
export const TRAIN_ALPHA_FD_STEP = 3e-2;

interface TrainableBase {
  /** blocks of the modulated stack (T5: the encoder's): the length of theta */ nBlocks: number;
  vocabSize: number;
  /** false when the model ships no tokenizer (then only `byteIds` training runs, encoder-decoder models) */ hasTokenizer: boolean;
  /** the seed's geometric target table [vocab, d_model] for `seed`, built on the modulated stack */
  geometricTable(seed: number): Promise<Float32Array>;
}

/** What the training needs of a loaded decoder-only model (the Lab builds one from its Modulator). */
export interface DecoderOnlyTrainable extends TrainableBase {
  stack: 'decoder-only';
  /** ids of `text` as the model's tokenizer gives them, BOS first */ encode(text: string): number[];
  /** [batch, vocab] logits after each sequence's last token under `alphas` and `target` */
  lastLogits(seqs: readonly (readonly number[])[], alphas: readonly number[], target: ModulatorTarget): Promise<Float32Array>;
}

/** What the training needs of a loaded encoder-decoder model (T5), the encoder modulated. */
export interface EncoderDecoderTrainable extends TrainableBase {
  stack: 'encoder';
  /** ids of `text` from the model's tokenizer without special tokens */ encode(text: string): number[];
  /** appended to every label list (T5: </s>) */ eosId: number;
  /** per example [labels, vocab] decoder logits, teacher-forced on the modulated encoder output */
  labelLogits(examples: readonly LabelledInput[], alphas: readonly number[], target: ModulatorTarget): Promise<Float32Array[]>;
}

export type AlphaTrainable = DecoderOnlyTrainable | EncoderDecoderTrainable;

/** A Modulator's model as the training sees it (what Lab.alphaTrainable returns). */
export function modulatorTrainable(m: Modulator): AlphaTrainable {
  const e = m.engine;
  const tk = e.model.tokenizer;
  const base: TrainableBase = { nBlocks: m.nBlocks, vocabSize: e.card.vocabSize, hasTokenizer: tk !== null, geometricTable: async (seed) => (await m.geometricTable({ seed })).table };
  if (!e.model.encoder) return { ...base, stack: 'decoder-only', encode: (text) => e.tokenizer.encode(text), lastLogits: (seqs, alphas, target) => m.lastLogits(seqs, alphas, target) };
  return {
    ...base,
    stack: 'encoder',
    eosId: tk && tk.eosId >= 0 ? tk.eosId : T5_EOS_ID,
    // A T5 tokenizer appends </s> (and has no BOS): the seed encodes without special tokens.
    encode: (text) => {
      const t = e.tokenizer;
      const ids = t.encode(text);
      return ids.slice(t.bosId >= 0 && ids[0] === t.bosId ? 1 : 0, t.eosId >= 0 && ids.at(-1) === t.eosId ? -1 : undefined);
    },
    labelLogits: (examples, alphas, target) => m.labelLogits(examples, alphas, target, T5_DECODER_START_ID),
  };
}

export interface TrainAlphaOptions {
  /** alpha of every block at the start (seed: INITIAL_ALPHA 0.01) */ initialAlpha?: number;
  /** default 10 (seed: N_EPOCHS) */ epochs?: number;
  /** default 32 (seed: BATCH_SIZE) */ batchSize?: number;
  /** AdamW learning rate at epoch 0 (seed: 1e-3) */ lr?: number;
  /** AdamW decoupled weight decay (seed: 0.01) */ weightDecay?: number;
  /** central-difference step in theta (default TRAIN_ALPHA_FD_STEP) */ fdStep?: number;
  /** seed of the split and the epoch shuffles (the lab's Rng; the seed used np.random.default_rng(42)) */ seed?: number;
  /** seed of the geometric target table (default 42) */ geoSeed?: number;
  /** use this target instead of the geometric table */ target?: ModulatorTarget;
  /** keep only the first N matched lemmas (match order) */ maxExamples?: number;
  /** decoder-only: appended to each definition (default TRAIN_ALPHA_SEPARATOR) */ separator?: string;
  /** encoder-decoder: put before each definition (default the seed's "summarize: ") */ prefix?: string;
  /** encoder-decoder: keep the first this many encoder ids (default the seed's 128) */ maxTokens?: number;
  /** UTF-8 bytes as ids, for an encoder-decoder model without a tokenizer (explicit: no fallback) */ byteIds?: boolean;
  signal?: AbortSignal;
  onProgress?(p: TrainAlphaProgress): void;
}

export interface TrainAlphaProgress {
  /** 0-based epoch */ epoch: number;
  /** optimizer steps taken so far (1-based after the first step) */ step: number;
  stepsTotal: number;
  /** [n_blocks] sigmoid(theta) after this step */ alphas: number[];
  /** this step's batch loss at the theta it started from (the seed's loss.item()), nats */ trainLoss: number;
  /** validation loss after the epoch, on the epoch's last step only; null otherwise */ valLoss: number | null;
  /** wall time of this step, finite-difference forwards included */ msPerStep: number;
}

export interface TrainAlphaPoint {
  /** [n_blocks] */ alphas: number[];
  /** mean over the training batches (split order) of the batch loss, nats */ trainLoss: number;
  /** mean over the validation batches of the batch loss, nats */ valLoss: number;
}

export interface TrainAlphaResult {
  format: typeof TRAIN_ALPHA_FORMAT;
  /** how the gradient and the update were computed, in a sentence */ method: string;
  /** decoder-only: the text after each definition; '' on the encoder-decoder path */ separator: string;
  /** the modulated stack: decoder-only, or the encoder of an encoder-decoder model */ stack?: 'decoder-only' | 'encoder';
  tokenization?: 'tokenizer' | 'utf8-bytes';
  /** encoder-decoder: the text before each definition */ prefix?: string;
  /** what the loss averages, in words */ loss?: string;
  examples: { train: number; val: number };
  /** lemma and synset of each example, by split */ split: { train: { lemma: string; synset: string }[]; val: { lemma: string; synset: string }[] };
  options: { initialAlpha: number; epochs: number; batchSize: number; lr: number; weightDecay: number; fdStep: number; seed: number; gradClip: number; schedule: string };
  /** what the lerp pulls toward */ target: string;
  initial: TrainAlphaPoint;
  final: TrainAlphaPoint;
  /** one entry per optimizer step */ history: TrainAlphaProgress[];
  /** trainLoss: mean of the epoch's batch losses as they were trained on (the seed's train_loss) */
  epochs: { epoch: number; trainLoss: number; valLoss: number; alphas: number[] }[];
  constant: typeof SEED_ALPHA_CONSTANT;
  /** |mean(final alphas) - 0.29154| */ meanAlphaDistance: number;
  /** wall time of the whole run, ms */ ms: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const utf8 = (t: string): number[] => Array.from(new TextEncoder().encode(t));

/** The batch loss at theta of the examples `idx` (decoder-only: mean over examples; T5: mean over label tokens), nats. */
export async function batchLoss(model: AlphaTrainable, examples: readonly AlphaExample[], idx: readonly number[], theta: ArrayLike<number>, target: ModulatorTarget): Promise<number> {
  const alphas = alphasFromTheta(theta);
  if (model.stack === 'encoder') {
    const rows = await model.labelLogits(idx.map((i) => ({ input: examples[i].ids, labels: examples[i].labels })), alphas, target);
    return labelCrossEntropy(rows, model.vocabSize, idx.map((i) => examples[i].labels)).mean;
  }
  const logits = await model.lastLogits(idx.map((i) => examples[i].ids), alphas, target);
  return crossEntropy(logits, model.vocabSize, idx.map((i) => examples[i].label)).mean;
}

/** The examples of `model` for the options (the checks name what does not apply to its stack). */
export function trainingExamples(model: AlphaTrainable, wn: WordNet, opts: Pick<TrainAlphaOptions, 'separator' | 'prefix' | 'maxTokens' | 'byteIds' | 'maxExamples'> = {}): AlphaExample[] {
  if (model.stack === 'decoder-only') {
    if (opts.prefix !== undefined || opts.maxTokens !== undefined) throw new Error('prefix and maxTokens apply to encoder-decoder models (T5); a decoder-only model takes a separator');
    if (opts.byteIds) throw new Error('byte ids are implemented for encoder-decoder models (T5) here; a decoder-only model trains with its tokenizer');
    if (!model.hasTokenizer) throw new Error("alpha training needs the model's tokenizer (lemmas must be one token, definitions are text)");
    return alphaExamples(wn, (t) => model.encode(t), opts.separator ?? TRAIN_ALPHA_SEPARATOR, opts.maxExamples);
  }
  if (opts.separator !== undefined) throw new Error('the separator applies to decoder-only models; T5 takes the definition after a prefix ("summarize: ")');
  if (!model.hasTokenizer && !opts.byteIds) throw new Error('this model ships no tokenizer: train with byte ids (UTF-8 bytes as token ids)');
  const maxTokens = opts.maxTokens ?? ENCODER_MAX_TOKENS;
  if (!(Number.isInteger(maxTokens) && maxTokens >= 1)) throw new RangeError(`maxTokens must be a positive integer, got ${maxTokens}`);
  const encode = opts.byteIds ? utf8 : (t: string) => model.encode(t);
  return seq2seqExamples(wn, encode, { eosId: model.eosId, vocabSize: model.vocabSize, prefix: opts.prefix ?? T5_PREFIX, maxTokens, maxExamples: opts.maxExamples });
}

export async function trainAlpha(model: AlphaTrainable, wn: WordNet, opts: TrainAlphaOptions = {}): Promise<TrainAlphaResult> {
  const t0 = performance.now();
  const o = {
    initialAlpha: opts.initialAlpha ?? 0.01,
    epochs: opts.epochs ?? 10,
    batchSize: opts.batchSize ?? 32,
    lr: opts.lr ?? 1e-3,
    weightDecay: opts.weightDecay ?? 0.01,
    fdStep: opts.fdStep ?? TRAIN_ALPHA_FD_STEP,
    seed: opts.seed ?? 42,
    gradClip: 1.0,
    schedule: 'cosine annealing over the epochs (CosineAnnealingLR, T_max = epochs, eta_min 0), stepped per epoch',
  };
  if (!(o.initialAlpha > 0 && o.initialAlpha < 1)) throw new RangeError(`initial alpha must be in (0, 1), got ${o.initialAlpha}`);
  if (!(Number.isInteger(o.epochs) && o.epochs >= 1)) throw new RangeError(`epochs must be a positive integer, got ${o.epochs}`);
  if (!(o.lr >= 0)) throw new RangeError(`the learning rate must be non-negative, got ${o.lr}`);
  const signal = opts.signal;
  const check = () => {
    if (signal?.aborted) throw new CancelledError('alpha training');
  };
  const encoder = model.stack === 'encoder';
  const separator = encoder ? '' : (opts.separator ?? TRAIN_ALPHA_SEPARATOR);
  const examples = trainingExamples(model, wn, opts);
  if (examples.length < 10) throw new Error(`only ${examples.length} WordNet lemmas are one token of this model: too few to train and validate on`);
  const rng = new Rng(o.seed);
  const split = splitExamples(examples.length, rng);
  const geoSeed = opts.geoSeed ?? 42;
  const target: ModulatorTarget = opts.target ?? { kind: 'table', data: await model.geometricTable(geoSeed) };
  const targetText = opts.target ? `a given ${opts.target.kind} target` : `the seed's geometric per-token table (seed ${geoSeed}), frozen`;
  check();

  const loss = (idx: readonly number[], theta: ArrayLike<number>) => batchLoss(model, examples, idx, theta, target);
  const setLoss = async (idx: readonly number[], theta: ArrayLike<number>) => {
    const ls: number[] = [];
    for (const b of batches(idx, o.batchSize)) {
      check();
      ls.push(await loss(b, theta));
    }
    return mean(ls);
  };
  const point = async (theta: Float64Array): Promise<TrainAlphaPoint> => ({ alphas: alphasFromTheta(theta), trainLoss: await setLoss(split.train, theta), valLoss: await setLoss(split.val, theta) });

  const theta = thetaFromAlphas(new Array<number>(model.nBlocks).fill(o.initialAlpha));
  const initial = await point(theta);
  const state = adamwInit(theta.length, { weightDecay: o.weightDecay });
  const stepsPerEpoch = Math.ceil(split.train.length / o.batchSize);
  const stepsTotal = o.epochs * stepsPerEpoch;
  const history: TrainAlphaProgress[] = [];
  const epochs: TrainAlphaResult['epochs'] = [];
  let step = 0;
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const lr = cosineAnnealingLr(o.lr, epoch, o.epochs);
      const losses: number[] = [];
      const epochSteps = epochBatches(split.train, o.batchSize, rng);
      for (const [k, b] of epochSteps.entries()) {
        check();
        const s0 = performance.now();
        const trainLoss = await loss(b, theta);
        const fd = await centralDifferenceGradient((th) => loss(b, th), theta, o.fdStep, signal);
        adamwStep(theta, clipGradNorm(fd.grad, o.gradClip).grad, state, lr);
        step++;
        losses.push(trainLoss);
        const p: TrainAlphaProgress = { epoch, step, stepsTotal, alphas: alphasFromTheta(theta), trainLoss, valLoss: null, msPerStep: performance.now() - s0 };
        if (k === epochSteps.length - 1) {
          p.valLoss = await setLoss(split.val, theta);
          epochs.push({ epoch, trainLoss: mean(losses), valLoss: p.valLoss, alphas: p.alphas });
        }
        history.push(p);
        opts.onProgress?.(p);
        // Let a cancel (or a page message) in between steps.
        await yieldToEvents();
      }
    }
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw new CancelledError('alpha training');
    throw e;
  }
  const final = await point(theta);
  const name = (i: number) => ({ lemma: examples[i].lemma, synset: examples[i].synset });
  return {
    format: TRAIN_ALPHA_FORMAT,
    method:
      `Per-${encoder ? 'encoder-' : ''}layer alpha logits theta (alpha = sigmoid(theta)) trained with the model frozen and the target frozen; gradient by central finite differences ` +
      `(step ${o.fdStep} in theta) of the float32 batch loss through the modulated ONNX graph, ${2 * theta.length} extra forwards of the batch per step; ` +
      `AdamW (lr ${o.lr}, weight decay ${o.weightDecay}), cosine schedule over ${o.epochs} epochs, gradient-norm clip ${o.gradClip}, batch ${o.batchSize}.`,
    separator,
    stack: model.stack,
    tokenization: opts.byteIds ? 'utf8-bytes' : 'tokenizer',
    ...(encoder ? { prefix: opts.prefix ?? T5_PREFIX } : {}),
    loss: encoder
      ? 'mean cross-entropy over every label token of the batch (lemma tokens then EOS; decoder teacher-forced on [decoder start, labels[:-1]]), nats'
      : "mean over the batch of the cross-entropy of the lemma's token after the last input position, nats",
    examples: { train: split.train.length, val: split.val.length },
    split: { train: split.train.map(name), val: split.val.map(name) },
    options: o,
    target: targetText,
    initial,
    final,
    history,
    epochs,
    constant: SEED_ALPHA_CONSTANT,
    meanAlphaDistance: Math.abs(mean(final.alphas) - SEED_ALPHA_CONSTANT),
    ms: performance.now() - t0,
  };
}
