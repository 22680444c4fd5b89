/**
 * Test helper: rewrite every MatMul with a float [K, N] initializer weight (projections and the LM
 * head) into a quantized form onnxruntime's tools produce, keeping the MatMul's output name:
 * - 'qdq':     MatMul(x, DequantizeLinear(W_int8, scale[N], zp[N], axis=1))   (static / QDQ weights)
 * - 'dynamic': DynamicQuantizeLinear(x) -> MatMulInteger -> Cast -> Mul(x_scale * w_scale)   (quantize_dynamic)
 * - 'nbits':   MatMulNBits(x, B_uint4, scales) with 16-wide blocks, com.microsoft   (4-bit weight-only)
 */
import { GraphIndex } from '../graph-index';
import { onnx, DataType, toNum, type AttributeProto, type ModelProto, type NodeProto, type TensorProto } from '../proto';

/** Which quantized form to write (module doc). */
export type QuantForm = 'qdq' | 'dynamic' | 'nbits';

const NBITS_BLOCK = 16;
const MS_DOMAIN = 'com.microsoft';

function tensor(name: string, dataType: number, dims: number[], bytes: Uint8Array): TensorProto {
  return { name, dataType, dims, rawData: bytes };
}

function bytesOf(a: Float32Array | Int8Array | Uint8Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Values of a float initializer ([K, N] row-major). */
function floats(t: TensorProto): Float32Array {
  if (t.floatData?.length) return Float32Array.from(t.floatData);
  const raw = t.rawData!;
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

function intAttr(name: string, v: number): AttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i: v };
}

/** Symmetric per-column int8: W[k, n] ~ q[k, n] * scale[n]. */
function int8PerColumn(w: Float32Array, K: number, N: number): { q: Int8Array; scale: Float32Array } {
  const scale = new Float32Array(N);
  for (let k = 0; k < K; k++) for (let n = 0; n < N; n++) scale[n] = Math.max(scale[n], Math.abs(w[k * N + n]));
  for (let n = 0; n < N; n++) scale[n] = scale[n] / 127 || 1;
  const q = new Int8Array(K * N);
  for (let k = 0; k < K; k++) for (let n = 0; n < N; n++) q[k * N + n] = Math.round(w[k * N + n] / scale[n]);
  return { q, scale };
}

/** 4-bit blocks along K for MatMulNBits: B [N, blocks, 8] (two values a byte, low nibble first), scales [N * blocks]; zero point 8. */
function uint4Blocks(w: Float32Array, K: number, N: number): { b: Uint8Array; scales: Float32Array; blocks: number } {
  const blocks = Math.ceil(K / NBITS_BLOCK);
  const b = new Uint8Array(N * blocks * (NBITS_BLOCK / 2));
  const scales = new Float32Array(N * blocks);
  for (let n = 0; n < N; n++) {
    for (let blk = 0; blk < blocks; blk++) {
      let max = 0;
      for (let i = 0; i < NBITS_BLOCK && blk * NBITS_BLOCK + i < K; i++) max = Math.max(max, Math.abs(w[(blk * NBITS_BLOCK + i) * N + n]));
      const s = max / 7 || 1;
      scales[n * blocks + blk] = s;
      for (let i = 0; i < NBITS_BLOCK; i++) {
        const k = blk * NBITS_BLOCK + i;
        const q = k < K ? Math.min(15, Math.max(0, Math.round(w[k * N + n] / s) + 8)) : 8;
        const byte = (n * blocks + blk) * (NBITS_BLOCK / 2) + (i >> 1);
        b[byte] |= i & 1 ? q << 4 : q;
      }
    }
  }
  return { b, scales, blocks };
}

/** The replacement nodes and initializers for MatMul `n` = x @ W. */
function rewrite(n: NodeProto, w: TensorProto, form: QuantForm): { nodes: NodeProto[]; inits: TensorProto[] } {
  const [x, wName] = n.input!;
  const out = n.output![0];
  const [K, N] = w.dims!.map(toNum);
  const values = floats(w);
  const p = `${wName}/${form}`;
  if (form === 'nbits') {
    const { b, scales, blocks } = uint4Blocks(values, K, N);
    return {
      inits: [tensor(`${p}/B`, DataType.UINT8, [N, blocks, NBITS_BLOCK / 2], b), tensor(`${p}/scales`, DataType.FLOAT, [N * blocks], bytesOf(scales))],
      nodes: [{
        opType: 'MatMulNBits', domain: MS_DOMAIN, name: `${out}/MatMulNBits`, input: [x, `${p}/B`, `${p}/scales`], output: [out],
        attribute: [intAttr('K', K), intAttr('N', N), intAttr('bits', 4), intAttr('block_size', NBITS_BLOCK)],
      }],
    };
  }
  const { q, scale } = int8PerColumn(values, K, N);
  const inits = [
    tensor(`${p}/q`, DataType.INT8, [K, N], bytesOf(q)),
    tensor(`${p}/scale`, DataType.FLOAT, [N], bytesOf(scale)),
    tensor(`${p}/zp`, DataType.INT8, [N], new Uint8Array(N)),
  ];
  if (form === 'qdq') {
    return {
      inits,
      nodes: [
        { opType: 'DequantizeLinear', name: `${out}/DequantizeLinear`, input: [`${p}/q`, `${p}/scale`, `${p}/zp`], output: [`${out}/w`], attribute: [intAttr('axis', 1)] },
        { ...n, input: [x, `${out}/w`] },
      ],
    };
  }
  const d = `${out}/dq`;
  return {
    inits,
    nodes: [
      { opType: 'DynamicQuantizeLinear', name: `${d}/DynamicQuantizeLinear`, input: [x], output: [`${d}/x_q`, `${d}/x_scale`, `${d}/x_zp`] },
      { opType: 'MatMulInteger', name: `${d}/MatMulInteger`, input: [`${d}/x_q`, `${p}/q`, `${d}/x_zp`, `${p}/zp`], output: [`${d}/int32`] },
      { opType: 'Cast', name: `${d}/Cast`, input: [`${d}/int32`], output: [`${d}/float`], attribute: [intAttr('to', DataType.FLOAT)] },
      { opType: 'Mul', name: `${d}/scale`, input: [`${d}/x_scale`, `${p}/scale`], output: [`${d}/scales`] },
      { opType: 'Mul', name: `${d}/Mul`, input: [`${d}/float`, `${d}/scales`], output: [out] },
    ],
  };
}

/** Quantize every MatMul whose weight is a float [K, N] initializer (see module doc). The input model is not modified. */
export function quantizeMatMuls(model: ModelProto, form: QuantForm): { model: ModelProto; count: number } {
  const graph = model.graph!;
  const g = new GraphIndex(graph);
  const node: NodeProto[] = [];
  const initializer = [...(graph.initializer ?? [])];
  let count = 0;
  for (const n of graph.node ?? []) {
    const w = n.opType === 'MatMul' ? g.initializer(n.input![1]) : undefined;
    if (!w || w.dataType !== DataType.FLOAT || w.dims?.length !== 2) {
      node.push(n);
      continue;
    }
    const r = rewrite(n, w, form);
    node.push(...r.nodes);
    initializer.push(...r.inits);
    count++;
  }
  const opsetImport = [...(model.opsetImport ?? [])];
  if (form === 'nbits' && !opsetImport.some((o) => o.domain === MS_DOMAIN)) opsetImport.push({ domain: MS_DOMAIN, version: 1 });
  return { model: onnx.ModelProto.create({ ...model, opsetImport, graph: onnx.GraphProto.create({ ...graph, node, initializer }) }), count };
}
