import { describe, expect, it } from 'vitest';
import { crc32 as zlibCrc32, deflateSync, inflateSync } from 'node:zlib';
import { crc32, dpiToPpm, pngChunks, ppmToDpi, readPngInfo, setPngDpi } from './png';

/** A minimal valid RGBA PNG of w x h (filter byte 0 per row), built with node's zlib. */
function makePng(w: number, h: number, extra: { type: string; data: number[] }[] = []): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const b = Buffer.alloc(12 + data.length);
    b.writeUInt32BE(data.length, 0);
    b.write(type, 4, 'ascii');
    Buffer.from(data).copy(b, 8);
    b.writeUInt32BE(zlibCrc32(b.subarray(4, 8 + data.length)), 8 + data.length);
    return b;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(h * (1 + 4 * w), 0x7f);
  for (let y = 0; y < h; y++) raw[y * (1 + 4 * w)] = 0;
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      ...extra.map((e) => chunk(e.type, new Uint8Array(e.data))),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

describe('crc32', () => {
  it('matches zlib on the check string and on random bytes', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const r = new Uint8Array(4099).map((_, i) => (i * 2654435761) >>> 24);
    expect(crc32(r)).toBe(zlibCrc32(r));
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('setPngDpi', () => {
  it('adds pHYs right after IHDR with a valid CRC and keeps the image bytes', () => {
    const png = makePng(1050, 3);
    const out = setPngDpi(png, 300);
    const chunks = pngChunks(out);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(out.length).toBe(png.length + 21);
    const phys = chunks[1];
    expect(Buffer.from(out.subarray(phys.offset + 4, phys.offset + 8 + 9 + 4))).toEqual(
      (() => {
        const b = Buffer.alloc(17);
        b.write('pHYs', 0, 'ascii');
        b.writeUInt32BE(11811, 4);
        b.writeUInt32BE(11811, 8);
        b[12] = 1;
        b.writeUInt32BE(zlibCrc32(b.subarray(0, 13)), 13);
        return b;
      })(),
    );
    const idat = chunks.find((c) => c.type === 'IDAT')!;
    expect(inflateSync(idat.data).length).toBe(3 * (1 + 4 * 1050));
    const info = readPngInfo(out);
    expect(info).toMatchObject({ width: 1050, height: 3, ppmX: 11811, ppmY: 11811, dpiX: 300, dpiY: 300 });
  });

  it('replaces an existing pHYs instead of adding a second one', () => {
    const png = makePng(4, 4, [{ type: 'pHYs', data: [0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1] }]);
    expect(readPngInfo(png).ppmX).toBe(2835);
    const out = setPngDpi(png, 600);
    expect(pngChunks(out).filter((c) => c.type === 'pHYs')).toHaveLength(1);
    expect(readPngInfo(out).dpiX).toBe(600);
    expect(setPngDpi(out, 600)).toEqual(out);
  });

  it('round-trips whole DPIs through pixels per metre', () => {
    for (let dpi = 36; dpi <= 2400; dpi++) expect(ppmToDpi(dpiToPpm(dpi))).toBe(dpi);
    expect(dpiToPpm(300)).toBe(11811);
    expect(dpiToPpm(72)).toBe(2835);
  });

  it('rejects what is not a PNG, reports a file without pHYs as such', () => {
    expect(() => setPngDpi(new Uint8Array([1, 2, 3]), 300)).toThrow(/not a PNG/);
    expect(readPngInfo(makePng(2, 2))).toMatchObject({ width: 2, height: 2, dpiX: null });
    const bad = makePng(2, 2);
    bad[20] ^= 0xff; // inside IHDR data
    expect(pngChunks(bad)[0].crcOk).toBe(false);
  });
});
