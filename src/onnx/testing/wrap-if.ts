/**
 * Test helper: wrap a whole graph into one If node on a new bool input, the shape of Optimum's
 * legacy merged decoders (decoder_model_merged.onnx): both branches compute the original graph,
 * the initializers stay at the outer level (shared by both branches, as merge_decoders does).
 */
import { onnx, DataType, type GraphProto, type ModelProto, type NodeProto } from '../proto';
import { valueInfo } from '../builder';

/** How wrapInIf names things. */
export interface WrapIfOptions {
  /** name of the new bool [1] input (default "use_cache_branch") */ condition?: string;
  /**
   * Prefix every tensor computed inside the then branch (default ''), so the branches' tap tensors
   * have different names and the surgery must map each branch on its own.
   */
  thenPrefix?: string;
}

/** One branch: the original nodes (tensors renamed when a prefix is given), outputs in the original order. */
function branch(graph: GraphProto, name: string, prefix: string): GraphProto {
  const local = new Set((graph.node ?? []).flatMap((n) => n.output ?? []).filter((t) => t));
  const rn = (t: string) => (prefix && local.has(t) ? `${prefix}${t}` : t);
  const node: NodeProto[] = (graph.node ?? []).map((n) => ({ ...n, name: n.name ? rn(n.name) : n.name, input: n.input!.map(rn), output: n.output!.map(rn) }));
  const output = (graph.output ?? []).map((o) => ({ ...o, name: rn(o.name!) }));
  return onnx.GraphProto.create({ name, node, output });
}

/** Wrap `model`'s graph into an If (see module doc). The input model is not modified. */
export function wrapInIf(model: ModelProto, opts: WrapIfOptions = {}): ModelProto {
  const graph = model.graph!;
  const cond = opts.condition ?? 'use_cache_branch';
  const T = onnx.AttributeProto.AttributeType;
  const ifNode: NodeProto = {
    opType: 'If',
    name: 'wrap::if',
    input: [cond],
    output: (graph.output ?? []).map((o) => o.name!),
    attribute: [
      { name: 'then_branch', type: T.GRAPH, g: branch(graph, 'then', opts.thenPrefix ?? '') },
      { name: 'else_branch', type: T.GRAPH, g: branch(graph, 'else', '') },
    ],
  };
  const outer = onnx.GraphProto.create({
    name: graph.name,
    node: [ifNode],
    initializer: graph.initializer,
    input: [...(graph.input ?? []), valueInfo(cond, DataType.BOOL, [1])],
    output: graph.output,
  });
  return onnx.ModelProto.create({ ...model, graph: outer });
}
