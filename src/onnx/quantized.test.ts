/**
 * Integration: graphs with quantized matmuls (the LM head and the branch projections), written from
 * hf-tiny by the test quantizer: QDQ int8 weights, dynamic int8 (MatMulInteger) and 4-bit
 * MatMulNBits. The structure must be found the same (same tap tensors as the float graph); the taps
 * differ from the float ones only by quantization error.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { findResidualStructure, structureSummary, tapTensors } from './taps';
import { hookLogits } from '../model/hooks';
import { HF_TINY_FILES, loadOnnx, loadReference, type FixtureFile } from './testing/fixtures';
import { sequenceFeeds } from './testing/scenario';
import { runTapped } from './testing/check';
import { runModel } from './testing/run';
import { compareTensors } from './testing/compare';
import { quantizeMatMuls, type QuantForm } from './testing/quantize';
import { fuseNorms } from './testing/fuse';
import { wrapInIf } from './testing/wrap-if';

/** Loose bounds: random tiny weights quantize badly; what is tested is that the taps come out right. */
const BOUND: Record<QuantForm, number> = { qdq: 0.05, dynamic: 0.05, nbits: 0.35 };
const worst: Record<string, number> = {};
const files = HF_TINY_FILES.filter((f) => f.file.startsWith('opset17/') && f.kind !== 'with_past');

describe.each(files)('quantized $family/$file', (f: FixtureFile) => {
  const plain = loadOnnx(f);
  const sPlain = findResidualStructure(plain);
  const seq = loadReference(f.family).sequences[2];

  it.each(['qdq', 'dynamic', 'nbits'] as const)('%s: same tap tensors, taps within quantization error', async (form) => {
    const { model, count } = quantizeMatMuls(plain, form);
    expect(count).toBeGreaterThan(0);
    const s = findResidualStructure(model);
    expect([...tapTensors(s)]).toEqual([...tapTensors(sPlain)]);
    expect(structureSummary(s)).toEqual(structureSummary(sPlain));
    const hooks = [...tapTensors(s).keys()];
    const base = await runTapped(plain, sPlain, hooks, await sequenceFeeds(plain, f, seq));
    const feeds = await sequenceFeeds(model, f, seq);
    const taps = await runTapped(model, s, hooks, feeds);
    let max = 0;
    for (const h of hooks) {
      const t = taps.get(h)!;
      max = Math.max(max, compareTensors(t, base.get(h)!, t.dims[t.dims.length - 1]));
    }
    expect(max).toBeLessThan(BOUND[form]);
    worst[`${f.family}/${f.file} ${form} (${count} matmuls)`] = max;
    if (s.head === 'lm') {
      // Tapping adds outputs only: the logits of the untapped model are bit-identical.
      const untapped = (await runModel(model, feeds, [s.logits])).get(s.logits)!;
      expect(compareTensors(taps.get(hookLogits)!, untapped, untapped.dims[2])).toBe(0);
    }
  });
});

describe('quantized, fused and merged at once', () => {
  it('finds llama blocks in a 4-bit, skip-fused, If-wrapped graph', async () => {
    const f = files.find((x) => x.family === 'llama')!;
    const plain = loadOnnx(f);
    const quantized = quantizeMatMuls(plain, 'nbits').model;
    const model = wrapInIf(fuseNorms(quantized).model, { thenPrefix: 'then/' });
    const s = findResidualStructure(model);
    expect(structureSummary(s)).toMatchObject({ nBlocks: 3, layout: 'sequential', norm: 'RMSNorm', normOp: 'SkipSimplifiedLayerNormalization', merged: true });
    const seq = loadReference('llama').sequences[0];
    const hooks = [...tapTensors(s).keys()];
    const taps = await runTapped(model, s, hooks, await sequenceFeeds(model, f, seq, { useCacheBranch: true }));
    const ref = await runTapped(quantized, findResidualStructure(quantized), hooks, await sequenceFeeds(plain, f, seq));
    for (const h of hooks) expect(compareTensors(taps.get(h)!, ref.get(h)!, taps.get(h)!.dims[2]), h).toBeLessThan(1e-5);
  });
});

afterAll(() => {
  console.log('max relative error of taps, quantized vs float:\n' + Object.entries(worst).map(([k, v]) => `  ${k}: ${v.toExponential(2)}`).join('\n'));
});
