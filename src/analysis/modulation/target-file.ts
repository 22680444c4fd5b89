/**
 * A modulator target the user supplies: JSON (nested arrays, or {"shape": [...], "data": [...]} with the
 * data flat in row-major order) or .npy (float32, C order). Shape [d_model] is one vector for every
 * position; [vocab, d_model] is a per-token table gathered by token id. Anything else is refused with
 * the expected and the actual shape.
 */
import { parseNpy } from './npy';

export class TargetFileError extends Error {
  override name = 'TargetFileError';
}

export interface FileTarget {
  /** 'vector': one [d_model] target; 'table': [vocab, d_model] gathered by token id */ kind: 'vector' | 'table';
  /** row-major float32 values */ data: Float32Array;
  shape: number[];
}

/** Nested arrays -> shape and flat values; ragged or non-numeric input is refused. */
function flatten(x: unknown, file: string): { shape: number[]; data: number[] } {
  const shape: number[] = [];
  for (let cur: unknown = x; Array.isArray(cur); cur = cur[0]) shape.push(cur.length);
  const data: number[] = [];
  const walk = (v: unknown, depth: number, path: string) => {
    if (depth === shape.length) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new TargetFileError(`${file}: entry ${path} is ${JSON.stringify(v)}, not a finite number`);
      data.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) throw new TargetFileError(`${file}: ragged arrays: ${path || 'the top level'} should hold ${shape[depth]} entries`);
    v.forEach((w, i) => walk(w, depth + 1, `${path}[${i}]`));
  };
  walk(x, 0, '');
  return { shape, data };
}

function fromJson(text: string, file: string): { shape: number[]; data: Float32Array } {
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch (e) {
    throw new TargetFileError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (x && typeof x === 'object' && !Array.isArray(x) && 'shape' in x && 'data' in x) {
    const { shape, data } = x as { shape: unknown; data: unknown };
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) throw new TargetFileError(`${file}: "shape" must be a list of non-negative integers`);
    const flat = flatten(data, file);
    if (flat.shape.length !== 1) throw new TargetFileError(`${file}: with "shape", "data" must be one flat list (row-major)`);
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (flat.data.length !== count) throw new TargetFileError(`${file}: shape [${shape.join(', ')}] needs ${count} values, "data" has ${flat.data.length}`);
    return { shape: shape as number[], data: Float32Array.from(flat.data) };
  }
  if (!Array.isArray(x)) throw new TargetFileError(`${file}: expected a JSON array (nested lists) or {"shape": [...], "data": [...]}`);
  const flat = flatten(x, file);
  return { shape: flat.shape, data: Float32Array.from(flat.data) };
}

/**
 * Read and validate a target file for a model with `dModel` and `vocabSize`.
 * @param name the file name; `.npy` selects the NumPy reader, anything else is read as JSON
 */
export function parseTargetFile(name: string, bytes: ArrayBuffer, dims: { dModel: number; vocabSize: number }): FileTarget {
  const { shape, data } = name.toLowerCase().endsWith('.npy') ? parseNpy(bytes, name) : fromJson(new TextDecoder().decode(bytes), name);
  const { dModel, vocabSize } = dims;
  const isVector = shape.length === 1 && shape[0] === dModel;
  const isTable = shape.length === 2 && shape[0] === vocabSize && shape[1] === dModel;
  if (!isVector && !isTable) {
    throw new TargetFileError(`${name}: a target must have shape [d_model] = [${dModel}] or [vocab, d_model] = [${vocabSize}, ${dModel}]; this file has shape [${shape.join(', ')}]`);
  }
  const bad = data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new TargetFileError(`${name}: value ${bad} is ${data[bad]}; a target must be finite (float32)`);
  return { kind: isVector ? 'vector' : 'table', data, shape };
}
