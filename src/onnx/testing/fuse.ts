/**
 * Test helper: write the fused forms onnxruntime's transformer optimizer produces, by rewriting an
 * exported graph (no optimizer runs here):
 * - every norm becomes one op: `LayerNormalization` (epsilon, axis -1) or, for RMSNorm,
 *   `SimplifiedLayerNormalization` (onnxruntime registers both in the default domain at any opset);
 * - with `skip`, a residual Add feeding a norm joins it as `SkipLayerNormalization` /
 *   `SkipSimplifiedLayerNormalization` (com.microsoft). Like the optimizer, output 3 (the sum) is
 *   named only when something else reads it, so the final norm's sum is absent; a constant bias on
 *   the branch becomes the fused node's bias input.
 */
import { GraphIndex } from '../graph-index';
import { onnx, type AttributeProto, type ModelProto, type NodeProto } from '../proto';
import { findNorms, type NormMatch } from './norm-match';
import { topoSort } from './toposort';

/** What fuseNorms writes. */
export interface FuseOptions {
  /** fuse residual Adds into Skip* norms (default true) */ skip?: boolean;
}

/** The rewritten model and what was written. */
export interface FuseResult {
  model: ModelProto;
  /** number of nodes written per fused op type */ counts: Record<string, number>;
}

const MS_DOMAIN = 'com.microsoft';

function attrs(epsilon: number): AttributeProto[] {
  const T = onnx.AttributeProto.AttributeType;
  return [
    { name: 'axis', type: T.INT, i: -1 },
    { name: 'epsilon', type: T.FLOAT, f: epsilon },
  ];
}

/** The residual Add a norm could absorb: x = Add(a, b) of two activations, not absorbed already. */
function residualAddOf(g: GraphIndex, m: NormMatch, used: Set<NodeProto>): NodeProto | undefined {
  const add = g.producer.get(m.x);
  if (!add || add.opType !== 'Add' || used.has(add)) return undefined;
  const [a, b] = add.input!;
  return g.isConstant(a) || g.isConstant(b) ? undefined : add;
}

/** If `t` is Add(z, bias) with a constant [d_model] bias read only by the residual Add: [z, bias]. */
function splitBias(g: GraphIndex, t: string, dModel: number | undefined): [string, string] | undefined {
  const p = g.producer.get(t);
  if (p?.opType !== 'Add' || (g.consumers.get(t) ?? []).length !== 1) return undefined;
  const [a, b] = p.input!;
  const [z, bias] = g.isConstant(a) ? [b, a] : g.isConstant(b) ? [a, b] : [];
  return z && bias && g.constantSize(bias) === dModel ? [z, bias] : undefined;
}

/** Rewrite the norms of `model` (see module doc). The input model is not modified. */
export function fuseNorms(model: ModelProto, opts: FuseOptions = {}): FuseResult {
  const skip = opts.skip ?? true;
  const graph = model.graph!;
  const g = new GraphIndex(graph);
  const norms = findNorms(g);
  const remove = new Set<NodeProto>();
  const replace = new Map<NodeProto, NodeProto>(); // a norm's output node -> its fused node
  const rename = new Map<string, string>(); // alias -> x for consumers outside the norm
  const absorbed = new Set<NodeProto>();
  const counts: Record<string, number> = {};
  const graphOutputs = new Set((graph.output ?? []).map((o) => o.name!));

  for (const m of norms) {
    for (const n of m.nodes) remove.add(n);
    if (m.alias) rename.set(m.alias, m.x);
    const add = skip ? residualAddOf(g, m, absorbed) : undefined;
    let node: NodeProto;
    if (add) {
      absorbed.add(add);
      remove.add(add);
      let [input, skipIn] = add.input!;
      const dModel = g.constantSize(m.gamma);
      let bias = '';
      for (const side of [0, 1] as const) {
        const split = bias ? undefined : splitBias(g, side === 0 ? input : skipIn, dModel);
        if (!split) continue;
        remove.add(g.producer.get(side === 0 ? input : skipIn)!);
        if (side === 0) input = split[0];
        else skipIn = split[0];
        bias = split[1];
      }
      // The sum is an output only when read outside this norm (by the next residual Add, another norm, the graph).
      const normNodes = new Set(m.nodes);
      const readers = [...(g.consumers.get(m.x) ?? []), ...(m.alias ? g.consumers.get(m.alias) ?? [] : [])].filter((n) => !normNodes.has(n));
      const sumUsed = readers.length > 0 || graphOutputs.has(m.x);
      const opType = m.kind === 'layer' ? 'SkipLayerNormalization' : 'SkipSimplifiedLayerNormalization';
      const input_ = m.kind === 'layer' ? [input, skipIn, m.gamma, m.beta ?? '', bias] : [input, skipIn, m.gamma, bias];
      while (input_[input_.length - 1] === '') input_.pop();
      node = {
        opType,
        domain: MS_DOMAIN,
        name: `${add.name ?? m.x}/${opType}`,
        input: input_,
        output: sumUsed ? [m.out, '', '', m.x] : [m.out],
        attribute: attrs(m.epsilon).filter((a) => a.name === 'epsilon'),
      };
    } else {
      const opType = m.kind === 'layer' ? 'LayerNormalization' : 'SimplifiedLayerNormalization';
      node = { opType, name: `${m.out}/${opType}`, input: m.kind === 'layer' ? [m.x, m.gamma, m.beta!] : [m.x, m.gamma], output: [m.out], attribute: attrs(m.epsilon) };
    }
    counts[node.opType!] = (counts[node.opType!] ?? 0) + 1;
    replace.set(m.nodes[m.nodes.length - 1], node);
  }

  const nodes: NodeProto[] = [];
  for (const n of graph.node ?? []) {
    const kept = replace.get(n) ?? (remove.has(n) ? undefined : n);
    if (kept) nodes.push(kept.input!.some((i) => rename.has(i)) ? { ...kept, input: kept.input!.map((i) => rename.get(i) ?? i) } : kept);
  }
  const opsetImport = [...(model.opsetImport ?? [])];
  if (!opsetImport.some((o) => o.domain === MS_DOMAIN)) opsetImport.push({ domain: MS_DOMAIN, version: 1 });
  const out = onnx.ModelProto.create({ ...model, opsetImport, graph: onnx.GraphProto.create({ ...graph, node: topoSort(deadCodeEliminated(nodes, graphOutputs)) }) });
  return { model: out, counts };
}

/** Drop nodes none of whose outputs is read (the norms' leftover Constant nodes). */
function deadCodeEliminated(nodes: NodeProto[], graphOutputs: Set<string>): NodeProto[] {
  let cur = nodes;
  for (;;) {
    const read = new Set([...graphOutputs, ...cur.flatMap((n) => n.input ?? [])]);
    const next = cur.filter((n) => (n.output ?? []).some((o) => o && read.has(o)) || n.attribute?.some((a) => a.g || a.graphs?.length));
    if (next.length === cur.length) return next;
    cur = next;
  }
}
