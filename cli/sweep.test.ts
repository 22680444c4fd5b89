/** Sweeps in the CLI engine: per-prompt numbers equal single measurements; a failing model is reported and the sweep goes on. */
import { describe, it, expect } from 'vitest';
import { resolve } from 'node:path';
import { nodeLab } from './node-lab';
import { runSweep } from '../src/runtime/sweep';
import { SHARED, STORIES_CKPT, STORIES_TOK, storiesReference } from '../src/testing/shared';
import type { ModelSource } from '../src/io/spec';

const ref = storiesReference();
const llama2c: ModelSource = { kind: 'llama2c', checkpoint: { local: STORIES_CKPT }, tokenizer: { local: STORIES_TOK } };
const hf: ModelSource = { kind: 'hf', location: { local: resolve(SHARED, 'models/stories260K-hf') } };
const noTokenizer: ModelSource = { kind: 'hf', location: { local: resolve(SHARED, 'fixtures/hf-tiny/gpt2') }, onnx: 'opset14/model.onnx' };

describe('sweep', () => {
  it('runs each model over the prompts, keeps going past a failure, and agrees with single measurements', async () => {
    const prompts = ref.prompts.slice(0, 3).map((p, i) => ({ text: p.text!, category: i < 2 ? 'a' : 'b' }));
    const stages: string[] = [];
    const res = await runSweep(nodeLab(), { models: [llama2c, noTokenizer, hf], prompts, position: 'last', ep: 'auto' }, (p) => stages.push(p.message));
    expect(res.models.map((m) => m.status)).toEqual(['done', 'failed', 'done']);
    expect(res.models[1].error).toMatch(/no tokenizer/);
    for (const m of [res.models[0], res.models[2]]) {
      expect(m.rows).toHaveLength(3);
      m.rows.forEach((row, i) => {
        const g = ref.prompts[i].gains_last_token;
        expect(Math.abs(row.G_block_last - g.G_block[4]) / g.G_block[4]).toBeLessThan(1e-4);
        expect(Math.abs(row.G_hf_last - g.G_hf_last) / g.G_hf_last).toBeLessThan(1e-4);
      });
      expect(m.summary!.perCategory.a.n).toBe(2);
    }
    // The two paths to the same model give the same numbers.
    res.models[0].rows.forEach((r, i) => expect(Math.abs(r.G_block_last - res.models[2].rows[i].G_block_last)).toBeLessThan(1e-5));
    expect(stages.some((s) => /model 3 of 3 .*prompt 3 of 3/.test(s))).toBe(true);
  });

  it('cancel stops between prompts and keeps what was measured', async () => {
    let n = 0;
    const res = await runSweep(nodeLab(), { models: [llama2c, hf], prompts: ref.prompts.slice(0, 3).map((p) => ({ text: p.text! })), position: 'mean', ep: 'auto' }, undefined, () => ++n > 3);
    expect(res.cancelled).toBe(true);
    expect(res.models[0].status).toBe('cancelled');
    expect(res.models[0].rows).toHaveLength(2);
    expect(res.models[1].status).toBe('cancelled');
  });

  it('with byte ids, a model without a tokenizer is measured on each prompt\'s UTF-8 bytes, as a single measurement of those ids', async () => {
    const prompts = [{ text: 'The cat sat on the mat.' }, { text: 'Café ☕ naïve' }];
    const res = await runSweep(nodeLab(), { models: [noTokenizer], prompts, position: 'last', ep: 'auto', tokenizerless: 'bytes' });
    expect(res.models[0].status).toBe('done');
    expect(res.models[0].tokenization).toBe('utf8-bytes');
    const lab = nodeLab();
    await lab.load({ source: noTokenizer, ep: 'auto' });
    try {
      for (const [i, p] of prompts.entries()) {
        const ids = Array.from(Buffer.from(p.text, 'utf8'));
        if (i === 1) expect(ids.length).toBe(p.text.length + 4); // é, ï: 2 bytes; ☕: 3 bytes
        const m = await lab.measureIds(ids);
        const last = m.gainsPerToken[m.gainsPerToken.length - 1];
        expect(res.models[0].rows[i].G_block_last).toBe(last.G_block[last.G_block.length - 1]);
        expect(res.models[0].rows[i].G_hf_last).toBe(last.G_hf_last);
        expect(res.models[0].rows[i].entropyNats).toBe(m.entropyNats);
      }
    } finally {
      await lab.unload();
    }
  });
});
