/**
 * The weights of an ONNX graph, keyed by module path (`transformer.h.0.attn.c_attn`), for the weight
 * batteries. A path comes from the consuming node's name (torch exports name nodes after the module
 * tree: `/transformer/h.0/attn/c_attn/Gemm`) or from the initializer's name
 * (`model.layers.0.self_attn.q_proj.weight`); torch's constant-folded names (`onnx::MatMul_872`)
 * carry none. Projections come back as `[out, in]` row-major whatever way the file stores them
 * (MatMul's `[in, out]`, Gemm with or without transB, DequantizeLinear, MatMulNBits), embedding
 * tables as `[vocab, d]`, norm gains as vectors.
 */
import { GraphIndex } from './graph-index';
import { toNum, type GraphProto, type ModelProto, type NodeProto, type TensorProto } from './proto';
import { tensorBytes, tensorDims, tensorToFloat32, TensorDataError } from './tensor-data';
import { transpose } from '../linalg/cpu/transpose';

export interface GraphWeight {
  /** module path, e.g. 'gpt_neox.layers.0.attention.query_key_value' */ path: string;
  /** 'matrix': a projection [out, in] or a table [rows, d]; 'vector': a norm gain [d] */ kind: 'matrix' | 'vector';
  rows: number;
  cols: number;
  /** how the file stores it (initializer, transposition, dequantization) */ source: string;
  /** the values, [rows, cols] row-major (vectors: [cols], rows = 1); decoded on demand */ read(): Float32Array;
}

/** `/transformer/h.0/attn/c_attn/Gemm` -> `transformer.h.0.attn.c_attn`; null for unstructured names. */
export function modulePathOfNode(name: string | null | undefined): string | null {
  if (!name || !name.startsWith('/')) return null;
  const parts = name.slice(1).split('/');
  if (parts.length < 2) return null;
  return parts.slice(0, -1).join('.');
}

/** `model.layers.0.mlp.up_proj.weight(_T)` -> `model.layers.0.mlp.up_proj`; null for `onnx::...` names. */
export function modulePathOfInitializer(name: string | null | undefined): string | null {
  if (!name || name.includes('::') || name.startsWith('/')) return null;
  // Optimum's merge_decoders renames shared initializers `<name>_merged_0`.
  const m = /^(.+)\.weight(?:_T)?(?:_merged_\d+)?$/.exec(name);
  return m ? m[1] : null;
}

function intAttr(n: NodeProto, name: string, fallback: number): number {
  const a = n.attribute?.find((x) => x.name === name);
  return a ? toNum(a.i) : fallback;
}

/** Every node of a graph and its If/Loop subgraphs, each with the index that resolves its names. */
function* allNodes(g: GraphIndex): Generator<{ node: NodeProto; index: GraphIndex }> {
  for (const node of g.graph.node ?? []) {
    yield { node, index: g };
    for (const a of node.attribute ?? []) {
      const subs: GraphProto[] = [...(a.g ? [a.g] : []), ...(a.graphs ?? [])];
      for (const sub of subs) yield* allNodes(new GraphIndex(sub, g));
    }
  }
}

function* allGraphs(g: GraphProto): Generator<GraphProto> {
  yield g;
  for (const n of g.node ?? []) for (const a of n.attribute ?? []) for (const sub of [...(a.g ? [a.g] : []), ...(a.graphs ?? [])]) yield* allGraphs(sub);
}

/** A constant weight behind `name`: its initializer and whether a Transpose([1,0]) sits in between. */
function constantBehind(index: GraphIndex, name: string): { init: TensorProto; transposed: boolean; dq?: NodeProto } | null {
  let cur = index.unwrap(name);
  let transposed = false;
  let dq: NodeProto | undefined;
  for (let step = 0; step < 4; step++) {
    const init = index.initializer(cur);
    if (init) return { init, transposed, dq };
    const p = index.producer.get(cur) ?? index.outer?.producer.get(cur);
    if (!p) return null;
    if (p.opType === 'Transpose') transposed = !transposed;
    else if (p.opType === 'DequantizeLinear') dq = p;
    else if (p.opType !== 'Cast') return null;
    cur = index.unwrap(p.input![0]);
  }
  return null;
}

/** DequantizeLinear(q, scale, zp, axis) of a 2-D weight: (q - zp) * scale, per tensor or along `axis`. */
function dequantize(index: GraphIndex, dq: NodeProto, q: Float32Array, dims: number[]): Float32Array {
  const scale = index.initializer(index.unwrap(dq.input![1]));
  if (!scale) throw new TensorDataError(`${dq.name}: the dequantization scale is not a constant`);
  const zpT = dq.input![2] ? index.initializer(index.unwrap(dq.input![2])) : undefined;
  const s = tensorToFloat32(scale);
  const zp = zpT ? tensorToFloat32(zpT) : new Float32Array(s.length);
  const axis = intAttr(dq, 'axis', 1);
  const [R, C] = dims;
  const out = new Float32Array(q.length);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const k = s.length === 1 ? 0 : axis === 0 ? r : c;
      out[r * C + c] = (q[r * C + c] - zp[k]) * s[k];
    }
  }
  return out;
}

/** MatMulNBits: B [N, blocks, blob] packed low nibble first, scales [N * blocks], zero points default 2^(bits-1). Returns [N, K]. */
function unpackNBits(index: GraphIndex, n: NodeProto): { rows: number; cols: number; read: () => Float32Array } | null {
  const K = intAttr(n, 'K', 0);
  const N = intAttr(n, 'N', 0);
  const bits = intAttr(n, 'bits', 4);
  const block = intAttr(n, 'block_size', 32);
  const B = index.initializer(index.unwrap(n.input![1]));
  const S = index.initializer(index.unwrap(n.input![2]));
  if (!B || !S || !K || !N || bits !== 4) return null;
  const zpT = n.input![3] ? index.initializer(index.unwrap(n.input![3])) : undefined;
  return {
    rows: N,
    cols: K,
    read: () => {
      const bytes = tensorBytes(B);
      if (!bytes) throw new TensorDataError(`${n.name}: packed weights are not raw data`);
      const scales = tensorToFloat32(S);
      const blocks = Math.ceil(K / block);
      const blob = block / 2;
      const zpBytes = zpT ? tensorBytes(zpT) : null;
      const out = new Float32Array(N * K);
      for (let r = 0; r < N; r++) {
        for (let b = 0; b < blocks; b++) {
          const zi = r * blocks + b;
          const zp = zpBytes ? (zi & 1 ? zpBytes[zi >> 1] >> 4 : zpBytes[zi >> 1] & 15) : 8;
          const sc = scales[zi];
          for (let i = 0; i < block && b * block + i < K; i++) {
            const byte = bytes[(r * blocks + b) * blob + (i >> 1)];
            const q = i & 1 ? byte >> 4 : byte & 15;
            out[r * K + b * block + i] = (q - zp) * sc;
          }
        }
      }
      return out;
    },
  };
}

/** The weight a matmul-like or Gather node reads, as [out, in] (or [rows, d] for a table). */
function weightOf(index: GraphIndex, n: NodeProto): Omit<GraphWeight, 'path'> | null {
  if (n.opType === 'MatMulNBits') {
    const u = unpackNBits(index, n);
    return u && { kind: 'matrix', rows: u.rows, cols: u.cols, source: `${n.input![1]} (MatMulNBits, 4-bit, dequantized)`, read: u.read };
  }
  const slot = n.opType === 'Gather' ? 0 : 1;
  if (!['MatMul', 'Gemm', 'Gather', 'MatMulInteger'].includes(n.opType!) || !n.input?.[slot]) return null;
  const c = constantBehind(index, n.input[slot]);
  if (!c) return null;
  const dims = tensorDims(c.init);
  if (dims.length !== 2) return null;
  const [R, C] = dims;
  const read = () => (c.dq ? dequantize(index, c.dq, tensorToFloat32(c.init), dims) : tensorToFloat32(c.init));
  const dqNote = c.dq ? ', DequantizeLinear' : '';
  if (n.opType === 'Gather') return { kind: 'matrix', rows: R, cols: C, source: `${c.init.name}${dqNote}`, read };
  // Stored [in, out] for MatMul and Gemm(transB=0); a Transpose in between or transB flips it.
  const storedOutIn = (n.opType === 'Gemm' && intAttr(n, 'transB', 0) === 1) !== c.transposed;
  if (storedOutIn) return { kind: 'matrix', rows: R, cols: C, source: `${c.init.name}${dqNote}`, read };
  return { kind: 'matrix', rows: C, cols: R, source: `${c.init.name} (stored [in, out], transposed${dqNote})`, read: () => transpose(read(), R, C) };
}

/**
 * Every weight of `model` reachable by a module path. `prefix` is prepended to every path (a T5
 * encoder file's paths start at `block.0`; the lab names them `encoder.block.0`).
 */
export function graphWeights(model: ModelProto, prefix = ''): Map<string, GraphWeight> {
  const out = new Map<string, GraphWeight>();
  const add = (path: string | null, w: Omit<GraphWeight, 'path'>) => {
    if (path && !out.has(prefix + path)) out.set(prefix + path, { path: prefix + path, ...w });
  };
  const root = new GraphIndex(model.graph!);
  for (const { node, index } of allNodes(root)) {
    const w = weightOf(index, node);
    if (!w) continue;
    add(modulePathOfNode(node.name), w);
    // torch names outputs after the node (`/model/layers.0/mlp/up_proj/MatMul_output_0`); quantizers that rename the node keep them.
    add(modulePathOfNode(node.output?.[0]), w);
    const c = node.input?.[node.opType === 'Gather' ? 0 : 1];
    if (c) add(modulePathOfInitializer(constantBehind(index, c)?.init.name), w);
  }
  // Norm gains named after their module, in the graph or its subgraphs (a merged decoder's branches).
  const inits = [...allGraphs(model.graph!)].flatMap((g) => g.initializer ?? []);
  for (const t of inits) {
    const path = modulePathOfInitializer(t.name);
    const dims = tensorDims(t);
    if (!path || dims.length !== 1) continue;
    add(path, { kind: 'vector', rows: 1, cols: dims[0], source: t.name!, read: () => tensorToFloat32(t) });
  }
  return out;
}
