/**
 * A reader for NumPy .npy files (format versions 1-3), enough for modulator targets: little-endian
 * float32 in C order. The format is a magic string, a version, a header length, a Python dict literal
 * header ({'descr': '<f4', 'fortran_order': False, 'shape': (512, 64), }) and the raw data.
 * (npyjs on npm does the same; the lab cannot add dependencies here, and the header is small.)
 */

export class NpyFormatError extends Error {
  override name = 'NpyFormatError';
}

export interface NpyArray {
  /** row-major (C order) values */ data: Float32Array;
  shape: number[];
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** The header dict's three keys, read from its literal. */
function parseHeader(header: string, file: string): { descr: string; fortran: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new NpyFormatError(`${file}: the .npy header has no descr, fortran_order or shape: ${header.trim()}`);
  }
  const shape = shapeText.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw new NpyFormatError(`${file}: bad shape (${shapeText}) in the .npy header`);
  return { descr, fortran: fortran === 'True', shape };
}

/** Parse a .npy file holding little-endian float32 in C order; anything else is refused by name. */
export function parseNpy(bytes: ArrayBuffer, file = 'file.npy'): NpyArray {
  const u8 = new Uint8Array(bytes);
  if (u8.length < 10 || MAGIC.some((b, i) => u8[i] !== b)) throw new NpyFormatError(`${file} is not a .npy file (it does not start with \\x93NUMPY)`);
  const major = u8[6];
  const view = new DataView(bytes);
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (u8.length < 12) throw new NpyFormatError(`${file}: truncated .npy header`);
    headerLen = view.getUint32(8, true);
    start = 12;
  } else throw new NpyFormatError(`${file}: .npy format version ${major}.${u8[7]} is not supported (1.0 to 3.0 are)`);
  if (start + headerLen > u8.length) throw new NpyFormatError(`${file}: truncated .npy header`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(u8.subarray(start, start + headerLen));
  const { descr, fortran, shape } = parseHeader(header, file);
  if (descr !== '<f4') {
    throw new NpyFormatError(`${file}: dtype '${descr}' is not supported; save the target as little-endian float32 ('<f4'), e.g. np.save(path, x.astype(np.float32))`);
  }
  if (fortran) throw new NpyFormatError(`${file}: the array is in Fortran order; save it in C order (np.ascontiguousarray(x))`);
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = start + headerLen;
  if (u8.length - offset !== count * 4) {
    throw new NpyFormatError(`${file}: shape (${shape.join(', ')}) needs ${count * 4} data bytes, the file has ${u8.length - offset}`);
  }
  // Copy: the data offset need not be 4-byte aligned in every writer's output.
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = view.getFloat32(offset + 4 * i, true);
  return { data, shape };
}
