/**
 * Seed 05 section 9 with the model frozen (issue 9, item 5): learn the lerp modulator's per-layer
 * alpha, stored as logits theta (alpha = sigmoid(theta), the seed's parametrisation), on the seed's
 * definition -> lemma task, for decoder-only models as a continuation.
 *
 * Task: the WordNet lemmas that are one token of the model (matchSingleTokenLemmas); input = the
 * model's BOS + the tokens of `definition + separator`, label = the lemma's token as the next token;
 * loss = mean cross-entropy of the last-position logits over the batch (nats).
 *
 * Method: onnxruntime gives no gradients through the frozen graph, so the gradient with respect to
 * theta is a central finite difference of the batch loss through the real modulated ONNX graph
 * (2 n_blocks extra forwards of the batch per step, float32). The step h = TRAIN_ALPHA_FD_STEP comes
 * from an error analysis against an exact complex-step gradient (scripts/reference_train_alpha.py,
 * checked in train-alpha.test.ts). Then the seed's optimizer on theta: AdamW (lr 1e-3, weight decay
 * 0.01), cosine schedule over the epochs, gradient-norm clip 1.0, batch 32, 90/10 split.
 * The lerp's target is the seed's geometric table (Lab.geometricTarget, fixed seed), held frozen:
 * finite differences over its vocab x n_geo embedding and projection would need millions of forwards
 * per step, which is not an honest use of the method.
 */
import type { WordNet } from '../analysis/wordnet/wordnet';
import { matchSingleTokenLemmas } from '../analysis/wordnet/lemmas';
import { alphasFromTheta, thetaFromAlphas } from '../analysis/modulation/train/theta';
import { adamwInit, adamwStep } from '../analysis/modulation/train/adamw';
import { cosineAnnealingLr } from '../analysis/modulation/train/schedule';
import { clipGradNorm } from '../analysis/modulation/train/clip';
import { centralDifferenceGradient } from '../analysis/modulation/train/fd-gradient';
import { crossEntropy } from '../analysis/modulation/train/cross-entropy';
import { batches, epochBatches, splitExamples } from '../analysis/modulation/train/split';
import { Rng } from '../linalg/cpu/rng';
import { CancelledError, yieldToEvents } from './jobs';
import type { Modulator, ModulatorTarget } from './modulator';

export const TRAIN_ALPHA_FORMAT = 'residual-lab/train-alpha@1';
/** Seed 05 section 10's constant, shown next to where alpha settles. */
export const SEED_ALPHA_CONSTANT = 0.29154;
/**
 * Appended to every definition so the lemma reads as the next word: "... a power tool for cutting
 * wood. It is called" -> " saw". Short, made of pieces a TinyStories vocabulary has, and fixed.
 */
export const TRAIN_ALPHA_SEPARATOR = '. It is called';
/**
 * Central-difference step in theta (logit) space. The float32 batch loss carries ~5e-7 nats of noise
 * (adds up to noise / h) and the truncation is h^2/6 |L'''| with |L'''| up to ~1 near alpha 0.2-0.4:
 * against the complex-step gradient on stories260K, h = 1e-3 errs by 6% of the largest entry at
 * alpha 0.01 (noise), h = 0.1 by 0.6% near the constant (truncation), h = 0.03 by 0.11% and 0.06%.
 */
export const TRAIN_ALPHA_FD_STEP = 3e-2;

/** What the training needs of a loaded decoder-only model (the Lab builds one from its Modulator). */
export interface AlphaTrainable {
  /** blocks of the modulated stack: the length of theta */ nBlocks: number;
  vocabSize: number;
  /** ids of `text` as the model's tokenizer gives them, BOS first */ encode(text: string): number[];
  /** [batch, vocab] logits after each sequence's last token under `alphas` and `target` */
  lastLogits(seqs: readonly (readonly number[])[], alphas: readonly number[], target: ModulatorTarget): Promise<Float32Array>;
  /** the seed's geometric target table [vocab, d_model] for `seed` */
  geometricTable(seed: number): Promise<Float32Array>;
}

/** A Modulator's decoder-only model as the training sees it (what Lab.alphaTrainable returns). */
export function modulatorTrainable(m: Modulator): AlphaTrainable {
  const e = m.engine;
  if (e.model.encoder) throw new Error('alpha training runs on decoder-only models here (T5 is not implemented yet)');
  return {
    nBlocks: m.nBlocks,
    vocabSize: e.card.vocabSize,
    encode: (text) => e.tokenizer.encode(text),
    lastLogits: (seqs, alphas, target) => m.lastLogits(seqs, alphas, target),
    geometricTable: async (seed) => (await m.geometricTable({ seed })).table,
  };
}

/** One definition -> lemma example. */
export interface AlphaExample {
  lemma: string;
  /** NLTK name, e.g. 'saw.n.02' */ synset: string;
  definition: string;
  /** BOS + tokens of definition + separator */ ids: number[];
  /** the lemma's single token */ label: number;
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
  /** default TRAIN_ALPHA_SEPARATOR */ separator?: string;
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
  separator: string;
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

/** The seed's examples: single-token lemmas of the model, in WordNet match order. */
export function alphaExamples(wn: WordNet, encode: (text: string) => number[], separator = TRAIN_ALPHA_SEPARATOR, maxExamples?: number): AlphaExample[] {
  const nBos = encode('').length;
  const matched = matchSingleTokenLemmas(wn, (t) => encode(t).slice(nBos));
  const kept = maxExamples === undefined ? matched : matched.slice(0, maxExamples);
  return kept.map((m) => {
    const definition = wn.definition(m.synset);
    return { lemma: m.text, synset: wn.name(m.synset), definition, ids: encode(definition + separator), label: m.tokenId };
  });
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Mean cross-entropy of the examples `idx` at theta (one batch). */
export async function batchLoss(model: AlphaTrainable, examples: readonly AlphaExample[], idx: readonly number[], theta: ArrayLike<number>, target: ModulatorTarget): Promise<number> {
  const logits = await model.lastLogits(idx.map((i) => examples[i].ids), alphasFromTheta(theta), target);
  return crossEntropy(logits, model.vocabSize, idx.map((i) => examples[i].label)).mean;
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
  const separator = opts.separator ?? TRAIN_ALPHA_SEPARATOR;
  const examples = alphaExamples(wn, (t) => model.encode(t), separator, opts.maxExamples);
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
      `Per-layer alpha logits theta (alpha = sigmoid(theta)) trained with the model frozen and the target frozen; gradient by central finite differences ` +
      `(step ${o.fdStep} in theta) of the float32 batch loss through the modulated ONNX graph, ${2 * theta.length} extra forwards of the batch per step; ` +
      `AdamW (lr ${o.lr}, weight decay ${o.weightDecay}), cosine schedule over ${o.epochs} epochs, gradient-norm clip ${o.gradClip}, batch ${o.batchSize}.`,
    separator,
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
