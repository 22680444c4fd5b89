/**
 * Issue 6's benchmark: all singular values of the 48 GPT-2-small-shaped matrices, in Chromium (the
 * lab's CPU path in a worker; the WebGPU path when it exists) and numpy on the same machine in the
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
  report.svd_gpt2small_s_numpy = numpy.total_ms / 1000;
  report.svd_gpt2small_s_lab_cpu = cpu.totalMs / 1000;
  // No WebGPU singular-value path yet: recorded as null, not guessed.
  report.svd_gpt2small_s_lab_webgpu = null;
  const best = Math.min(cpu.totalMs / 1000);
  report.svd_gpt2small_ratio = best / (numpy.total_ms / 1000);
  meta.svd = `48 matrices (12 x 768x2304, 768x768, 768x3072, 3072x768), N(0, 0.02^2) float32; lab: src/linalg/cpu singularValues (float64 Gram + tridiagonal QL with refinement of small values) in the model worker, one thread; numpy ${numpy.numpy} np.linalg.svd(compute_uv=False) on ${numpy.blas} with its default threads, its own Gaussian draws of the same shapes; webgpu: no GPU singular-value path yet`;
}
