/**
 * A small ONNX graph builder: nodes with scoped names, typed initializers and attributes.
 * Used to build models in memory (llama2.c checkpoints) and by tests to write graph variants.
 */
import { onnx, DataType, type AttributeProto, type NodeProto, type TensorProto, type ValueInfoProto, type ModelProto } from './proto';

export type AttrValue = number | number[] | string | { int: number } | { ints: number[] } | { tensor: TensorProto };

function attribute(name: string, v: AttrValue): AttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof v === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(v) };
  if (typeof v === 'number') return { name, type: T.FLOAT, f: v };
  if (Array.isArray(v)) return { name, type: T.FLOATS, floats: v };
  if ('int' in v) return { name, type: T.INT, i: v.int };
  if ('ints' in v) return { name, type: T.INTS, ints: v.ints };
  return { name, type: T.TENSOR, t: v.tensor };
}

function bytesOf(data: Float32Array | BigInt64Array | Uint8Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export function floatTensor(name: string, dims: number[], data: Float32Array): TensorProto {
  return { name, dims, dataType: DataType.FLOAT, rawData: bytesOf(data) };
}

export function int64Tensor(name: string, dims: number[], data: number[]): TensorProto {
  return { name, dims, dataType: DataType.INT64, rawData: bytesOf(BigInt64Array.from(data.map(BigInt))) };
}

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private counter = new Map<string, number>();
  private scope = '';

  /** Run `fn` with node names prefixed by `scope` (e.g. "/model/layers.3"). */
  within<T>(scope: string, fn: () => T): T {
    const prev = this.scope;
    this.scope = scope;
    try {
      return fn();
    } finally {
      this.scope = prev;
    }
  }

  private uniqueName(base: string): string {
    const key = `${this.scope}/${base}`;
    const n = this.counter.get(key) ?? 0;
    this.counter.set(key, n + 1);
    return n === 0 ? key : `${key}_${n}`;
  }

  float(name: string, dims: number[], data: Float32Array): string {
    this.initializers.push(floatTensor(name, dims, data));
    return name;
  }

  int64(name: string, dims: number[], data: number[]): string {
    this.initializers.push(int64Tensor(name, dims, data));
    return name;
  }

  /** Add a node; returns its output tensor names (`${nodeName}_output_${k}`). */
  opN(opType: string, inputs: string[], nOut: number, attrs: Record<string, AttrValue> = {}, base = opType): string[] {
    const name = this.uniqueName(base);
    const output = Array.from({ length: nOut }, (_, k) => `${name}_output_${k}`);
    const attribute_ = Object.entries(attrs).map(([k, v]) => attribute(k, v));
    this.nodes.push({ name, opType, input: inputs, output, attribute: attribute_ });
    return output;
  }

  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, base = opType): string {
    return this.opN(opType, inputs, 1, attrs, base)[0];
  }

  /** Rename the output of the last node (to give graph outputs stable names such as "logits"). */
  renameLastOutput(name: string): string {
    const node = this.nodes[this.nodes.length - 1];
    node.output![0] = name;
    return name;
  }

  model(opts: { inputs: ValueInfoProto[]; outputs: ValueInfoProto[]; opset: number; producer: string; name: string }): ModelProto {
    const graph = onnx.GraphProto.create({
      name: opts.name,
      node: this.nodes,
      initializer: this.initializers,
      input: opts.inputs,
      output: opts.outputs,
    });
    return onnx.ModelProto.create({
      irVersion: 8,
      producerName: opts.producer,
      opsetImport: [{ domain: '', version: opts.opset }],
      graph,
    });
  }
}

/** A value-info with a named or fixed shape. */
export function valueInfo(name: string, elemType: number, dims: (number | string)[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}
