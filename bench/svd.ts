/**
 * Issue 6's benchmark: all singular values of the 48 GPT-2-small-shaped matrices, in Chromium (the
 * lab's CPU path and its WebGPU path, both in the model worker) and numpy on the same machine in the
 * same run. Metrics: svd_gpt2small_s_lab_cpu, svd_gpt2small_s_lab_webgpu, svd_gpt2small_s_numpy,
 * svd_gpt2small_ratio (best lab path over numpy; <= 1.0 is the target).
 */
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import type { RemoteLab } from '../src/runtime/client';

export async function svdBench(page: Page, report: Record<string, unknown>, meta: Record<string, unknown>): Promise<void> {
  const numpy = JSON.parse(execFileSync('python3', ['scripts/bench_svd_numpy.py'], { encoding: 'utf8' })) as { total_ms: number; numpy: string; blas: string };
  const cpu = await page.evaluate(async () => {
    const lab = (globalThis as unknown as { residualLab: RemoteLab }).residualLab;
    return lab.benchSvd(1234);
  });
  // The WebGPU path on the same matrices; where WebGPU is missing or fails its precision check the
  // figure is null with the reason, never a guess.
  const gpu = await page.evaluate(async () => {
    const lab = (globalThis as unknown as { residualLab: RemoteLab }).residualLab;
    try {
      const r = await lab.benchSvdWebGpu(1234);
      return { ok: true as const, totalMs: r.totalMs, sMax: r.sMax, adapter: r.adapter, gramError: r.gramPrecision.maxRelError };
    } catch (e) {
      return { ok: false as const, error: (e as Error).message };
    }
  });
  report.svd_gpt2small_s_numpy = numpy.total_ms / 1000;
  report.svd_gpt2small_s_lab_cpu = cpu.totalMs / 1000;
  // Both paths decompose the same matrices: their largest values must agree, or the GPU figure is void.
  const drift = gpu.ok ? Math.max(...gpu.sMax.map((s, i) => Math.abs(s - cpu.sMax[i]) / cpu.sMax[i])) : NaN;
  const gpuValid = gpu.ok && drift < 1e-6;
  report.svd_gpt2small_s_lab_webgpu = gpuValid ? gpu.totalMs / 1000 : null;
  let webgpuNote: string;
  if (!gpu.ok) webgpuNote = `webgpu: not measured (${gpu.error})`;
  else if (!gpuValid) webgpuNote = `webgpu: void, its largest singular values differ from the CPU path's by up to ${drift.toExponential(2)}`;
  else {
    const a = gpu.adapter;
    const name = [a.vendor, a.architecture, a.description].filter(Boolean).join(' ') || 'unnamed adapter';
    webgpuNote = `webgpu: src/linalg/gpu gpuSingularValues (float-float Gram of the short side in WGSL, read back to float64, then the CPU path's QL and refinement; time includes packing, upload, readback and the CPU eigen stage; device, shader compile and precision check untimed) on ${name}${a.isFallbackAdapter ? ' (software fallback adapter, e.g. SwiftShader running on the CPU: a correctness path whose time says nothing of a GPU)' : ''}, Gram check error ${gpu.gramError.toExponential(2)}, largest values within ${drift.toExponential(1)} of the CPU path's`;
  }
  const gpuMs = gpuValid ? gpu.totalMs : Infinity;
  report.svd_gpt2small_ratio = Math.min(cpu.totalMs, gpuMs) / 1000 / (numpy.total_ms / 1000);
  meta.svd = `48 matrices (12 x 768x2304, 768x768, 768x3072, 3072x768), N(0, 0.02^2) float32; lab cpu: src/linalg/cpu singularValues (float64 Gram + tridiagonal QL with refinement of small values) in the model worker, one thread; ${webgpuNote}; ratio: the faster lab path (${gpuMs < cpu.totalMs ? 'webgpu' : 'cpu'}) over numpy; numpy ${numpy.numpy} np.linalg.svd(compute_uv=False) on ${numpy.blas} with its default threads, its own Gaussian draws of the same shapes`;
}
