/**
 * Intervention surgery on real graphs (stories260K built from its checkpoint, every hf-tiny decoder,
 * the T5 encoder): alpha = 0 leaves the logits bit-identical to the unmodified graph; alpha = 1 at a
 * block makes its resid_pre exactly the target; the lerp in between; errors name what was found.
 */
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { addModulator, MODULATOR_ALPHA, MODULATOR_TABLE, MODULATOR_TARGET, type TargetKind } from './intervene';
import { addTaps, findResidualStructure, SurgeryError, type ResidualStructure } from './taps';
import { HF_TINY_FILES, loadOnnx, loadReference } from './testing/fixtures';
import { feedsFor, runModel } from './testing/run';
import { fuseNorms } from './testing/fuse';
import { residPost, residPre, type HookName } from '../model/hooks';
import { prepareLlama2c } from '../model/llama2c/load';
import { named, STORIES_CKPT, STORIES_TOK } from '../testing/shared';
import { Rng } from '../linalg/cpu/rng';
import type { ModelProto } from './proto';

const D = 64;

/** Seeded normals as float32. */
function normals(seed: number, n: number): Float32Array {
  return Float32Array.from(new Rng(seed).normals(n));
}

function modFeeds(kind: TargetKind, alphas: number[], target: Float32Array, S: number): Record<string, ort.Tensor> {
  const dims = kind === 'table' ? [target.length / D, D] : kind === 'positions' ? [1, S, D] : [D];
  return {
    [MODULATOR_ALPHA]: new ort.Tensor('float32', Float32Array.from(alphas), [alphas.length]),
    [kind === 'table' ? MODULATOR_TABLE : MODULATOR_TARGET]: new ort.Tensor('float32', target, dims),
  };
}

interface Case {
  name: string;
  model: ModelProto;
  s: ResidualStructure;
  ids: number[];
  /** the graph output compared bit for bit: logits, or the T5 encoder's output */ out: string;
  vocab: number;
}

function cases(): Case[] {
  const stories = prepareLlama2c(named(STORIES_CKPT), named(STORIES_TOK));
  const out: Case[] = [{ name: 'stories260K', model: stories.graph, s: stories.structure!, ids: [1, 403, 407, 261, 378, 300, 17], out: 'logits', vocab: 512 }];
  for (const f of HF_TINY_FILES.filter((x) => x.kind !== 't5_decoder')) {
    const model = loadOnnx(f);
    const s = findResidualStructure(model);
    out.push({ name: `${f.family}/${f.file}`, model, s, ids: loadReference(f.family).sequences[1].input_ids, out: s.logits, vocab: 256 });
  }
  return out;
}

const bitEqual = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]) || (v === 0 && b[i] === 0));

describe('intervention surgery on real graphs', () => {
  for (const c of cases()) {
    it(`${c.name}: alpha = 0 is bit-identical; alpha = 1 at block 1 makes resid_pre(1) the target`, async () => {
      const S = c.ids.length;
      const L = c.s.blocks.length;
      const base = await runModel(c.model, feedsFor(c.model, { ids: c.ids }), [c.out]);
      const origTaps = addTaps(c.model, c.s, [residPre(0), residPost(0)]);
      const orig = await runModel(origTaps.model, feedsFor(c.model, { ids: c.ids }), [...origTaps.outputs.values()]);
      for (const kind of ['vector', 'positions', 'table'] as const) {
        const m = addModulator(c.model, c.s, kind, { dModel: D, vocabSize: c.vocab });
        const target = normals(7, kind === 'table' ? c.vocab * D : kind === 'positions' ? S * D : D);
        const feeds = { ...feedsFor(c.model, { ids: c.ids }), ...modFeeds(kind, new Array(L).fill(0), target, S) };
        const zero = await runModel(m.model, feeds, [c.out]);
        expect(bitEqual(zero.get(c.out)!.data, base.get(c.out)!.data), `${kind}: alpha = 0`).toBe(true);

        // alpha = 1 at block 1 only: resid_pre(1) is the target; resid_post(0) (the unmodulated stream) is untouched.
        const hooks: HookName[] = [residPre(1), residPost(0), residPre(0)];
        const tapped = addTaps(m.model, m.structure, hooks);
        const read = (r: Map<string, { data: Float32Array }>, h: HookName) => r.get(tapped.outputs.get(h)!)!.data;
        const alphas = new Array(L).fill(0);
        alphas[1] = 1;
        const one = await runModel(tapped.model, { ...feeds, ...modFeeds(kind, alphas, target, S) }, [...tapped.outputs.values()]);
        const want = new Float32Array(S * D);
        for (let t = 0; t < S; t++) {
          for (let j = 0; j < D; j++) want[t * D + j] = kind === 'table' ? target[c.ids[t] * D + j] : kind === 'positions' ? target[t * D + j] : target[j];
        }
        expect(bitEqual(read(one, residPre(1)), want), `${kind}: alpha = 1`).toBe(true);
        expect(bitEqual(read(one, residPost(0)), orig.get(origTaps.outputs.get(residPost(0))!)!.data), `${kind}: resid_post(0)`).toBe(true);

        // alpha = 0.3 at block 0: resid_pre(0) = 0.7 h + 0.3 t (float32 rounding only).
        const a0 = new Array(L).fill(0);
        a0[0] = 0.3;
        const pre0 = read(await runModel(tapped.model, { ...feeds, ...modFeeds(kind, a0, target, S) }, [...tapped.outputs.values()]), residPre(0));
        const h0 = orig.get(origTaps.outputs.get(residPre(0))!)!.data;
        let worst = 0;
        for (let k = 0; k < S * D; k++) worst = Math.max(worst, Math.abs(pre0[k] - (0.7 * h0[k] + 0.3 * want[k])) / (1 + Math.abs(pre0[k])));
        expect(worst, `${kind}: alpha = 0.3`).toBeLessThan(1e-6);
      }
    });
  }
});

describe('intervention surgery: structure and errors', () => {
  const gpt2 = { family: 'gpt2', file: 'opset17/model.onnx', kind: 'plain' } as const;

  it('adds exactly the two inputs and leaves the input model untouched', () => {
    const model = loadOnnx(gpt2);
    const s = findResidualStructure(model);
    const before = model.graph!.node!.length;
    const m = addModulator(model, s, 'table', { dModel: D, vocabSize: 256 });
    expect(model.graph!.node!.length).toBe(before);
    const inputs = m.model.graph!.input!.map((v) => v.name);
    expect(inputs.slice(-2)).toEqual([MODULATOR_ALPHA, MODULATOR_TABLE]);
    expect(m.nBlocks).toBe(3);
    expect(m.structure.blocks.map((b) => b.residPre)).toEqual([0, 1, 2].map((i) => `/modulator/block${i}/resid_pre`));
    expect(m.structure.blocks.map((b) => b.residPost)).toEqual(s.blocks.map((b) => b.residPost));
    expect(m.structure.embed).toBe(s.embed);
    expect(() => addModulator(m.model, m.structure, 'table', { dModel: D, vocabSize: 256 })).toThrow(/already has a value named 'modulator_alpha'/);
  });

  it('refuses a fused Skip*Normalization boundary with a message naming it', () => {
    const { model } = fuseNorms(loadOnnx(gpt2));
    const s = findResidualStructure(model);
    expect(() => addModulator(model, s, 'vector', { dModel: D, vocabSize: 256 })).toThrow(SurgeryError);
    expect(() => addModulator(model, s, 'vector', { dModel: D, vocabSize: 256 })).toThrow(/block 0 .* fused SkipLayerNormalization/);
  });

  it('a table target needs input_ids', () => {
    const model = loadOnnx(gpt2);
    const s = findResidualStructure(model);
    const renamed = { ...model, graph: { ...model.graph!, input: model.graph!.input!.map((v) => (v.name === 'input_ids' ? { ...v, name: 'tokens' } : v)) } } as ModelProto;
    expect(() => addModulator(renamed, s, 'table', { dModel: D, vocabSize: 256 })).toThrow(/gathered by 'input_ids'/);
  });
});
