/**
 * The WebGPU singular-value path (src/linalg/gpu) in real Chromium on real WebGPU (SwiftShader on a
 * machine without a GPU): the float-float Gram must give the CPU float64 path's values.
 */
import { test, expect, type Page } from '@playwright/test';
import { gaussianMatrix } from '../src/linalg/bench/gpt2-small';
import { simplexVolume } from '../src/linalg/cpu/cayley-menger';
import { Rng } from '../src/linalg/cpu/rng';
import { singularValues } from '../src/linalg/cpu/singular-values';
import { logSpectrum, withSpectrum } from '../src/linalg/cpu/test-matrices';
import { gramCalibration } from '../src/linalg/gpu/gram';
import { emulateGpuGram, exactGram, gramError } from '../src/linalg/gpu/reference';
import type { RemoteLab } from '../src/runtime/client';

interface GpuRun {
  s: number[];
  ms: number;
  adapter: { isFallbackAdapter: boolean; vendor: string; architecture: string; description: string; maxStorageBufferBindingSize: number };
  gramPrecision: { maxRelError: number; bound: number; passed: boolean };
}

/** Typed arrays travel to the page as base64 of their bytes (a plain array would be ~10x larger). */
const base64 = (a: Float32Array | Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

/** Runs the worker's gpuSingularValues on W [rows, cols]. */
async function gpuSv(page: Page, w: Float32Array, rows: number, cols: number): Promise<GpuRun> {
  const b64 = base64(w);
  return page.evaluate(
    async ({ rows, cols, b64 }) => {
      const lab = (globalThis as unknown as { residualLab: RemoteLab }).residualLab;
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const r = await lab.gpuSingularValues(rows, cols, new Float32Array(bytes.buffer));
      return { s: Array.from(r.s), ms: r.ms, adapter: r.adapter, gramPrecision: r.gramPrecision };
    },
    { rows, cols, b64 },
  );
}

/** Largest relative difference over the values above 1e-6 of the largest reference value. */
function relDiff(a: ArrayLike<number>, ref: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < ref.length; i++) if (ref[i] > 1e-6 * ref[0]) worst = Math.max(worst, Math.abs(a[i] - ref[i]) / ref[i]);
  return worst;
}

test('WebGPU singular values equal the CPU float64 path to 1e-6 relative', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?expose');
  await page.waitForFunction(() => 'residualLab' in globalThis);
  const notes: string[] = [];

  // stories260K's matrix shapes, GPT-2-init scale, float32.
  const shapes: [number, number][] = [[64, 64], [32, 64], [172, 64], [64, 172], [512, 64]];
  let first: GpuRun | null = null;
  for (const [i, [r, c]] of shapes.entries()) {
    const w = gaussianMatrix(r, c, 260 + i);
    const run = await gpuSv(page, w, r, c);
    first ??= run;
    const d = relDiff(run.s, singularValues(w, r, c));
    notes.push(`${r}x${c}: ${d.toExponential(2)} (${run.ms.toFixed(0)} ms)`);
    expect(run.s.length).toBe(Math.min(r, c));
    expect(d, `${r}x${c}`).toBeLessThan(1e-6);
  }

  // It ran on a WebGPU adapter, not a silent CPU fallback: the path has none (it throws without
  // WebGPU), the adapter reports its limits, and the device's Gram carries float-float's error
  // signature (~1e-14), neither float32's (~1e-8) nor a float64 CPU Gram's (~1e-16).
  const run0 = first as GpuRun;
  expect(run0.adapter.maxStorageBufferBindingSize).toBeGreaterThan(0);
  expect(typeof run0.adapter.isFallbackAdapter).toBe('boolean');
  expect(run0.gramPrecision.passed).toBe(true);
  expect(run0.gramPrecision.maxRelError).toBeLessThan(run0.gramPrecision.bound);
  expect(run0.gramPrecision.maxRelError).toBeGreaterThan(1e-16);
  const cal = gramCalibration();
  const replay = gramError(emulateGpuGram(cal.w, cal.rows, cal.cols, 'cols', cal.chunk), exactGram(cal.w, cal.rows, cal.cols, 'cols'), cal.cols);
  // SwiftShader rounds to nearest like the f32 replay, so the kernel's result is the replay's, bit for bit.
  if (run0.adapter.isFallbackAdapter) expect(run0.gramPrecision.maxRelError).toBe(replay);
  notes.push(`adapter: ${[run0.adapter.vendor, run0.adapter.architecture, run0.adapter.description].join(' ')} fallback=${run0.adapter.isFallbackAdapter}; gram check ${run0.gramPrecision.maxRelError.toExponential(3)} (f32 replay ${replay.toExponential(3)})`);

  // A spectrum spanning 6 decades, W = U diag(s) V^T, rounded to float32.
  {
    const r = 200, c = 120;
    const s0 = logSpectrum(c, 6);
    const w64 = withSpectrum(new Rng(6), r, c, s0);
    const w = Float32Array.from(w64);
    const run = await gpuSv(page, w, r, c);
    const d = relDiff(run.s, singularValues(w, r, c));
    notes.push(`6 decades ${r}x${c}: ${d.toExponential(2)} vs CPU`);
    expect(d).toBeLessThan(1e-6);
    // Against the known s: rounding W to float32 moves each s_i by at most ||W32 - W||_2 <= ||W32 - W||_F (Weyl).
    let e2 = 0;
    for (let i = 0; i < w.length; i++) e2 += (w[i] - w64[i]) ** 2;
    let worst = 0;
    for (let i = 0; i < c; i++) worst = Math.max(worst, Math.abs(run.s[i] - s0[i]));
    notes.push(`6 decades vs known s: max |ds| ${worst.toExponential(2)}, Weyl bound ${Math.sqrt(e2).toExponential(2)}`);
    expect(worst).toBeLessThanOrEqual(Math.sqrt(e2) * (1 + 1e-6) + 1e-12);
  }

  // One GPT-2-small c_attn-shaped matrix.
  {
    const r = 768, c = 2304;
    const w = gaussianMatrix(r, c, 1234);
    const run = await gpuSv(page, w, r, c);
    const d = relDiff(run.s, singularValues(w, r, c));
    notes.push(`${r}x${c}: ${d.toExponential(2)} (${run.ms.toFixed(0)} ms)`);
    expect(d).toBeLessThan(1e-6);
  }
  test.info().annotations.push({ type: 'linalg-gpu', description: notes.join('; ') });
  console.log(notes.join('\n'));
});

test('WebGPU Cayley-Menger volumes (float32) match the CPU float64 volumes to 1e-4 relative', async ({ page }) => {
  await page.goto('/?expose');
  await page.waitForFunction(() => 'residualLab' in globalThis);
  const volumes = (points: Float32Array, n: number, d: number, simplices: Uint32Array, m: number) =>
    page.evaluate(
      async ({ p64, n, d, s64, m }) => {
        const lab = (globalThis as unknown as { residualLab: RemoteLab }).residualLab;
        const bytes = (b64: string) => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)).buffer;
        const r = await lab.gpuSimplexVolumes(new Float32Array(bytes(p64)), n, d, new Uint32Array(bytes(s64)), m);
        return { volumes: Array.from(r.volumes), ms: r.ms, fallback: r.adapter.isFallbackAdapter };
      },
      { p64: base64(points), n, d, s64: base64(simplices), m },
    );
  const notes: string[] = [];

  // A regular simplex: the m unit vectors scaled by c have edge c sqrt(2); V = a^k / k! sqrt((k+1) / 2^k).
  for (const m of [3, 5, 8]) {
    const c = 0.7;
    const pts = new Float32Array(m * m);
    for (let i = 0; i < m; i++) pts[i * m + i] = c;
    const k = m - 1;
    let fact = 1;
    for (let i = 2; i <= k; i++) fact *= i;
    const closed = ((c * Math.SQRT2) ** k / fact) * Math.sqrt((k + 1) / 2 ** k);
    const r = await volumes(pts, m, m, Uint32Array.from({ length: m }, (_, i) => i), m);
    expect(Math.abs(r.volumes[0] - closed) / closed, `regular ${k}-simplex`).toBeLessThan(1e-5);
  }

  // Random 5-point simplices of an embedding-like matrix, as the embedding battery samples them.
  for (const [n, d, count] of [[512, 64, 2000], [2000, 768, 500]]) {
    const rng = new Rng(n + d);
    const pts = new Float32Array(n * d);
    for (let i = 0; i < pts.length; i++) pts[i] = 0.02 * rng.normal();
    const simplices = new Uint32Array(count * 5);
    for (let t = 0; t < count; t++) simplices.set(rng.sample(n, 5), 5 * t);
    const r = await volumes(pts, n, d, simplices, 5);
    let worst = 0;
    for (let t = 0; t < count; t++) {
      const sub = new Float32Array(5 * d);
      for (let i = 0; i < 5; i++) sub.set(pts.subarray(simplices[5 * t + i] * d, simplices[5 * t + i] * d + d), i * d);
      const cpu = simplexVolume(sub, 5, d);
      worst = Math.max(worst, Math.abs(r.volumes[t] - cpu) / cpu);
    }
    notes.push(`${count} simplices of [${n}, ${d}]: max rel ${worst.toExponential(2)} (${r.ms.toFixed(0)} ms, fallback=${r.fallback})`);
    expect(worst).toBeLessThan(1e-4);
  }
  test.info().annotations.push({ type: 'linalg-gpu-cm', description: notes.join('; ') });
  console.log(notes.join('\n'));
});
