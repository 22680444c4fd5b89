/** Producer/consumer index over one ONNX graph, for structural queries. */
import { toNum, type GraphProto, type NodeProto, type TensorProto } from './proto';

/** Ops that pass a value through unchanged in eval mode; structural walks look through them. */
export const PASS_THROUGH = new Set(['Identity', 'Dropout']);
/** A node that forwards its input's values: Identity, Dropout, or a Cast to float32 (HF norms upcast the stream). */
export function isPassThrough(n: NodeProto): boolean {
  if (PASS_THROUGH.has(n.opType!)) return true;
  return n.opType === 'Cast' && toNum(n.attribute?.find((a) => a.name === 'to')?.i) === 1;
}

/** Ops that keep every value of their data input and change only the shape (per-token norms are unchanged). */
export const VIEW_OPS = new Set(['Reshape', 'Squeeze', 'Unsqueeze', 'Flatten']);

/** Ops whose output does not carry their input's values (only its shape); value walks stop there. */
const SHAPE_ONLY = new Set(['Shape', 'Size', 'ConstantOfShape', 'EyeLike']);

/** Ops whose output is not a function of their inputs alone (random, control flow); never folded. */
const NOT_FOLDABLE = new Set(['RandomNormal', 'RandomNormalLike', 'RandomUniform', 'RandomUniformLike', 'Multinomial', 'Bernoulli', 'If', 'Loop', 'Scan']);

/** Producers, consumers and constants of one graph (optionally nested in an outer one), for structural queries. */
export class GraphIndex {
  readonly producer = new Map<string, NodeProto>();
  readonly consumers = new Map<string, NodeProto[]>();
  readonly initializers: Set<string>;
  readonly inputs: Set<string>;
  readonly outputs: string[];
  private readonly initializerByName = new Map<string, TensorProto>();
  private constants?: Set<string>;
  private order?: Map<NodeProto, number>;

  /**
   * @param outer the enclosing graph's index, for a subgraph (an If branch): names the subgraph does not
   *   define resolve there, so the outer graph's initializers count as constants inside the branch.
   */
  constructor(
    readonly graph: GraphProto,
    readonly outer?: GraphIndex,
  ) {
    for (const t of graph.initializer ?? []) this.initializerByName.set(t.name!, t);
    this.initializers = new Set(this.initializerByName.keys());
    this.inputs = new Set((graph.input ?? []).map((v) => v.name!).filter((n) => !this.initializers.has(n)));
    this.outputs = (graph.output ?? []).map((v) => v.name!);
    for (const node of graph.node ?? []) {
      for (const out of node.output ?? []) if (out) this.producer.set(out, node);
      for (const inp of node.input ?? []) {
        if (!inp) continue;
        const list = this.consumers.get(inp);
        if (list) list.push(node);
        else this.consumers.set(inp, [node]);
      }
    }
  }

  /** The initializer named `name`, here or in an enclosing graph. */
  initializer(name: string): TensorProto | undefined {
    const own = this.initializerByName.get(name);
    if (own || this.producer.has(name) || this.inputs.has(name)) return own;
    return this.outer?.initializer(name);
  }

  /**
   * True when the tensor is a constant: an initializer, a Constant node's output, or the output of a
   * node whose inputs are all constant (constant folding: Identity aliases, Transpose of a weight,
   * DequantizeLinear of a quantized weight).
   */
  isConstant(name: string): boolean {
    this.constants ??= this.foldConstants();
    return this.constants.has(name);
  }

  /** Forward propagation from the constant sources (iterative: graphs are thousands of nodes deep). */
  private foldConstants(): Set<string> {
    const constants = new Set(this.initializers);
    const queue: string[] = [...constants];
    const missing = new Map<NodeProto, number>();
    const mark = (t: string) => {
      if (t && !constants.has(t)) {
        constants.add(t);
        queue.push(t);
      }
    };
    for (const n of this.graph.node ?? []) {
      const ins = new Set((n.input ?? []).filter((i) => i));
      if (n.opType === 'Constant') n.output?.forEach(mark);
      else if (ins.size > 0 && !NOT_FOLDABLE.has(n.opType!)) missing.set(n, ins.size);
      // A name this graph neither produces nor declares comes from the enclosing graph.
      for (const i of ins) if (!this.producer.has(i) && !this.inputs.has(i) && this.outer?.isConstant(i)) mark(i);
    }
    while (queue.length) {
      const t = queue.pop()!;
      for (const n of new Set(this.consumers.get(t) ?? [])) {
        const left = missing.get(n);
        if (left === undefined) continue;
        missing.set(n, left - 1);
        if (left === 1) n.output?.forEach(mark);
      }
    }
    return constants;
  }

  /** Number of elements of a constant tensor, or undefined when the tensor is not a known constant. */
  constantSize(name: string): number | undefined {
    const init = this.initializer(name);
    if (init) return (init.dims ?? []).reduce<number>((a, d) => a * toNum(d), 1);
    const p = this.producer.get(name);
    if (p?.opType === 'Constant') {
      const t = p.attribute?.find((a) => a.name === 'value')?.t;
      if (t) return (t.dims ?? []).reduce<number>((a, d) => a * toNum(d), 1);
      if (p.attribute?.some((a) => a.name === 'value_float' || a.name === 'value_int')) return 1;
    }
    if (p && (PASS_THROUGH.has(p.opType!) || p.opType === 'Cast')) return this.constantSize(p.input![0]);
    return undefined;
  }

  /** Follow pass-through ops back to the tensor that really carries the value. */
  unwrap(name: string): string {
    let cur = name;
    for (let p = this.producer.get(cur); p && isPassThrough(p); p = this.producer.get(cur)) cur = p.input![0];
    return cur;
  }

  /** Follow pass-through and view ops (Reshape, Squeeze, ...) back: same values, maybe another shape. */
  unwrapView(name: string): string {
    let cur = name;
    for (let p = this.producer.get(cur); p && (isPassThrough(p) || VIEW_OPS.has(p.opType!)); p = this.producer.get(cur)) cur = p.input![0];
    return cur;
  }

  /**
   * Walk value ancestors of `from` (excluding walks through shape-only ops), not expanding past `stop`.
   * Calls `visit` on every node reached; returns true if `target` is reached.
   */
  walkBack(from: string, opts: { stop?: Set<string>; target?: string; visit?: (n: NodeProto) => void }): boolean {
    const seen = new Set<string>();
    const stack = [from];
    let found = false;
    while (stack.length) {
      const t = stack.pop()!;
      if (seen.has(t)) continue;
      seen.add(t);
      if (t === opts.target) {
        found = true;
        if (!opts.visit) return true;
        continue;
      }
      if (opts.stop?.has(t)) continue;
      const p = this.producer.get(t);
      if (!p || SHAPE_ONLY.has(p.opType!)) continue;
      opts.visit?.(p);
      for (const i of p.input ?? []) if (i) stack.push(i);
    }
    return found;
  }

  /**
   * Does the value of tensor `a` flow into tensor `b`? Tensors produced before `a`'s producer in
   * topological order cannot depend on it, so the walk skips them: the search stays between a and b
   * instead of covering every earlier layer.
   */
  dependsOn(b: string, a: string): boolean {
    const pa = this.producer.get(a);
    if (!pa) return this.walkBack(b, { target: a });
    const order = (this.order ??= this.topologicalOrder());
    const floor = order.get(pa)!;
    const seen = new Set<string>();
    const stack = [b];
    while (stack.length) {
      const t = stack.pop()!;
      if (t === a) return true;
      if (seen.has(t)) continue;
      seen.add(t);
      const p = this.producer.get(t);
      if (!p || SHAPE_ONLY.has(p.opType!) || order.get(p)! < floor) continue;
      for (const i of p.input ?? []) if (i) stack.push(i);
    }
    return false;
  }

  /** Position of every node in a topological order (iterative depth-first; node lists need not be sorted). */
  private topologicalOrder(): Map<NodeProto, number> {
    const order = new Map<NodeProto, number>();
    const onStack = new Set<NodeProto>();
    for (const root of this.graph.node ?? []) {
      const stack = [root];
      while (stack.length) {
        const n = stack[stack.length - 1];
        if (order.has(n)) {
          stack.pop();
          continue;
        }
        onStack.add(n);
        const pending = (n.input ?? []).map((i) => this.producer.get(i)).filter((p): p is NodeProto => !!p && !order.has(p) && !onStack.has(p));
        if (pending.length) stack.push(...pending);
        else {
          order.set(n, order.size);
          onStack.delete(n);
          stack.pop();
        }
      }
    }
    return order;
  }
}
