/**
 * External data (`*.onnx_data`): initializers whose bytes live in side files. The lab inlines them
 * into the model it hands onnxruntime (it re-encodes the graph for the taps anyway), checking that
 * every file is there and long enough.
 */
import { onnx, type ModelProto } from './proto';

export class ExternalDataError extends Error {
  override name = 'ExternalDataError';
}

/** Side files the model's initializers point to, by `location` (relative to the .onnx file). */
export function externalDataFiles(model: ModelProto): string[] {
  const files = new Set<string>();
  for (const t of model.graph?.initializer ?? []) {
    if (t.dataLocation !== onnx.TensorProto.DataLocation.EXTERNAL) continue;
    const loc = t.externalData?.find((e) => e.key === 'location')?.value;
    if (!loc) throw new ExternalDataError(`initializer '${t.name}' is stored externally but names no location`);
    files.add(loc);
  }
  return [...files];
}

/** Copy each external initializer's bytes into the model; `files` maps location -> bytes (missing: undefined). */
export function inlineExternalData(model: ModelProto, files: ReadonlyMap<string, Uint8Array | undefined>, onnxName: string): void {
  for (const t of model.graph?.initializer ?? []) {
    if (t.dataLocation !== onnx.TensorProto.DataLocation.EXTERNAL) continue;
    const get = (k: string) => t.externalData?.find((e) => e.key === k)?.value;
    const loc = get('location')!;
    const data = files.get(loc);
    if (!data) throw new ExternalDataError(`${onnxName} keeps its weights in '${loc}', which was not found next to it: add that file`);
    const offset = Number(get('offset') ?? 0);
    const length = get('length') !== undefined ? Number(get('length')) : data.byteLength - offset;
    if (offset + length > data.byteLength) {
      throw new ExternalDataError(
        `external data file '${loc}' is ${data.byteLength} bytes, but initializer '${t.name}' needs bytes ${offset}..${offset + length}: the file is short (an interrupted download?)`,
      );
    }
    t.rawData = data.subarray(offset, offset + length);
    t.dataLocation = onnx.TensorProto.DataLocation.DEFAULT;
    t.externalData = [];
  }
}
