/**
 * Fused residual norms (onnxruntime's transformer optimizer): SkipLayerNormalization and
 * SkipSimplifiedLayerNormalization compute `sum = input + skip (+ bias)` and `output = norm(sum)` in one
 * node, so the residual Add the structure walk looks for is hidden inside them.
 *
 * The walk runs on a *view* of the graph where each such node is split into a virtual `Add` (the
 * residual sum, the node's optional output 3) and a virtual norm. The residual rules then apply
 * unchanged. When the fused node does not output the sum, the view gives it a name, and
 * `materializeSums` adds that output to the real node when a tap asks for it.
 */
import { onnx, type GraphProto, type NodeProto } from './proto';

/** Fused op -> the plain norm op it applies after the residual sum. */
const SKIP_NORMS: Record<string, string> = {
  SkipLayerNormalization: 'LayerNormalization',
  SkipSimplifiedLayerNormalization: 'SimplifiedLayerNormalization',
};

/** Index of the `input_skip_bias_sum` output of a Skip*Normalization node. */
const SUM_OUTPUT = 3;

/** A residual sum the fused node computes but does not output: tapping it means naming output 3. */
export interface HiddenSum {
  /** the name the structure uses for the sum */ tensor: string;
  /** output 0 of the fused node, which identifies the node */ node: string;
}

/** The graph as the structure walk sees it, and what it takes to tap it for real. */
export interface FusedView {
  /** the graph with every Skip*Normalization split into Add + norm; for structure walks only */
  graph: GraphProto;
  /** sums that exist only in the view */
  hidden: HiddenSum[];
  /** virtual norm node -> the fused op it stands for */
  origin: Map<NodeProto, string>;
}

/** Is `n` a fused residual-add + norm node? */
export function isSkipNorm(n: NodeProto): boolean {
  return n.opType! in SKIP_NORMS;
}

/** The name given to a fused node's residual sum when the node does not output it. */
export function hiddenSumName(output0: string): string {
  return `${output0}/input_skip_bias_sum`;
}

/** Split every Skip*Normalization node into a virtual Add and a virtual norm (see module doc). */
export function expandFusedNorms(graph: GraphProto): FusedView {
  const nodes = graph.node ?? [];
  if (!nodes.some(isSkipNorm)) return { graph, hidden: [], origin: new Map() };
  const hidden: HiddenSum[] = [];
  const origin = new Map<NodeProto, string>();
  const out: NodeProto[] = [];
  for (const n of nodes) {
    if (!isSkipNorm(n)) {
      out.push(n);
      continue;
    }
    const [input, skip, gamma, ...rest] = n.input ?? [];
    const y = n.output![0];
    let sum = n.output![SUM_OUTPUT];
    if (!sum) {
      sum = hiddenSumName(y);
      hidden.push({ tensor: sum, node: y });
    }
    // The bias (a constant added with the branch) does not change which input is the stream.
    out.push({ opType: 'Add', name: `${n.name || y}/residual_sum`, input: [input, skip], output: [sum] });
    const beta = n.opType === 'SkipLayerNormalization' ? rest[0] : undefined;
    const norm: NodeProto = {
      opType: SKIP_NORMS[n.opType!],
      name: `${n.name || y}/norm`,
      input: beta ? [sum, gamma, beta] : [sum, gamma],
      output: n.output!.slice(0, SUM_OUTPUT),
      attribute: n.attribute,
    };
    origin.set(norm, n.opType!);
    out.push(norm);
  }
  return { graph: onnx.GraphProto.create({ ...graph, node: out }), hidden, origin };
}

/**
 * Nodes of `graph` with output 3 named on the fused nodes whose hidden sum is in `wanted`
 * (copies of those nodes; the others are shared). Returns the original array when nothing changes.
 */
export function materializeSums(nodes: NodeProto[], hidden: readonly HiddenSum[], wanted: ReadonlySet<string>): NodeProto[] {
  const byNode = new Map(hidden.filter((h) => wanted.has(h.tensor)).map((h) => [h.node, h.tensor]));
  if (byNode.size === 0) return nodes;
  return nodes.map((n) => {
    const sum = isSkipNorm(n) ? byNode.get(n.output![0]) : undefined;
    if (!sum) return n;
    // Optional outputs 1 and 2 (mean, inv_std_var) stay unnamed: '' means "not produced".
    const output = [...n.output!];
    while (output.length < SUM_OUTPUT) output.push('');
    output[SUM_OUTPUT] = sum;
    return { ...n, output };
  });
}
