import { describe, expect, it } from 'vitest';
import { parseTargetFile, TargetFileError } from './target-file';
import { NpyFormatError, parseNpy } from './npy';

/** Bytes numpy 2.4 wrote with np.save: a [2, 3] float32 arange * 0.5 (C order, then Fortran order) and a [3] float64. */
const NPY_C = 'k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAPwAAgD8AAMA/AAAAQAAAIEA=';
const NPY_F = 'k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAADAPwAAAD8AAABAAACAPwAAIEA=';
const NPY_F8 = 'k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAAAAAPA/AAAAAAAAAEA=';

const bytes = (b64: string): ArrayBuffer => {
  const b = Buffer.from(b64, 'base64');
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const text = (s: string): ArrayBuffer => new TextEncoder().encode(s).buffer as ArrayBuffer;

/** A version-2 .npy written by hand (4-byte header length). */
function npyV2(header: string, data: Float32Array): ArrayBuffer {
  const h = new TextEncoder().encode(header);
  const out = new Uint8Array(12 + h.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0]);
  new DataView(out.buffer).setUint32(8, h.length, true);
  out.set(h, 12);
  out.set(new Uint8Array(data.buffer), 12 + h.length);
  return out.buffer;
}

describe('.npy reader', () => {
  it('reads numpy float32 C-order files (v1) and hand-written v2 files', () => {
    expect(parseNpy(bytes(NPY_C))).toEqual({ shape: [2, 3], data: Float32Array.from([0, 0.5, 1, 1.5, 2, 2.5]) });
    const v2 = parseNpy(npyV2("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }\n", Float32Array.from([1, 2, 3, 4])));
    expect(v2.shape).toEqual([4]);
    expect([...v2.data]).toEqual([1, 2, 3, 4]);
  });

  it('refuses Fortran order, other dtypes, bad magic and truncation by name', () => {
    expect(() => parseNpy(bytes(NPY_F), 't.npy')).toThrow(/t\.npy: the array is in Fortran order; save it in C order/);
    expect(() => parseNpy(bytes(NPY_F8), 't.npy')).toThrow(/dtype '<f8' is not supported; save the target as little-endian float32/);
    expect(() => parseNpy(npyV2("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", Float32Array.from([1])))).toThrow(/'>f4' is not supported/);
    expect(() => parseNpy(text('{"a": 1}'), 'x.npy')).toThrow(NpyFormatError);
    expect(() => parseNpy(bytes(NPY_C).slice(0, 140), 'cut.npy')).toThrow(/needs 24 data bytes, the file has/);
    expect(() => parseNpy(npyV2("{'descr': '<f4', 'shape': (1,), }", Float32Array.from([1])))).toThrow(/no descr, fortran_order or shape/);
  });
});

describe('target files', () => {
  const dims = { dModel: 3, vocabSize: 2 };

  it('accepts [d_model] and [vocab, d_model] as JSON (nested or {shape, data}) and .npy', () => {
    expect(parseTargetFile('v.json', text('[1, 2, 3]'), dims)).toEqual({ kind: 'vector', shape: [3], data: Float32Array.from([1, 2, 3]) });
    const t = parseTargetFile('t.json', text('[[1, 2, 3], [4, 5, 6]]'), dims);
    expect(t.kind).toBe('table');
    expect([...t.data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(parseTargetFile('t.json', text('{"shape": [2, 3], "data": [1, 2, 3, 4, 5, 6]}'), dims)).toEqual(t);
    expect(parseTargetFile('t.NPY', bytes(NPY_C), dims).kind).toBe('table');
  });

  it('refuses a wrong shape naming the expected and the actual shape', () => {
    expect(() => parseTargetFile('w.json', text('[1, 2, 3, 4]'), dims)).toThrow(
      'w.json: a target must have shape [d_model] = [3] or [vocab, d_model] = [2, 3]; this file has shape [4]',
    );
    expect(() => parseTargetFile('w.json', text('[[1, 2, 3]]'), dims)).toThrow(/this file has shape \[1, 3\]/);
    expect(() => parseTargetFile('w.npy', bytes(NPY_C), { dModel: 3, vocabSize: 5 })).toThrow(/\[vocab, d_model\] = \[5, 3\]; this file has shape \[2, 3\]/);
  });

  it('refuses ragged, non-numeric, non-finite and malformed input', () => {
    expect(() => parseTargetFile('r.json', text('[[1, 2, 3], [4, 5]]'), dims)).toThrow(/ragged arrays: \[1\] should hold 3 entries/);
    expect(() => parseTargetFile('s.json', text('[1, "2", 3]'), dims)).toThrow(/entry \[1\] is "2", not a finite number/);
    expect(() => parseTargetFile('b.json', text('[1, 2'), dims)).toThrow(/b\.json is not valid JSON/);
    expect(() => parseTargetFile('o.json', text('{"shape": [3], "data": [1, 2]}'), dims)).toThrow(/needs 3 values, "data" has 2/);
    expect(() => parseTargetFile('f.json', text('[1e39, 0, 0]'), dims)).toThrow(/value 0 is Infinity/);
    expect(() => parseTargetFile('n.json', text('{"a": 1}'), dims)).toThrow(TargetFileError);
  });
});
