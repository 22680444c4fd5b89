/**
 * Integration: stories260K built from its llama2.c checkpoint, run on onnxruntime-node,
 * against the float64 numpy reference (scripts/reference_llama2c.py -> fixtures/).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as ort from 'onnxruntime-node';
import { prepareLlama2c } from '../model/llama2c/load';
import { Engine } from './engine';
import type { OrtModule } from './session';
import { named, STORIES_CKPT, STORIES_TOK, PUBLISHED_TEXT, storiesReference, maxRelErr } from '../testing/shared';
import { boundaryHooks, hookFinalNorm, residMid, residPost, residPre } from '../model/hooks';

const ref = storiesReference();
let engine: Engine;

beforeAll(() => {
  engine = new Engine(ort as unknown as OrtModule, prepareLlama2c(named(STORIES_CKPT), named(STORIES_TOK)), 'cpu');
});
afterAll(() => engine.dispose());

describe('stories260K measurements match the numpy reference (rel err < 1e-4)', () => {
  for (const p of ref.prompts) {
    it(`${p.text ?? `${p.ids.length}-token greedy sequence`}`, async () => {
      const m = await engine.measure(p.ids);
      const L = ref.config.n_layers;
      for (const h of [...boundaryHooks(L), hookFinalNorm]) {
        expect(maxRelErr(m.norms[h], p.norms[h]), h).toBeLessThan(1e-4);
      }
      for (let i = 0; i < L; i++) expect(maxRelErr(m.blockGains[i], p.block_gains[i]), `G_block(${i})`).toBeLessThan(1e-4);
      const g = m.lastToken;
      expect(maxRelErr([g.G_hf_last, g.G_hf_penult!], [p.gains_last_token.G_hf_last, p.gains_last_token.G_hf_penult])).toBeLessThan(1e-4);
      expect(maxRelErr(g.G_block, p.gains_last_token.G_block)).toBeLessThan(1e-4);
      expect(maxRelErr([m.entropyNats], [p.entropy_nats])).toBeLessThan(1e-4);
      expect(m.topK.slice(0, 5).map((t) => t.id)).toEqual(p.top5.map((t) => t.id));
      expect(maxRelErr(m.topK.slice(0, 5).map((t) => t.prob), p.top5.map((t) => t.prob))).toBeLessThan(1e-4);
    });
  }

  it('taps resid_mid and vectors at the last token', async () => {
    const p = ref.prompts[3];
    const hooks = [residPre(0), residMid(2), residPost(4), hookFinalNorm];
    const fwd = await engine.forward(p.ids, hooks);
    const D = fwd.dModel;
    const S = p.ids.length;
    for (const h of hooks) {
      const last = fwd.taps.get(h)!.subarray((S - 1) * D, S * D);
      const refv = p.last_token[h];
      const err = Math.hypot(...last.map((v, j) => v - refv[j])) / Math.hypot(...refv);
      expect(err, h).toBeLessThan(1e-4);
    }
  });
});

describe('generation', () => {
  it('greedy from BOS reproduces the published stories260K text token for token', async () => {
    const n = ref.greedy_from_bos.published_text_tokens;
    const g = await engine.generate({ ids: [1], maxNewTokens: n, temperature: 0 });
    expect(g.ids).toEqual(ref.greedy_from_bos.ids.slice(0, n + 1));
    expect(g.text).toBe(PUBLISHED_TEXT);
  });

  it('seeded sampling is reproducible and differs across seeds', async () => {
    const a = await engine.generate({ ids: [1, 403, 407, 261, 378], maxNewTokens: 20, temperature: 1, seed: 7 });
    const b = await engine.generate({ ids: [1, 403, 407, 261, 378], maxNewTokens: 20, temperature: 1, seed: 7 });
    const c = await engine.generate({ ids: [1, 403, 407, 261, 378], maxNewTokens: 20, temperature: 1, seed: 8 });
    expect(a.ids).toEqual(b.ids);
    expect(c.ids).not.toEqual(a.ids);
  });

  it('cancels between tokens', async () => {
    const job = 'gen-cancel';
    const run = engine.generate({ ids: [1], maxNewTokens: 200, temperature: 0 }, (_id, _t) => engine.jobs.cancel(job), job);
    await expect(run).rejects.toThrow(/cancelled/);
  });
});

describe('bad input', () => {
  it('rejects an empty prompt, an over-long prompt and out-of-vocabulary ids', async () => {
    await expect(engine.measure([])).rejects.toThrow(/prompt is empty/);
    await expect(engine.measure(new Array(513).fill(5))).rejects.toThrow(/513 tokens long; this model's context is 512/);
    await expect(engine.measure([1, 600])).rejects.toThrow(/outside the vocabulary/);
  });
});
