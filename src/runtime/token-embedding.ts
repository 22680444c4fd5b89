/** The static token embedding of a prepared model, found by structure (the geometric target and the field CV check read it). */
import type { NodeProto } from '../onnx/proto';
import type { PreparedModel } from '../model/prepared';
import { tensorDims, tensorToFloat32 } from '../onnx/tensor-data';
import { InputError } from './engine';

/** Ops that pass token ids through with only their shape or type changed (PyTorch exports reshape them). */
const ID_SHAPE_OPS = new Set(['Reshape', 'Unsqueeze', 'Squeeze', 'Flatten', 'Cast', 'Identity']);

/**
 * The static token embedding [vocab, d_emb]: the 2-D initializer a Gather indexes with `input_ids`, or
 * with input_ids only reshaped (GPT-2 exports), also inside If branches, read as float32.
 */
export function tokenEmbedding(m: PreparedModel): { data: Float32Array; vocab: number; dEmb: number; name: string } {
  const inits = new Map((m.graph.graph!.initializer ?? []).map((t) => [t.name!, t]));
  const ids = new Set(['input_ids']);
  const visit = (nodes: readonly NodeProto[]): string | null => {
    for (const n of nodes) {
      if (ID_SHAPE_OPS.has(n.opType ?? '') && ids.has(n.input?.[0] ?? '')) ids.add(n.output![0]);
      if (n.opType === 'Gather' && ids.has(n.input?.[1] ?? '') && inits.has(n.input![0]) && tensorDims(inits.get(n.input![0])!).length === 2) return n.input![0];
      for (const a of n.attribute ?? []) {
        const found = a.g ? visit(a.g.node ?? []) : null;
        if (found) return found;
      }
    }
    return null;
  };
  const name = visit(m.graph.graph!.node ?? []);
  if (!name) throw new InputError('no static token embedding found (a Gather of an initializer by input_ids): the geometric target needs one');
  const t = inits.get(name)!;
  const [vocab, dEmb] = tensorDims(t);
  return { data: tensorToFloat32(t), vocab, dEmb, name };
}
