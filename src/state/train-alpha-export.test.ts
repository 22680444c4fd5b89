import { describe, it, expect } from 'vitest';
import { parseTidyCsv } from '../io/tidy';
import { TRAIN_ALPHA_FORMAT, type TrainAlphaProgress, type TrainAlphaResult } from '../runtime/train-alpha';
import { trainAlphaCsv, trainAlphaTidyRows } from './train-alpha-export';
import { alphaTrajectoryFigure, epochLosses, lossFigure } from './train-alpha-figures';
import { TRAIN_ALPHA_FORM_DEFAULTS } from './train-alpha-store';

const step = (epoch: number, step: number, alphas: number[], trainLoss: number, valLoss: number | null): TrainAlphaProgress => ({ epoch, step, stepsTotal: 4, alphas, trainLoss, valLoss, msPerStep: 10 });
const history = [step(0, 1, [0.011, 0.012], 6.3, null), step(0, 2, [0.012, 0.013], 6.1, 7.4), step(1, 3, [0.013, 0.014], 6.0, null), step(1, 4, [0.0135, 0.0145], 5.8, 7.3)];
const result: TrainAlphaResult = {
  format: TRAIN_ALPHA_FORMAT,
  method: 'm',
  separator: '. It is called',
  examples: { train: 45, val: 6 },
  split: { train: [], val: [] },
  options: { initialAlpha: 0.01, epochs: 2, batchSize: 32, lr: 0.1, weightDecay: 0.01, fdStep: 0.03, seed: 42, gradClip: 1, schedule: 'cosine' },
  target: 't',
  initial: { alphas: [0.01, 0.01], trainLoss: 6.4, valLoss: 7.5 },
  final: { alphas: [0.0135, 0.0145], trainLoss: 5.9, valLoss: 7.3 },
  history,
  epochs: [
    { epoch: 0, trainLoss: 6.2, valLoss: 7.4, alphas: [0.012, 0.013] },
    { epoch: 1, trainLoss: 5.9, valLoss: 7.3, alphas: [0.0135, 0.0145] },
  ],
  constant: 0.29154,
  meanAlphaDistance: Math.abs(0.014 - 0.29154),
  ms: 1,
};
const meta = { model: 'stories260K', form: { ...TRAIN_ALPHA_FORM_DEFAULTS, epochs: 2 }, result };

describe('train-alpha exports', () => {
  it('tidy rows: alpha and logit per block per step, losses in nats, readable by the tidy reader', () => {
    const rows = trainAlphaTidyRows(result, 'stories260K');
    const alphas = rows.filter((r) => r.quantity === 'alpha');
    expect(alphas).toHaveLength(2 * (1 + history.length));
    expect(alphas.filter((r) => r.prompt_index === 3).map((r) => r.value)).toEqual([0.013, 0.014]);
    const logit = rows.find((r) => r.quantity === 'alpha_logit' && r.prompt_index === 0 && r.layer === 0)!;
    expect(logit.value).toBeCloseTo(Math.log(0.01 / 0.99), 14);
    expect(rows.filter((r) => r.quantity === 'val_loss').map((r) => r.value)).toEqual([7.5, 7.4, 7.3]);
    expect(rows.filter((r) => r.quantity === 'epoch_train_loss').map((r) => r.value)).toEqual([6.2, 5.9]);
    const back = parseTidyCsv(trainAlphaCsv(result, 'stories260K', { model: 'x' }));
    expect(back.rows).toEqual(rows);
    expect(back.manifest).toEqual({ model: 'x' });
  });
});

describe('train-alpha figures', () => {
  it('alpha trajectory: one line per block from step 0, plus the dashed 0.29154 line', () => {
    const f = alphaTrajectoryFigure(history, 2, meta);
    expect(f.data).toHaveLength(3);
    expect(f.data[0].x).toEqual([0, 1, 2, 3, 4]);
    expect(f.data[1].y).toEqual([0.01, 0.012, 0.013, 0.014, 0.0145]);
    expect(f.data[2].y).toEqual([0.29154, 0.29154]);
    expect(f.data[2].line?.dash).toBe('dash');
    expect(f.caption).toMatch(/lr 0\.001/);
  });

  it('losses per epoch: the epoch mean of batch losses and the validation loss, epoch 0 from the result', () => {
    const e = epochLosses(history);
    expect(e.map((x) => [x.epoch, x.valLoss])).toEqual([[0, 7.4], [1, 7.3]]);
    expect(e[0].trainLoss).toBeCloseTo(6.2, 14);
    expect(e[1].trainLoss).toBeCloseTo(5.9, 14);
    const f = lossFigure(history, meta);
    expect(f.data[0].x).toEqual([0, 1, 2]);
    expect(f.data[1].y).toEqual([7.5, 7.4, 7.3]);
    const live = lossFigure(history.slice(0, 2), { ...meta, result: null });
    expect(live.data[1].x).toEqual([1]);
  });
});
