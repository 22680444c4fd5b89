/**
 * residual-lab train-alpha: seed 05 section 9 from the command line (issue 9, item 5). Trains the lerp
 * modulator's per-layer alpha (logits, alpha = sigmoid) on WordNet's definition -> lemma task with the
 * model frozen, gradients by central finite differences through the modulated ONNX graph
 * (src/runtime/train-alpha.ts). Progress goes to stderr, one line per step; --json prints the result
 * (with the lab's manifest), --out writes it to a file as well. T5 (a folder or decoder_model.onnx with
 * its encoder) trains the encoder's alphas on the seed's own task; --byte-ids for a T5 without a
 * tokenizer (the hf-tiny fixture).
 */
import { parseArgs } from 'node:util';
import { writeFile } from 'node:fs/promises';
import { nodeLab } from './node-lab';
import { loadFromArgs, MODEL_OPTIONS } from './main';
import { loadWordNetNode } from '../src/analysis/wordnet/node/load-node';
import { SEED_ALPHA_CONSTANT, type TrainAlphaOptions, type TrainAlphaResult } from '../src/runtime/train-alpha';

export const TRAIN_ALPHA_USAGE = `usage:
  residual-lab train-alpha --model M [--tokenizer TOK] [--onnx PATH] [--epochs N] [--lr X] [--batch N] [--seed S]
    [--geo-seed S] [--initial-alpha A] [--fd-step H] [--max-examples N] [--separator TEXT] [--json] [--out trajectory.json]
    [--byte-ids] [--prefix TEXT] [--max-tokens N]   (T5)
    (seed 05 section 9: per-layer alpha on WordNet definition -> lemma, model frozen; decoder-only models take
    definition + separator -> the lemma as the next token; T5 takes "summarize: " + definition into the
    modulated encoder -> lemma + EOS through the decoder; --byte-ids: UTF-8 bytes as ids for a T5 without a tokenizer)`;

function num(v: string | undefined, name: string, integer = false): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || (integer && !Number.isInteger(x))) throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'}, got '${v}'`);
  return x;
}

function describe(r: TrainAlphaResult): string {
  const f = (xs: number[]) => xs.map((x) => x.toFixed(5)).join(', ');
  const mean = r.final.alphas.reduce((a, b) => a + b, 0) / r.final.alphas.length;
  const task = r.stack === 'encoder' ? `${JSON.stringify(r.prefix ?? '')} + definition -> lemma + EOS, encoder modulated` : `definition + ${JSON.stringify(r.separator)} -> lemma`;
  return [
    `${r.examples.train} train / ${r.examples.val} validation examples (${task}${r.tokenization === 'utf8-bytes' ? ', UTF-8 bytes as ids' : ''}); target: ${r.target}`,
    `initial: alpha [${f(r.initial.alphas)}], train loss ${r.initial.trainLoss.toFixed(5)}, val loss ${r.initial.valLoss.toFixed(5)} nats`,
    `final:   alpha [${f(r.final.alphas)}], train loss ${r.final.trainLoss.toFixed(5)}, val loss ${r.final.valLoss.toFixed(5)} nats`,
    `mean alpha ${mean.toFixed(5)}; |mean alpha - ${SEED_ALPHA_CONSTANT}| = ${r.meanAlphaDistance.toFixed(5)}`,
    `${r.history.length} steps in ${(r.ms / 1000).toFixed(1)} s; ${r.method}`,
    '',
  ].join('\n');
}

export async function trainAlphaCommand(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const args = argv[0] === 'train-alpha' ? argv.slice(1) : argv;
  const { values: v } = parseArgs({
    args,
    options: {
      ...MODEL_OPTIONS,
      epochs: { type: 'string' },
      lr: { type: 'string' },
      batch: { type: 'string' },
      seed: { type: 'string' },
      'geo-seed': { type: 'string' },
      'initial-alpha': { type: 'string' },
      'fd-step': { type: 'string' },
      'max-examples': { type: 'string' },
      separator: { type: 'string' },
      prefix: { type: 'string' },
      'max-tokens': { type: 'string' },
      'byte-ids': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  if (!v.model) {
    out(TRAIN_ALPHA_USAGE + '\n');
    return 2;
  }
  const opts: Omit<TrainAlphaOptions, 'signal' | 'onProgress'> = {
    epochs: num(v.epochs, 'epochs', true),
    lr: num(v.lr, 'lr'),
    batchSize: num(v.batch, 'batch', true),
    seed: num(v.seed, 'seed', true),
    geoSeed: num(v['geo-seed'], 'geo-seed', true),
    initialAlpha: num(v['initial-alpha'], 'initial-alpha'),
    fdStep: num(v['fd-step'], 'fd-step'),
    maxExamples: num(v['max-examples'], 'max-examples', true),
    separator: v.separator,
    prefix: v.prefix,
    maxTokens: num(v['max-tokens'], 'max-tokens', true),
    byteIds: v['byte-ids'] === true ? true : undefined,
  };
  const lab = nodeLab();
  try {
    // Which options fit the model (tokenizer or --byte-ids, separator or prefix) is checked by the training itself.
    await loadFromArgs(lab, v);
    const r = await lab.trainAlpha(loadWordNetNode(), opts, (p) => {
      const val = p.valLoss === null ? '' : `, val loss ${p.valLoss.toFixed(5)}`;
      process.stderr.write(`epoch ${p.epoch + 1} step ${p.step}/${p.stepsTotal}: batch loss ${p.trainLoss.toFixed(5)}${val}, alpha [${p.alphas.map((a) => a.toFixed(4)).join(', ')}] (${p.msPerStep.toFixed(0)} ms)\n`);
    });
    const text = JSON.stringify({ ...r, manifest: lab.manifest() }, null, 1) + '\n';
    if (v.out) await writeFile(v.out, text);
    out(v.json ? text : describe(r));
    return 0;
  } finally {
    await lab.unload();
  }
}
