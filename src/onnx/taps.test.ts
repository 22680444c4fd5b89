import { describe, it, expect } from 'vitest';
import { readLlama2cCheckpoint } from '../model/llama2c/checkpoint';
import { llama2cToOnnx } from '../model/llama2c/toOnnx';
import { findResidualStructure, addTaps, tapTensors, SurgeryError } from './taps';
import { decodeModel, encodeModel, withOutputs, onnx } from './proto';
import { readBytes, STORIES_CKPT } from '../testing/shared';
import { gainHooks, residMid, hookLogits } from '../model/hooks';

const { config, weights } = readLlama2cCheckpoint(readBytes(STORIES_CKPT));
const graph = llama2cToOnnx(config, weights);

describe('tap surgery by structure (llama2.c graph)', () => {
  it('finds five sequential attention+MLP blocks, the embedding and the final norm', () => {
    const s = findResidualStructure(graph);
    expect(s.layout).toBe('sequential');
    expect(s.blocks).toHaveLength(5);
    for (const b of s.blocks) expect(b.sublayers.map((x) => x.kind)).toEqual(['attn', 'mlp']);
    // Consecutive blocks share their boundary tensor: resid_post(i) = resid_pre(i+1).
    for (let i = 0; i + 1 < s.blocks.length; i++) expect(s.blocks[i].residPost).toBe(s.blocks[i + 1].residPre);
    expect(s.embed).toBe(s.blocks[0].residPre);
    expect(s.logits).toBe('logits');
  });

  it('does not depend on node or tensor names', () => {
    // Rename every node and intermediate tensor to opaque ids; the structure must be found the same.
    const g = onnx.ModelProto.decode(encodeModel(graph));
    const rename = new Map<string, string>();
    const keep = new Set(['input_ids', 'logits', ...g.graph!.initializer!.map((t) => t.name!)]);
    const nameOf = (t: string) => (keep.has(t) || !t ? t : rename.get(t) ?? (rename.set(t, `t${rename.size}`), `t${rename.size - 1}`));
    g.graph!.node!.forEach((n, i) => {
      n.name = `n${i}`;
      n.input = n.input!.map(nameOf);
      n.output = n.output!.map(nameOf);
    });
    const a = tapTensors(findResidualStructure(graph));
    const b = tapTensors(findResidualStructure(g));
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [h, t] of a) expect(b.get(h)).toBe(nameOf(t));
  });

  it('adds only the taps asked for', () => {
    const s = findResidualStructure(graph);
    const { model, outputs } = addTaps(graph, s, [residMid(3), hookLogits]);
    expect(model.graph!.output!.map((o) => o.name)).toEqual(['logits', s.blocks[3].residMid]);
    expect(outputs.get(residMid(3))).toBe(s.blocks[3].residMid);
    expect(graph.graph!.output).toHaveLength(1); // the original is untouched
    const all = addTaps(graph, s, gainHooks(5)).model.graph!.output!;
    expect(all).toHaveLength(1 + 6 + 1);
  });

  it('explains what it looked for when the structure is missing', () => {
    const headless = withOutputs(graph, [{ name: graph.graph!.node![0].output![0] }]);
    expect(() => findResidualStructure(headless)).toThrow(SurgeryError);
    expect(() => findResidualStructure(headless)).toThrow(/looked for the LM head/);
    expect(() => addTaps(graph, findResidualStructure(graph), ['blocks.9.hook_resid_pre'])).toThrow(/no tap point 'blocks\.9\.hook_resid_pre'/);
  });

  it('round-trips through protobuf encoding', () => {
    const again = decodeModel(encodeModel(graph));
    expect(tapTensors(findResidualStructure(again))).toEqual(tapTensors(findResidualStructure(graph)));
    expect(() => decodeModel(new TextEncoder().encode('not an onnx file'), 'model.onnx')).toThrow(/model\.onnx is not an ONNX model/);
  });
});
