/**
 * Field surgery on real graphs (stories260K built from its checkpoint, the hf-tiny decoders, the T5
 * encoder): every alpha 0 leaves the logits bit-identical; with alphas on, the null (tail) dims of the
 * stream entering a block are exactly the unmodulated stream's, the active dims and the diagnostics equal
 * the float64 forward of analysis/modulation/field on that stream; errors name what was found.
 */
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { addFieldModulator, FIELD_ALPHA } from './field-surgery';
import { addTaps, findResidualStructure, SurgeryError, type ResidualStructure } from './taps';
import { HF_TINY_FILES, loadOnnx, loadReference } from './testing/fixtures';
import { feedsFor, runModel } from './testing/run';
import { fuseNorms } from './testing/fuse';
import { residPost, residPre } from '../model/hooks';
import { prepareLlama2c } from '../model/llama2c/load';
import { named, STORIES_CKPT, STORIES_TOK } from '../testing/shared';
import { fieldConfig } from '../analysis/modulation/field/config';
import { fieldAlphas, initFieldParams } from '../analysis/modulation/field/params';
import { fieldForward } from '../analysis/modulation/field/forward';
import type { ModelProto } from './proto';

const D = 64;
const bitEqual = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]) || (v === 0 && b[i] === 0));

interface Case {
  name: string;
  model: ModelProto;
  s: ResidualStructure;
  ids: number[];
  out: string;
}

function cases(): Case[] {
  const stories = prepareLlama2c(named(STORIES_CKPT), named(STORIES_TOK));
  const out: Case[] = [{ name: 'stories260K', model: stories.graph, s: stories.structure!, ids: [1, 403, 407, 261, 378, 300, 17], out: 'logits' }];
  for (const f of HF_TINY_FILES.filter((x) => x.kind === 'plain' || x.kind === 'with_past' || x.kind === 't5_encoder')) {
    const model = loadOnnx(f);
    const s = findResidualStructure(model);
    out.push({ name: `${f.family}/${f.file}`, model, s, ids: loadReference(f.family).sequences[1].input_ids, out: s.logits });
  }
  return out;
}

const alphaFeed = (a: Float32Array, L: number, E: number) => ({ [FIELD_ALPHA]: new ort.Tensor('float32', a, [L, E]) });

describe('field surgery on real graphs', () => {
  for (const c of cases()) {
    it(`${c.name}: all alphas 0 are bit-identical; on, the null dims are untouched and the block equals the float64 forward`, async () => {
      const S = c.ids.length;
      const L = c.s.blocks.length;
      const cfg = fieldConfig(D, L);
      const p = initFieldParams(cfg, 7);
      const base = await runModel(c.model, feedsFor(c.model, { ids: c.ids }), [c.out]);
      const g = addFieldModulator(c.model, c.s, p);
      const feeds = feedsFor(c.model, { ids: c.ids });
      const zero = await runModel(g.model, { ...feeds, ...alphaFeed(fieldAlphas(cfg, new Array(L).fill(0)), L, 3) }, [c.out, g.diagnostics[0].gateMean]);
      expect(bitEqual(zero.get(c.out)!.data, base.get(c.out)!.data), 'alpha 0').toBe(true);
      for (const v of zero.get(g.diagnostics[0].gateMean)!.data) expect(Math.abs(v - 1)).toBeLessThan(1e-6);

      // Alphas on at every block (0.35, 0.2, 0.1 per expert): read the stream entering block 1 before
      // (resid_post(0)) and after (resid_pre(1)) the modulator.
      const alphas = fieldAlphas(cfg, new Array(L).fill(0), Array.from({ length: L }, () => [0.35, 0.2, 0.1]));
      const tapped = addTaps(g.model, g.structure, [residPre(1), residPost(0)]);
      const d = g.diagnostics[1];
      const r = await runModel(tapped.model, { ...feeds, ...alphaFeed(alphas, L, 3) }, [...tapped.outputs.values(), d.gateMean, ...d.vol2, c.out]);
      const before = r.get(tapped.outputs.get(residPost(0))!)!.data;
      const after = r.get(tapped.outputs.get(residPre(1))!)!.data;
      const want = fieldForward(p, before, S, alphas.subarray(3, 6));
      let worst = 0;
      for (let t = 0; t < S; t++) {
        for (let j = 0; j < D; j++) {
          const k = t * D + j;
          if (j >= p.nActive) expect(Object.is(after[k], before[k]), `null dim ${j} at position ${t}`).toBe(true);
          else worst = Math.max(worst, Math.abs(after[k] - want.out[k]) / (1e-3 + Math.abs(want.out[k])));
        }
      }
      expect(worst, 'active dims vs float64').toBeLessThan(1e-5);
      const gm = r.get(d.gateMean)!.data;
      for (let t = 0; t < S; t++) expect(Math.abs(gm[t] - want.gateMean[t])).toBeLessThan(1e-6);
      d.vol2.forEach((name, e) => {
        const v = r.get(name)!.data;
        for (let t = 0; t < S; t++) expect(Math.abs(v[t] - want.vol2[e * S + t]) / Math.abs(want.vol2[e * S + t])).toBeLessThan(1e-4);
      });
      expect(bitEqual(r.get(c.out)!.data, base.get(c.out)!.data)).toBe(false);
    });
  }
});

describe('field surgery: structure and errors', () => {
  const gpt2 = { family: 'gpt2', file: 'opset17/model.onnx', kind: 'plain' } as const;

  it('adds one input and the diagnostic outputs, and leaves the input model untouched', () => {
    const model = loadOnnx(gpt2);
    const s = findResidualStructure(model);
    const before = model.graph!.node!.length;
    const g = addFieldModulator(model, s, initFieldParams(fieldConfig(D, 3), 1));
    expect(model.graph!.node!.length).toBe(before);
    expect(g.model.graph!.input!.at(-1)!.name).toBe(FIELD_ALPHA);
    expect(g.model.graph!.output!.length).toBe(model.graph!.output!.length + 3 * 4);
    expect(g.diagnostics.map((x) => x.vol2.length)).toEqual([3, 3, 3]);
    expect(g.structure.blocks.map((b) => b.residPost)).toEqual(s.blocks.map((b) => b.residPost));
    expect(g.structure.blocks[0].residPre).toBe('/field/block0/resid_pre');
    expect(() => addFieldModulator(g.model, g.structure, initFieldParams(fieldConfig(D, 3), 1))).toThrow(/already has a value named 'field_alpha'/);
    expect(() => addFieldModulator(model, s, initFieldParams(fieldConfig(D, 4), 1))).toThrow(/parameters are for 4 blocks, the graph has 3/);
  });

  it('refuses fused residual sums and merged decoders with messages naming them', () => {
    const { model } = fuseNorms(loadOnnx(gpt2));
    const p = initFieldParams(fieldConfig(D, 3), 1);
    expect(() => addFieldModulator(model, findResidualStructure(model), p)).toThrow(SurgeryError);
    expect(() => addFieldModulator(model, findResidualStructure(model), p)).toThrow(/block 0 .* fused SkipLayerNormalization/);
    const merged = loadOnnx({ family: 'llama', file: 'opset14/decoder_model_merged.onnx' });
    const ms = findResidualStructure(merged);
    expect(() => addFieldModulator(merged, ms, initFieldParams(fieldConfig(D, ms.blocks.length), 1))).toThrow(/If branches \(a merged decoder\)/);
  });
});
