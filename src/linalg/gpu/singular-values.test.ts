import { describe, expect, it } from 'vitest';
import { Rng } from '../cpu/rng';
import { singularValues, singularValuesWith } from '../cpu/singular-values';
import { logSpectrum, withSpectrum } from '../cpu/test-matrices';
import { GPU_REFINE_RATIO } from './singular-values';
import { emulateGpuGram } from './reference';

/** Largest relative difference over the values above 1e-6 of the largest of `b`. */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) if (b[i] > 1e-6 * b[0]) worst = Math.max(worst, Math.abs(a[i] - b[i]) / b[i]);
  return worst;
}

const emulated = async (w: Float32Array, r: number, c: number, side: 'rows' | 'cols') => emulateGpuGram(w, r, c, side);

describe('singular values from the float-float Gram (the GPU path, its Gram replayed on the CPU)', () => {
  it('equal the float64 CPU path to 1e-8 on every stories260K matrix shape', async () => {
    for (const [r, c] of [[64, 64], [32, 64], [172, 64], [64, 172], [512, 64]]) {
      const rng = new Rng(r * 1000 + c);
      const w = new Float32Array(r * c);
      for (let i = 0; i < w.length; i++) w[i] = 0.1 * rng.normal();
      const cpu = singularValues(w, r, c);
      const gpu = await singularValuesWith(w, r, c, emulated, GPU_REFINE_RATIO);
      const d = relDiff(gpu, cpu);
      console.log(`${r}x${c}: max rel diff ${d.toExponential(2)}`);
      expect(d).toBeLessThan(1e-8);
    }
  });

  it('keep 1e-8 over a spectrum spanning 6 decades, through the refinement', async () => {
    for (const [r, c] of [[80, 50], [50, 120]]) {
      const s0 = logSpectrum(Math.min(r, c), 6);
      const w = Float32Array.from(withSpectrum(new Rng(r + c), r, c, s0));
      const cpu = singularValues(w, r, c);
      const gpu = await singularValuesWith(w, r, c, emulated, GPU_REFINE_RATIO);
      const d = relDiff(gpu, cpu);
      console.log(`6 decades ${r}x${c}: max rel diff ${d.toExponential(2)}`);
      expect(d).toBeLessThan(1e-8);
    }
  });
});
