/**
 * Topological order for rewritten node lists: onnxruntime re-sorts a main graph but requires the
 * nodes of a subgraph (an If branch) to be sorted already.
 */
import type { NodeProto } from '../proto';

/** Nodes ordered so each comes after the producers of its inputs; otherwise keeps the given order. */
export function topoSort(nodes: readonly NodeProto[]): NodeProto[] {
  const producer = new Map<string, NodeProto>();
  for (const n of nodes) for (const o of n.output ?? []) if (o) producer.set(o, n);
  const done = new Set<NodeProto>();
  const onStack = new Set<NodeProto>();
  const out: NodeProto[] = [];
  // Iterative depth-first post-order: a node is emitted once all its producers are.
  for (const root of nodes) {
    const stack: NodeProto[] = [root];
    while (stack.length) {
      const n = stack[stack.length - 1];
      if (done.has(n)) {
        stack.pop();
        continue;
      }
      onStack.add(n);
      const pending = (n.input ?? []).map((i) => producer.get(i)).filter((p): p is NodeProto => !!p && !done.has(p) && !onStack.has(p));
      if (pending.length) stack.push(...pending);
      else {
        done.add(n);
        onStack.delete(n);
        out.push(n);
        stack.pop();
      }
    }
  }
  return out;
}
