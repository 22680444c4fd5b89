/** Producer/consumer index over one ONNX graph, for structural queries. */
import { toNum, type GraphProto, type NodeProto } from './proto';

/** Ops that pass a value through unchanged in eval mode; structural walks look through them. */
export const PASS_THROUGH = new Set(['Identity', 'Dropout']);
/** A node that forwards its input's values: Identity, Dropout, or a Cast to float32 (HF norms upcast the stream). */
export function isPassThrough(n: NodeProto): boolean {
  if (PASS_THROUGH.has(n.opType!)) return true;
  return n.opType === 'Cast' && toNum(n.attribute?.find((a) => a.name === 'to')?.i) === 1;
}

/** Ops whose output does not carry their input's values (only its shape); value walks stop there. */
const SHAPE_ONLY = new Set(['Shape', 'Size', 'ConstantOfShape', 'EyeLike']);

export class GraphIndex {
  readonly producer = new Map<string, NodeProto>();
  readonly consumers = new Map<string, NodeProto[]>();
  readonly initializers: Set<string>;
  readonly inputs: Set<string>;
  readonly outputs: string[];

  constructor(readonly graph: GraphProto) {
    this.initializers = new Set((graph.initializer ?? []).map((t) => t.name!));
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

  /** True when the tensor is a constant: an initializer or the output of a Constant node (or a pass-through of one). */
  isConstant(name: string): boolean {
    if (this.initializers.has(name)) return true;
    const p = this.producer.get(name);
    if (!p) return false;
    if (p.opType === 'Constant') return true;
    return PASS_THROUGH.has(p.opType!) || p.opType === 'Transpose' || p.opType === 'Cast'
      ? (p.input ?? []).length > 0 && (p.input ?? []).every((i) => !i || this.isConstant(i))
      : false;
  }

  /** Number of elements of a constant tensor, or undefined when the tensor is not a known constant. */
  constantSize(name: string): number | undefined {
    const init = (this.graph.initializer ?? []).find((t) => t.name === name);
    if (init) return (init.dims ?? []).reduce<number>((a, d) => a * Number(d), 1);
    const p = this.producer.get(name);
    if (p?.opType === 'Constant') {
      const t = p.attribute?.find((a) => a.name === 'value')?.t;
      if (t) return (t.dims ?? []).reduce<number>((a, d) => a * Number(d), 1);
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

  /** Does the value of tensor `a` flow into tensor `b`? */
  dependsOn(b: string, a: string): boolean {
    return this.walkBack(b, { target: a });
  }
}
