/**
 * The values of ONNX tensors as float32, for the weight batteries: float32, float16, bfloat16,
 * float64 and 8-bit integer initializers (raw_data or the typed repeated fields). Integer tensors
 * come back as their integer values; dequantization (scales, zero points) is weights.ts's job.
 */
import { DataType, toNum, type TensorProto } from './proto';

export class TensorDataError extends Error {
  override name = 'TensorDataError';
}

export function tensorDims(t: TensorProto): number[] {
  return (t.dims ?? []).map(toNum);
}

export function tensorSize(t: TensorProto): number {
  return tensorDims(t).reduce((a, d) => a * d, 1);
}

/** IEEE half to float. */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

function rawView(t: TensorProto): DataView | null {
  const raw = t.rawData;
  if (!raw || raw.byteLength === 0) return null;
  return new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
}

/** A tensor's values as float32 (integers keep their integer values). Throws for types it cannot read. */
export function tensorToFloat32(t: TensorProto): Float32Array {
  const n = tensorSize(t);
  const raw = rawView(t);
  const out = new Float32Array(n);
  const check = (have: number) => {
    if (have !== n) throw new TensorDataError(`tensor '${t.name}': ${have} values for dims [${tensorDims(t)}]`);
  };
  switch (t.dataType) {
    case DataType.FLOAT:
      if (raw) {
        check(raw.byteLength / 4);
        for (let i = 0; i < n; i++) out[i] = raw.getFloat32(4 * i, true);
      } else {
        check(t.floatData?.length ?? 0);
        out.set(t.floatData!);
      }
      return out;
    case DataType.DOUBLE:
      if (raw) {
        check(raw.byteLength / 8);
        for (let i = 0; i < n; i++) out[i] = raw.getFloat64(8 * i, true);
      } else {
        check(t.doubleData?.length ?? 0);
        out.set(t.doubleData!);
      }
      return out;
    case DataType.FLOAT16:
    case DataType.BFLOAT16: {
      const bf = t.dataType === DataType.BFLOAT16;
      const bits = raw ? Array.from({ length: raw.byteLength / 2 }, (_, i) => raw.getUint16(2 * i, true)) : (t.int32Data ?? []);
      check(bits.length);
      const f32 = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < n; i++) {
        if (bf) {
          f32.setUint32(0, bits[i] << 16);
          out[i] = f32.getFloat32(0);
        } else out[i] = halfToFloat(bits[i]);
      }
      return out;
    }
    case DataType.INT8:
    case DataType.UINT8: {
      const signed = t.dataType === DataType.INT8;
      if (raw) {
        check(raw.byteLength);
        for (let i = 0; i < n; i++) out[i] = signed ? raw.getInt8(i) : raw.getUint8(i);
      } else {
        check(t.int32Data?.length ?? 0);
        out.set(t.int32Data!);
      }
      return out;
    }
    case DataType.INT32:
      if (raw) {
        check(raw.byteLength / 4);
        for (let i = 0; i < n; i++) out[i] = raw.getInt32(4 * i, true);
      } else {
        check(t.int32Data?.length ?? 0);
        out.set(t.int32Data!);
      }
      return out;
    default:
      throw new TensorDataError(`tensor '${t.name}': data type ${DataType[t.dataType ?? 0] ?? t.dataType} is not read by the weight batteries`);
  }
}

/** Raw bytes of a packed integer tensor (MatMulNBits' B), or null when it is not stored as raw_data. */
export function tensorBytes(t: TensorProto): Uint8Array | null {
  const raw = t.rawData;
  return raw && raw.byteLength ? raw : null;
}
