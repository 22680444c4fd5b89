import { describe, it, expect } from 'vitest';
import { stepProgress, sweepByModel, type RunOne } from './persist-sweep';
import type { Progress } from '../runtime/jobs';
import type { SweepRequest, SweepResult } from '../runtime/sweep';
import type { PromptRow } from '../analysis/aggregate';
import { STORIES260K, type ModelSource } from '../io/spec';

const hf = (repo: string): ModelSource => ({ kind: 'hf', location: { hub: { repo, revision: 'main' } } });
const req: SweepRequest = { models: [STORIES260K, hf('a/b'), hf('c/d')], prompts: [{ text: 'x' }, { text: 'y' }], position: 'last', ep: 'wasm' };
const row = (v: number) => ({ prompt: 'x', G_block_last: v }) as unknown as PromptRow;

/** A fake worker: each model measures its prompts unless `cancelAt` says it was cancelled. */
function fakeWorker(cancelAt: number | null, log: string[]): RunOne {
  let call = 0;
  return async (r, onProgress) => {
    const me = call++;
    expect(r.models).toHaveLength(1);
    onProgress({ stage: 'sweep', message: 'model 1 of 1: loading', fraction: 0 });
    onProgress({ stage: 'sweep', message: 'model 1 of 1 (llama), prompt 2 of 2', fraction: 0.5 });
    const cancelled = me === cancelAt;
    onProgress({ stage: 'sweep', message: cancelled ? 'sweep cancelled' : 'sweep done', fraction: 1 });
    log.push(`call ${me}`);
    const res: SweepResult = { position: 'last', prompts: r.prompts, models: [{ source: r.models[0], status: cancelled ? 'cancelled' : 'done', rows: cancelled ? [row(me)] : [row(me), row(me + 0.5)] }], cancelled };
    return res;
  };
}

describe('sweep one model per worker call', () => {
  it('hands each model over when it is done, in order, with the step-level progress', async () => {
    const log: string[] = [];
    const progress: Progress[] = [];
    const res = await sweepByModel(req, fakeWorker(null, log), (p) => progress.push(p), (i, one) => log.push(`done ${i}:${one.models[0].rows.length}`), () => false);
    expect(log).toEqual(['call 0', 'done 0:2', 'call 1', 'done 1:2', 'call 2', 'done 2:2']);
    expect(res.cancelled).toBe(false);
    expect(res.models.map((m) => m.source)).toEqual(req.models);
    expect(res.models.map((m) => m.rows.map((r) => r.G_block_last))).toEqual([[0, 0.5], [1, 1.5], [2, 2.5]]);
    expect(progress.map((p) => p.message)).toContain('model 2 of 3 (llama), prompt 2 of 2');
    expect(progress.map((p) => p.message)).toContain('model 3 of 3: loading');
    expect(progress.at(-1)).toMatchObject({ message: 'sweep done', fraction: 1 });
    // The fraction never goes back.
    const f = progress.map((p) => p.fraction!);
    expect(f.every((x, i) => i === 0 || x >= f[i - 1])).toBe(true);
  });

  it('a cancel inside a model keeps its rows and skips the rest', async () => {
    const log: string[] = [];
    const res = await sweepByModel(req, fakeWorker(1, log), () => {}, () => {}, () => false);
    expect(log).toEqual(['call 0', 'call 1']);
    expect(res.cancelled).toBe(true);
    expect(res.models.map((m) => [m.status, m.rows.length])).toEqual([['done', 2], ['cancelled', 1], ['cancelled', 0]]);
  });

  it('a cancel between two calls starts no further model', async () => {
    const log: string[] = [];
    let stop = false;
    const res = await sweepByModel(req, fakeWorker(null, log), () => {}, (i, one) => {
      log.push(`done ${i}:${one.models[0].status}`);
      stop = true;
    }, () => stop);
    expect(log).toEqual(['call 0', 'done 0:done', 'done 1:cancelled', 'done 2:cancelled']);
    expect(res.models.map((m) => m.status)).toEqual(['done', 'cancelled', 'cancelled']);
    expect(res.cancelled).toBe(true);
  });

  it('rewrites only the leading model counter', () => {
    expect(stepProgress({ stage: 's', message: 'model 1 of 1: loading', fraction: 0.5 }, 1, 4)).toEqual({ stage: 's', message: 'model 2 of 4: loading', fraction: 0.375 });
    expect(stepProgress({ stage: 's', message: 'x.onnx: 3 MB' }, 0, 2)).toEqual({ stage: 's', message: 'x.onnx: 3 MB', fraction: undefined });
  });
});
