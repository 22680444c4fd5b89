/**
 * Unit-level checks of the surgery on hf-tiny graphs: fused sums named only when tapped, If taps
 * wired through both branches, name independence, and errors that say what was looked for and
 * found while the plain model still runs.
 */
import { describe, expect, it } from 'vitest';
import { addTaps, findResidualStructure, structureSummary, tapTensors, tryFindResidualStructure, SurgeryError } from './taps';
import { hookFinalNorm, hookLogits, residMid, residPost, residPre } from '../model/hooks';
import { onnx, encodeModel, DataType, type ModelProto } from './proto';
import { GraphBuilder, valueInfo } from './builder';
import { loadOnnx, loadReference } from './testing/fixtures';
import { feedsFor, runModel } from './testing/run';
import { fuseNorms } from './testing/fuse';
import { wrapInIf } from './testing/wrap-if';

const gpt2 = { family: 'gpt2', file: 'opset14/model.onnx', kind: 'plain' } as const;
const llama = { family: 'llama', file: 'opset17/model.onnx', kind: 'plain' } as const;
const ids = loadReference('llama').sequences[0].input_ids;

/** A copy of `model` whose nodes read `to` wherever they read `from` (top graph only). */
function rewire(model: ModelProto, from: string, to: string): ModelProto {
  const copy = onnx.ModelProto.decode(encodeModel(model));
  for (const n of copy.graph!.node!) n.input = n.input!.map((i) => (i === from ? to : i));
  return copy;
}

/** The plain model of a failed surgery still runs for logits. */
async function runsPlain(model: ModelProto): Promise<void> {
  const { structure, error } = tryFindResidualStructure(model);
  expect(structure).toBeNull();
  expect(error).toBeInstanceOf(SurgeryError);
  const plain = addTaps(model, null, []).model;
  expect(plain).toBe(model);
  expect(() => addTaps(model, null, [hookLogits])).toThrow(SurgeryError);
  const logits = (await runModel(plain, feedsFor(plain, { ids }), ['logits'])).get('logits')!;
  expect(logits.dims).toEqual([1, ids.length, 256]);
}

describe('fused norms', () => {
  const { model } = fuseNorms(loadOnnx(gpt2));
  const s = findResidualStructure(model);

  it('names the final residual sum only when it is tapped, without touching the input model', () => {
    expect(s.hiddenSums).toHaveLength(1);
    const last = s.blocks[2].residPost;
    expect(s.hiddenSums[0].tensor).toBe(last);
    const skipNodes = () => model.graph!.node!.filter((n) => n.opType === 'SkipLayerNormalization');
    const before = skipNodes().map((n) => n.output!.length);
    expect(addTaps(model, s, [residPre(1)]).model.graph!.node).toBe(model.graph!.node);
    const tapped = addTaps(model, s, [residPost(2)]).model;
    const producer = tapped.graph!.node!.find((n) => n.output!.includes(last))!;
    expect(producer.opType).toBe('SkipLayerNormalization');
    expect(producer.output).toEqual([s.hiddenSums[0].node, '', '', last]);
    expect(skipNodes().map((n) => n.output!.length)).toEqual(before);
  });

  it('does not depend on node or tensor names', () => {
    const g = onnx.ModelProto.decode(encodeModel(model));
    const keep = new Set(['input_ids', 'attention_mask', 'logits', ...g.graph!.initializer!.map((t) => t.name!)]);
    const rename = new Map<string, string>();
    const nameOf = (t: string) => (keep.has(t) || !t ? t : rename.get(t) ?? (rename.set(t, `t${rename.size}`), `t${rename.size - 1}`));
    g.graph!.node!.forEach((n, i) => {
      n.name = `n${i}`;
      n.input = n.input!.map(nameOf);
      n.output = n.output!.map(nameOf);
    });
    const renamed = tapTensors(findResidualStructure(g));
    for (const [h, t] of tapTensors(s)) expect(renamed.get(h)).toBe(t === s.hiddenSums[0].tensor ? renamed.get(h) : nameOf(t));
    expect(structureSummary(findResidualStructure(g))).toEqual(structureSummary(s));
  });
});

describe('merged (If) graphs', () => {
  const model = wrapInIf(loadOnnx(llama), { thenPrefix: 'then/' });
  const s = findResidualStructure(model);

  it('maps each branch on its own and taps through both', () => {
    expect(s.branches!.then.blocks[1].residMid).toBe(`then/${s.branches!.else.blocks[1].residMid}`);
    const { model: tapped, outputs } = addTaps(model, s, [residMid(1), residPost(0), residPre(1), hookFinalNorm, hookLogits]);
    const ifNode = tapped.graph!.node![0];
    // resid_post(0) and resid_pre(1) are one tensor: one new output, shared.
    expect(outputs.get(residPost(0))).toBe(outputs.get(residPre(1)));
    expect(outputs.get(hookLogits)).toBe('logits');
    const added = [outputs.get(residMid(1)), outputs.get(residPost(0)), outputs.get(hookFinalNorm)];
    expect(ifNode.output!.slice(-3)).toEqual(added);
    expect(tapped.graph!.output!.slice(-3).map((o) => o.name)).toEqual(added);
    for (const attr of ifNode.attribute!) expect(attr.g!.output!.length).toBe(ifNode.output!.length);
    expect(model.graph!.node![0].output!.length).toBe(1); // the input model is untouched
  });

  it('explains when the branches disagree', async () => {
    // The else branch skips block 2: its final norm reads block 1's output.
    const copy = onnx.ModelProto.decode(encodeModel(model));
    const elseG = copy.graph!.node![0].attribute!.find((a) => a.name === 'else_branch')!.g!;
    const [b1, b2] = [s.branches!.else.blocks[1].residPost, s.branches!.else.blocks[2].residPost];
    for (const n of elseG.node!) if (n.input!.includes(b2)) n.input = n.input!.map((i) => (i === b2 ? b1 : i));
    expect(() => findResidualStructure(copy)).toThrow(/branches disagree: then_branch has 3 sequential blocks .*, else_branch has 2 sequential blocks/);
  });
});

describe('errors name what was looked for and found; the plain model still runs', () => {
  const model = loadOnnx(llama);
  const s = findResidualStructure(model);

  it('final norm not fed by a residual Add', async () => {
    const cut = rewire(model, s.blocks[2].residPost, s.embed);
    expect(() => findResidualStructure(cut)).toThrow(/looked for a residual Add \(stream \+ branch\) feeding the final norm .* found none among \d+ tensors/);
    await runsPlain(cut);
  });

  it('a block without its MLP', async () => {
    const cut = rewire(model, s.blocks[2].residPost, s.blocks[2].residMid!);
    expect(() => findResidualStructure(cut)).toThrow(/found 2 complete blocks and the residual sub-layers \[attn, mlp, attn, mlp, attn\] \(the last 1 end no block\)/);
    await runsPlain(cut);
  });

  it('no LM head and no final norm behind the output', async () => {
    const headless = onnx.ModelProto.decode(encodeModel(model));
    headless.graph!.output = [{ name: s.embed, type: model.graph!.output![0].type }];
    expect(() => findResidualStructure(headless)).toThrow(/looked for the LM head .* found the ops \[Gather\] and no residual Add behind them/);
  });

  it('a tap point the layout does not have', () => {
    const neox = loadOnnx({ family: 'gpt_neox', file: 'opset17/model.onnx' });
    expect(() => addTaps(neox, findResidualStructure(neox), [residMid(0)])).toThrow(/no tap point 'blocks\.0\.hook_resid_mid'/);
  });
});

describe('other head and attention forms', () => {
  it('taps the whole final-norm output when the head reads only the last position', () => {
    const model = onnx.ModelProto.decode(encodeModel(loadOnnx(llama)));
    const s = findResidualStructure(model);
    const head = model.graph!.node!.find((n) => n.input!.includes(s.finalNormOut) && n.opType === 'MatMul')!;
    const b = new GraphBuilder();
    const sliced = b.op('Slice', [s.finalNormOut, b.int64('starts', [1], [-1]), b.int64('ends', [1], [1 << 30]), b.int64('axes', [1], [1])]);
    head.input = head.input!.map((i) => (i === s.finalNormOut ? sliced : i));
    model.graph!.node!.unshift(...b.nodes);
    model.graph!.initializer!.push(...b.initializers);
    expect(tapTensors(findResidualStructure(model))).toEqual(tapTensors(s));
  });

  it('classifies fused attention ops: self (GroupQueryAttention) and cross (MultiHeadAttention on encoder states)', () => {
    const D = 4;
    const b = new GraphBuilder();
    const w = (name: string, dims = [D, D]) => b.float(name, dims, new Float32Array(dims[0] * dims[1]).fill(0.1));
    const gamma = b.float('gamma', [D], new Float32Array(D).fill(1));
    const norm = (x: string) => b.op('SimplifiedLayerNormalization', [x, gamma], { epsilon: 1e-6 });
    const proj = (x: string, name: string) => b.op('MatMul', [x, w(name)]);
    let x = b.op('Gather', [w('embed', [16, D]), 'input_ids']);
    for (let i = 0; i < 2; i++) {
      const n1 = norm(x);
      const self = b.op('GroupQueryAttention', [proj(n1, `q${i}`), proj(n1, `k${i}`), proj(n1, `v${i}`)], { num_heads: { int: 1 } });
      x = b.op('Add', [x, proj(self, `o${i}`)]);
      const n2 = norm(x);
      const cross = b.op('MultiHeadAttention', [proj(n2, `cq${i}`), proj('encoder_hidden_states', `ck${i}`), proj('encoder_hidden_states', `cv${i}`)], { num_heads: { int: 1 } });
      x = b.op('Add', [proj(cross, `co${i}`), x]);
      x = b.op('Add', [x, proj(b.op('Relu', [proj(norm(x), `up${i}`)]), `down${i}`)]);
    }
    b.op('MatMul', [norm(x), w('head', [D, 16])]);
    b.renameLastOutput('logits');
    const model = b.model({
      inputs: [valueInfo('input_ids', DataType.INT64, [1, 'S']), valueInfo('encoder_hidden_states', DataType.FLOAT, [1, 'E', D])],
      outputs: [valueInfo('logits', DataType.FLOAT, [1, 'S', 16])],
      opset: 17, producer: 'test', name: 'fused-attention',
    });
    const sum = structureSummary(findResidualStructure(model));
    expect(sum.sublayers).toEqual([['attn', 'cross_attn', 'mlp'], ['attn', 'cross_attn', 'mlp']]);
    expect(sum).toMatchObject({ norm: 'RMSNorm', normOp: 'SimplifiedLayerNormalization', layout: 'sequential' });
  });
});
