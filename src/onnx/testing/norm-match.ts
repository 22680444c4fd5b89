/**
 * Finding norms in exported graphs by their op pattern, for the test rewriters (fuse.ts):
 * LayerNormalization nodes, decomposed LayerNorm (opset < 17) and decomposed RMSNorm (HF Llama, T5).
 */
import { GraphIndex } from '../graph-index';
import { DataType, toNum, type NodeProto, type TensorProto } from '../proto';

/** A norm found in a graph, with what a single norm op needs to replace it. */
export interface NormMatch {
  kind: 'layer' | 'rms';
  /** the norm's input, the residual stream (before any upcast): [batch, pos, d_model] */ x: string;
  /** the norm's output: [batch, pos, d_model] */ out: string;
  /** [d_model] */ gamma: string;
  /** [d_model], LayerNorm only */ beta?: string;
  epsilon: number;
  /** the nodes computing the norm, replaced by one op */ nodes: NodeProto[];
  /** a float->float Cast of x inside the norm whose output is also used outside it (HF's upcast alias) */ alias?: string;
}

function floatOf(t: TensorProto): number | undefined {
  if (t.dataType !== DataType.FLOAT) return undefined;
  if (t.floatData?.length) return t.floatData[0];
  const raw = t.rawData;
  return raw && raw.length >= 4 ? new DataView(raw.buffer, raw.byteOffset, raw.byteLength).getFloat32(0, true) : undefined;
}

/** The value of a scalar float constant (an initializer or a Constant node), if it is one. */
export function scalarValue(g: GraphIndex, name: string): number | undefined {
  const init = g.initializer(name);
  if (init) return floatOf(init);
  const p = g.producer.get(name);
  if (p?.opType !== 'Constant') return undefined;
  const a = p.attribute?.find((x) => x.name === 'value' || x.name === 'value_float');
  return a?.t ? floatOf(a.t) : a ? a.f ?? undefined : undefined;
}

/** The single consumer of `t` with op `op` (and, optionally, `t` at input position `at`). */
function consumer(g: GraphIndex, t: string, op: string, at?: number): NodeProto | undefined {
  const list = (g.consumers.get(t) ?? []).filter((n) => n.opType === op && (at === undefined || n.input![at] === t));
  return list.length === 1 ? list[0] : undefined;
}

/** For a binary op with `t` as one input, the other input. */
function other(n: NodeProto, t: string): string {
  return n.input![0] === t ? n.input![1] : n.input![0];
}

/** Mul/Add of `t` with a constant (either order): the constant's name. */
function constOperand(g: GraphIndex, n: NodeProto | undefined, t: string): string | undefined {
  if (!n) return undefined;
  const c = other(n, t);
  return g.isConstant(c) ? c : undefined;
}

function isFloatCast(n: NodeProto | undefined): boolean {
  return n?.opType === 'Cast' && toNum(n.attribute?.find((a) => a.name === 'to')?.i) === DataType.FLOAT;
}

/** LayerNormalization node (opset 17). */
function matchLayerNormOp(g: GraphIndex, n: NodeProto): NormMatch {
  const eps = n.attribute?.find((a) => a.name === 'epsilon')?.f ?? 1e-5;
  return { kind: 'layer', x: n.input![0], out: n.output![0], gamma: n.input![1], beta: n.input![2] || undefined, epsilon: eps, nodes: [n] };
}

/** ReduceMean(x) -> Sub(x, mean) -> Pow(., 2) -> ReduceMean -> Add(eps) -> Sqrt -> Div(d, .) -> Mul(gamma) -> Add(beta). */
function matchDecomposedLayerNorm(g: GraphIndex, mean: NodeProto): NormMatch | undefined {
  const x = mean.input![0];
  const sub = consumer(g, mean.output![0], 'Sub', 1);
  if (!sub || sub.input![0] !== x) return undefined;
  const d = sub.output![0];
  const pow = consumer(g, d, 'Pow');
  const mean2 = pow && consumer(g, pow.output![0], 'ReduceMean');
  const add = mean2 && consumer(g, mean2.output![0], 'Add');
  const sqrt = add && consumer(g, add.output![0], 'Sqrt');
  const div = sqrt && consumer(g, sqrt.output![0], 'Div', 1);
  if (!div || div.input![0] !== d) return undefined;
  const mul = consumer(g, div.output![0], 'Mul');
  const gamma = constOperand(g, mul, div.output![0]);
  const addB = mul && consumer(g, mul.output![0], 'Add');
  const beta = constOperand(g, addB, mul?.output![0] ?? '');
  const epsilon = add && scalarValue(g, other(add, mean2!.output![0]));
  if (!gamma || !beta || epsilon === undefined) return undefined;
  return { kind: 'layer', x, out: addB!.output![0], gamma, beta, epsilon, nodes: [mean, sub, pow!, mean2!, add!, sqrt!, div, mul!, addB!] };
}

/** [Cast(x)] -> Pow(., 2) -> ReduceMean -> Add(eps) -> Sqrt -> Div(1, .) -> Mul(c, .) -> [Cast] -> Mul(gamma, .). */
function matchDecomposedRmsNorm(g: GraphIndex, pow: NodeProto): NormMatch | undefined {
  if (scalarValue(g, pow.input![1]) !== 2) return undefined;
  const c = pow.input![0];
  const cast = g.producer.get(c);
  const x = isFloatCast(cast) ? cast!.input![0] : c;
  const mean = consumer(g, pow.output![0], 'ReduceMean');
  const add = mean && consumer(g, mean.output![0], 'Add');
  const sqrt = add && consumer(g, add.output![0], 'Sqrt');
  const div = sqrt && consumer(g, sqrt.output![0], 'Div', 1);
  if (!div || scalarValue(g, div.input![0]) !== 1) return undefined;
  const mul = consumer(g, div.output![0], 'Mul');
  if (!mul || other(mul, div.output![0]) !== c) return undefined;
  const cast2 = consumer(g, mul.output![0], 'Cast');
  const scaled = isFloatCast(cast2) ? cast2!.output![0] : mul.output![0];
  const mulW = consumer(g, scaled, 'Mul');
  const gamma = constOperand(g, mulW, scaled);
  const epsilon = scalarValue(g, other(add!, mean!.output![0]));
  if (!gamma || epsilon === undefined) return undefined;
  const nodes = [pow, mean!, add!, sqrt!, div, mul, ...(isFloatCast(cast2) ? [cast2!] : []), mulW!];
  if (c === x) return { kind: 'rms', x, out: mulW!.output![0], gamma, epsilon, nodes };
  return { kind: 'rms', x, out: mulW!.output![0], gamma, epsilon, nodes: [cast!, ...nodes], alias: c };
}

/** Every norm in the graph, in graph order of their output nodes. */
export function findNorms(g: GraphIndex): NormMatch[] {
  const found: NormMatch[] = [];
  for (const n of g.graph.node ?? []) {
    const m =
      n.opType === 'LayerNormalization' ? matchLayerNormOp(g, n)
      : n.opType === 'ReduceMean' ? matchDecomposedLayerNorm(g, n)
      : n.opType === 'Pow' ? matchDecomposedRmsNorm(g, n)
      : undefined;
    if (m) found.push(m);
  }
  return found;
}
