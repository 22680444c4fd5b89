/**
 * Figures of the alpha training (pure builders: data in, FigureSpec out): alpha per layer against the
 * optimizer step with seed 05 section 10's 0.29154 as a dashed line, and train / validation loss
 * against the epoch. They draw a live run (progress entries so far) as well as a finished one.
 */
import { baseLayout, COLORS } from '../plots/theme';
import type { FigureSpec, PlotData } from '../plots/types';
import { SEED_ALPHA_CONSTANT, type TrainAlphaProgress, type TrainAlphaResult } from '../runtime/train-alpha';
import type { TrainAlphaForm } from './train-alpha-store';

const LAYER_COLORS = ['#1f5f99', '#c2571a', '#2b7a4b', '#7a3b9a', '#b8860b', '#2a9d8f', '#d1495b', '#5c6f7c', '#8f5e3b', '#3d5a80', '#9c6644', '#6d597a'];

export interface TrainAlphaFigureMeta {
  model: string;
  form: TrainAlphaForm;
  /** the finished result, when there is one (its initial point and method sentence) */ result: TrainAlphaResult | null;
}

function settings(m: TrainAlphaFigureMeta): string {
  const f = m.form;
  return (
    `Model ${m.model}, frozen; the lerp h' = (1 - alpha_l) h + alpha_l target at the stream entering each block l, target the seed's geometric per-token table (seed ${f.geoSeed}), frozen. ` +
    `Task: WordNet definition + "${m.result?.separator ?? '. It is called'}" -> the lemma's single token, cross-entropy of the last position (nats). ` +
    `alpha = sigmoid(theta); theta trained by AdamW (lr ${f.lr}, weight decay 0.01), cosine schedule over ${f.epochs} epochs, gradient-norm clip 1.0, batch ${f.batchSize}, ` +
    `split seed ${f.seed}; gradients by central finite differences of the float32 loss through the ONNX graph.`
  );
}

/** Alpha of every block against the optimizer step (step 0: the initial alpha). */
export function alphaTrajectoryFigure(live: readonly TrainAlphaProgress[], nBlocks: number, meta: TrainAlphaFigureMeta): FigureSpec {
  const x = [0, ...live.map((p) => p.step)];
  const initial = meta.result?.initial.alphas ?? new Array<number>(nBlocks).fill(meta.form.initialAlpha);
  const data: PlotData[] = Array.from({ length: nBlocks }, (_, l) => ({
    type: 'scatter',
    mode: 'lines',
    name: `block ${l}`,
    x,
    y: [initial[l], ...live.map((p) => p.alphas[l])],
    hovertemplate: `block ${l}<br>step %{x}<br>alpha %{y:.6g}<extra></extra>`,
    line: { width: 2, color: LAYER_COLORS[l % LAYER_COLORS.length] },
  }));
  const xMax = Math.max(1, x[x.length - 1]);
  data.push({ type: 'scatter', mode: 'lines', name: `${SEED_ALPHA_CONSTANT} (seed 05 section 10)`, x: [0, xMax], y: [SEED_ALPHA_CONSTANT, SEED_ALPHA_CONSTANT], line: { width: 1.5, color: COLORS.reference, dash: 'dash' }, hoverinfo: 'skip' });
  return {
    data,
    layout: {
      ...baseLayout(),
      height: 380,
      margin: { ...baseLayout().margin, b: 110 },
      title: { text: 'Alpha per block during training', font: { size: 13 } },
      xaxis: { title: { text: 'optimizer step' }, zeroline: false, automargin: true },
      yaxis: { title: { text: 'alpha = sigmoid(theta)' }, zeroline: false, automargin: true },
      showlegend: true,
      legend: { orientation: 'h', y: -0.25, x: 0, font: { size: 10 } },
    },
    caption: `Alpha of each block after every optimizer step (step 0: the start); dashed: the seed's constant ${SEED_ALPHA_CONSTANT}. ${settings(meta)}`,
    filename: 'train-alpha-trajectory',
  };
}

/** Per-epoch losses from the live steps: the mean batch loss of the epoch and the validation loss after it. */
export function epochLosses(live: readonly TrainAlphaProgress[]): { epoch: number; trainLoss: number; valLoss: number }[] {
  const out: { epoch: number; trainLoss: number; valLoss: number }[] = [];
  let batch: number[] = [];
  for (const p of live) {
    batch.push(p.trainLoss);
    if (p.valLoss !== null) {
      out.push({ epoch: p.epoch, trainLoss: batch.reduce((a, b) => a + b, 0) / batch.length, valLoss: p.valLoss });
      batch = [];
    }
  }
  return out;
}

/** Train and validation loss against the epoch (0: before training, from the finished result). */
export function lossFigure(live: readonly TrainAlphaProgress[], meta: TrainAlphaFigureMeta): FigureSpec {
  const ep = epochLosses(live);
  const init = meta.result?.initial;
  const x = [...(init ? [0] : []), ...ep.map((e) => e.epoch + 1)];
  const series = (name: string, y: number[], color: string): PlotData => ({
    type: 'scatter',
    mode: 'lines+markers',
    name,
    x,
    y,
    hovertemplate: `${name}<br>epoch %{x}<br>%{y:.6g} nats<extra></extra>`,
    marker: { size: 6, color },
    line: { width: 2, color },
  });
  return {
    data: [
      series('train loss (mean of the epoch’s batch losses)', [...(init ? [init.trainLoss] : []), ...ep.map((e) => e.trainLoss)], COLORS.resid),
      series('validation loss (after the epoch)', [...(init ? [init.valLoss] : []), ...ep.map((e) => e.valLoss)], COLORS.finalNorm),
    ],
    layout: {
      ...baseLayout(),
      height: 340,
      margin: { ...baseLayout().margin, b: 100 },
      title: { text: 'Loss during alpha training', font: { size: 13 } },
      xaxis: { title: { text: 'epoch (0 = before training)' }, zeroline: false, automargin: true, rangemode: 'tozero' },
      yaxis: { title: { text: 'cross-entropy (nats)' }, zeroline: false, automargin: true },
      showlegend: true,
      legend: { orientation: 'h', y: -0.3, x: 0, font: { size: 10 } },
    },
    caption: `Train loss: mean of the batch losses over the epoch at the theta each batch started from (epoch 0: the training set at the initial alpha); validation loss: the held-out 10% after the epoch. ${settings(meta)}`,
    filename: 'train-alpha-loss',
  };
}
