import { describe, expect, it } from 'vitest';
import { gram } from '../cpu/gram';
import { Rng } from '../cpu/rng';
import { assembleGram, chunkPositions, gramDims, packChunk, scaleExponent } from './gram-pack';

describe('gram packing', () => {
  it('plans chunks within the binding limit', () => {
    expect(chunkPositions(768, 3072, 2 ** 30)).toBe(512);
    expect(chunkPositions(64, 100, 2 ** 30)).toBe(100);
    expect(chunkPositions(768, 50000, 768 * 8 * 100)).toBe(100);
    expect(() => chunkPositions(1000, 10, 4000)).toThrow(/does not fit/);
  });

  it('scales by a power of two into [0.5, 1)', () => {
    for (const max of [1, 0.5, 0.75, 3e-20, 7e15, 2 ** -10]) {
      const e = scaleExponent(Float32Array.from([0.1 * max, -max]));
      const m = Math.fround(max) * 2 ** -e;
      expect(m).toBeGreaterThanOrEqual(0.5);
      expect(m).toBeLessThan(1);
    }
    expect(scaleExponent(new Float32Array(4))).toBe(0);
    expect(() => scaleExponent(Float32Array.from([1, NaN]))).toThrow(/NaN/);
  });

  it('packs both orientations position-major with hi + lo = 2^-e x, and assembles the mirror', () => {
    const rng = new Rng(4);
    const rows = 5, cols = 7;
    const w = Float32Array.from(rng.normals(rows * cols));
    const e = scaleExponent(w);
    for (const side of ['rows', 'cols'] as const) {
      const { k, n } = gramDims(rows, cols, side);
      const out = new Float32Array(2 * k * 3);
      packChunk(w, rows, cols, side, 2, 3, e, out);
      for (let c = 0; c < 3; c++) {
        for (let v = 0; v < k; v++) {
          const x = side === 'rows' ? w[v * cols + c + 2] : w[(c + 2) * cols + v];
          expect(out[2 * (c * k + v)] + out[2 * (c * k + v) + 1]).toBe(x * 2 ** -e);
        }
      }
      expect(n).toBe(side === 'rows' ? cols : rows);
    }
    // The kernel's (hi, lo) of the upper triangle -> symmetric float64 Gram, unscaled.
    const g = gram(w, rows, cols, 'rows');
    const raw = new Float32Array(2 * rows * rows);
    for (let i = 0; i < rows; i++) {
      for (let j = i; j < rows; j++) {
        const v = g[i * rows + j] * 2 ** (-2 * e);
        raw[2 * (i * rows + j)] = v;
        raw[2 * (i * rows + j) + 1] = v - Math.fround(v);
      }
    }
    const back = assembleGram(raw, rows, e);
    for (let i = 0; i < rows * rows; i++) expect(Math.abs(back[i] - g[i])).toBeLessThan(1e-13 * g[0]);
  });
});
