/**
 * ONNX protobuf access. onnx-proto ships protobufjs static code for onnx.proto; this module
 * is the only place that imports it, and it smooths over protobufjs' Long for int64 fields.
 */
import onnxProto from 'onnx-proto';

export const onnx = onnxProto.onnx;
export type ModelProto = onnxProto.onnx.ModelProto;
export type GraphProto = onnxProto.onnx.IGraphProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;
export type AttributeProto = onnxProto.onnx.IAttributeProto;

export const DataType = onnxProto.onnx.TensorProto.DataType;

/** protobufjs decodes int64 as Long (or number); the lab's dims and ints fit in a double. */
export function toNum(v: number | { toNumber(): number } | null | undefined): number {
  if (v == null) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}

export class OnnxFormatError extends Error {
  override name = 'OnnxFormatError';
}

/** Decode ONNX bytes; a file that is not an ONNX model gets a clear error instead of a protobuf trace. */
export function decodeModel(bytes: Uint8Array, fileName = 'model'): ModelProto {
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new OnnxFormatError(`${fileName} is not an ONNX model (protobuf decode failed: ${(e as Error).message})`);
  }
  if (!model.graph || !model.graph.node || model.graph.node.length === 0) {
    throw new OnnxFormatError(`${fileName} is not an ONNX model: it has no graph nodes`);
  }
  return model;
}

export function encodeModel(model: ModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

/** A shallow copy of a model whose graph output list can be changed without touching the original. */
export function withOutputs(model: ModelProto, outputs: ValueInfoProto[]): ModelProto {
  const graph = onnx.GraphProto.create({ ...model.graph!, output: outputs });
  return onnx.ModelProto.create({ ...model, graph });
}

export function floatOutput(name: string): ValueInfoProto {
  return { name, type: { tensorType: { elemType: DataType.FLOAT } } };
}
