/**
 * PNG chunk surgery: write the pHYs chunk so the file states its DPI (browsers' canvas.toBlob
 * writes none, and a 1050 px image without it opens at 72 dpi, 14.6 in wide).
 * Layout (PNG spec): 8-byte signature, then chunks of [length u32 BE][type 4 ASCII][data][CRC32 of type + data].
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const METRE_PER_INCH = 0.0254;

let table: Uint32Array | null = null;
function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 (ISO 3309, the one PNG and zip use) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  const t = crcTable();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface PngChunk {
  type: string;
  /** offset of the chunk's length field in the file */
  offset: number;
  /** data bytes (a view into the file) */
  data: Uint8Array;
  crcOk: boolean;
}

function isPng(b: Uint8Array): boolean {
  return b.length >= 8 && SIGNATURE.every((v, i) => b[i] === v);
}

export function pngChunks(png: Uint8Array): PngChunk[] {
  if (!isPng(png)) throw new Error('not a PNG file (bad signature)');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: PngChunk[] = [];
  let p = 8;
  while (p + 12 <= png.length) {
    const len = view.getUint32(p);
    if (p + 12 + len > png.length) throw new Error(`PNG chunk at ${p} runs past the end of the file`);
    const type = String.fromCharCode(...png.subarray(p + 4, p + 8));
    const data = png.subarray(p + 8, p + 8 + len);
    const crcOk = view.getUint32(p + 8 + len) === crc32(png.subarray(p + 4, p + 8 + len));
    out.push({ type, offset: p, data, crcOk });
    p += 12 + len;
    if (type === 'IEND') break;
  }
  return out;
}

/** Pixels per metre for a DPI, as pHYs stores it (a whole number). */
export const dpiToPpm = (dpi: number): number => Math.round(dpi / METRE_PER_INCH);
/** The DPI a pHYs value states, to 0.1 dpi: a whole ppm is within 0.013 dpi of the DPI it came from (11811 px/m -> 299.9994 -> 300). */
export const ppmToDpi = (ppm: number): number => Math.round(ppm * METRE_PER_INCH * 10) / 10;

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A copy of `png` with one pHYs chunk (unit: metre) stating `dpi` in x and y, right after IHDR; any old pHYs is dropped. */
export function setPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  const chunks = pngChunks(png);
  if (chunks[0]?.type !== 'IHDR') throw new Error('PNG does not start with IHDR');
  const physData = new Uint8Array(9);
  const ppm = dpiToPpm(dpi);
  new DataView(physData.buffer).setUint32(0, ppm);
  new DataView(physData.buffer).setUint32(4, ppm);
  physData[8] = 1; // unit specifier 1 = metre
  const phys = chunk('pHYs', physData);
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  for (const c of chunks) {
    if (c.type === 'pHYs') continue;
    parts.push(png.subarray(c.offset, c.offset + 12 + c.data.length));
    if (c.type === 'IHDR') parts.push(phys);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export interface PngInfo {
  width: number;
  height: number;
  /** pHYs in pixels per metre, null when the file has no pHYs or its unit is not the metre */
  ppmX: number | null;
  ppmY: number | null;
  /** DPI from pHYs (see ppmToDpi), null when absent */
  dpiX: number | null;
  dpiY: number | null;
}

export function readPngInfo(png: Uint8Array): PngInfo {
  const chunks = pngChunks(png);
  const ihdr = chunks.find((c) => c.type === 'IHDR');
  if (!ihdr) throw new Error('PNG has no IHDR');
  const iv = new DataView(ihdr.data.buffer, ihdr.data.byteOffset, ihdr.data.byteLength);
  const phys = chunks.find((c) => c.type === 'pHYs');
  let ppmX: number | null = null;
  let ppmY: number | null = null;
  if (phys && phys.data.length === 9 && phys.data[8] === 1) {
    const pv = new DataView(phys.data.buffer, phys.data.byteOffset, 9);
    ppmX = pv.getUint32(0);
    ppmY = pv.getUint32(4);
  }
  return {
    width: iv.getUint32(0),
    height: iv.getUint32(4),
    ppmX,
    ppmY,
    dpiX: ppmX === null ? null : ppmToDpi(ppmX),
    dpiY: ppmY === null ? null : ppmToDpi(ppmY),
  };
}
