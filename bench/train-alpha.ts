/**
 * train_alpha_step_ms_stories260k: median wall time of one alpha-training optimizer step on
 * stories260K (batch 32: the batch loss plus 2 x 5 finite-difference losses = 11 x 32 forwards of the
 * modulated graph, then the clip and the AdamW update), from the run's own per-step timings
 * (TrainAlphaProgress.msPerStep). Session creation, WordNet loading and the target table happen
 * before the first step and are not counted.
 *
 * Two ways to run it (for bench/run.ts; not wired in here):
 * - in Node on onnxruntime-node:  const lab = nodeLab(); await lab.load(stories260K);
 *     Object.assign(report, (await benchTrainAlpha(lab)).metrics);
 * - in Chromium through the built app: after `page.goto(`${APP}/?expose`)` and loading stories260K there,
 *     const r = await benchTrainAlpha(page); (the model worker's trainAlpha on its execution provider)
 */
import type { Page } from '@playwright/test';
import type { Lab } from '../src/runtime/lab';
import type { RemoteLab } from '../src/runtime/client';
import type { TrainAlphaResult } from '../src/runtime/train-alpha';
import { loadWordNetNode } from '../src/analysis/wordnet/node/load-node';
import { median } from './median';

export interface TrainAlphaBenchResult {
  metrics: { train_alpha_step_ms_stories260k: number };
  meta: { steps: number; times: number[]; statistic: string; where: string };
}

/** `epochs` of the seed's settings (2 steps an epoch on stories260K's 45 training examples); default 5 = 10 steps. */
export async function benchTrainAlpha(target: Lab | Page, epochs = 5): Promise<TrainAlphaBenchResult> {
  let r: Pick<TrainAlphaResult, 'history'>;
  let where: string;
  if ('evaluate' in target) {
    r = await target.evaluate(async (ep) => {
      const lab = (globalThis as unknown as { residualLab: RemoteLab }).residualLab;
      const res = await lab.trainAlpha(new URL('wordnet/wordnet-3.1.json.gz', document.baseURI).href, { epochs: ep });
      return { history: res.history };
    }, epochs);
    where = 'Chromium, the model worker (onnxruntime-web)';
  } else {
    r = await target.trainAlpha(loadWordNetNode(), { epochs });
    where = 'Node, onnxruntime-node (the CLI engine)';
  }
  const times = r.history.map((p) => p.msPerStep);
  return {
    metrics: { train_alpha_step_ms_stories260k: median(times) },
    meta: { steps: times.length, times, statistic: 'median ms per optimizer step (batch 32, 11 batch losses per step)', where },
  };
}
