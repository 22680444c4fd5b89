import { describe, expect, it } from 'vitest';
import { gram } from '../cpu/gram';
import { Rng } from '../cpu/rng';
import { emulateGpuGram, exactGram, gramError } from './reference';

function matrix(rows: number, cols: number, seed: number, decades = 0): Float32Array {
  const rng = new Rng(seed);
  const w = new Float32Array(rows * cols);
  for (let i = 0; i < w.length; i++) w[i] = rng.normal() * 10 ** (-decades * rng.next());
  return w;
}

describe('the GPU Gram algorithm (replayed in f32 on the CPU)', () => {
  it('carries ~2^-47: error against the exact Gram far below float32 and close to float64', () => {
    for (const [rows, cols, decades] of [[24, 1100, 4], [300, 16, 0], [64, 172, 0], [9, 9, 6]]) {
      const side = rows <= cols ? 'rows' : 'cols';
      const w = matrix(rows, cols, rows * cols, decades);
      const k = Math.min(rows, cols);
      const exact = exactGram(w, rows, cols, side);
      const ff = gramError(emulateGpuGram(w, rows, cols, side, 256), exact, k);
      const f64 = gramError(gram(w, rows, cols, side), exact, k);
      expect(ff).toBeLessThan(2 ** -44);
      expect(f64).toBeLessThan(2 ** -48);
      console.log(`gram ${rows}x${cols}: float-float ${ff.toExponential(2)}, float64 ${f64.toExponential(2)}`);
    }
  });

  it('a Gram summed in plain float32 fails the device check bound (2^-40) by orders', () => {
    const rows = 24, cols = 1100;
    const w = matrix(rows, cols, 7, 4);
    const g = new Float64Array(rows * rows);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < rows; j++) {
        let acc = 0;
        for (let c = 0; c < cols; c++) acc = Math.fround(acc + Math.fround(w[i * cols + c] * w[j * cols + c]));
        g[i * rows + j] = acc;
      }
    }
    expect(gramError(g, exactGram(w, rows, cols, 'rows'), rows)).toBeGreaterThan(2 ** -30);
  });
});
