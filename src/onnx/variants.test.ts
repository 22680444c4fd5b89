/**
 * Integration: the forms the lab meets besides plain exports, written from the hf-tiny fixtures by
 * the test rewriters: norms as single ops, residual Adds fused into Skip*Normalization (the final
 * sum not output), and whole graphs wrapped into an If (merged-decoder shape, branch tensors named
 * differently). Every tap must equal the plain original's (1e-5) and the PyTorch reference (1e-4).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { findResidualStructure, structureSummary } from './taps';
import type { ModelProto } from './proto';
import { HF_TINY_FILES, loadOnnx, loadReference, stackOf, type FixtureFile } from './testing/fixtures';
import { sequenceFeeds } from './testing/scenario';
import { checkErrors, hooksOf, referenceChecks, runTapped } from './testing/check';
import { compareTensors } from './testing/compare';
import { fuseNorms } from './testing/fuse';
import { wrapInIf } from './testing/wrap-if';

interface Variant {
  name: string;
  make: (m: ModelProto) => ModelProto;
  /** the final norm op the summary must report, by norm family */ normOp: (rms: boolean, plainOp: string) => string;
  merged: boolean;
}

const skipOp = (rms: boolean) => (rms ? 'SkipSimplifiedLayerNormalization' : 'SkipLayerNormalization');
const VARIANTS: Variant[] = [
  { name: 'norm ops', make: (m) => fuseNorms(m, { skip: false }).model, normOp: (rms) => (rms ? 'SimplifiedLayerNormalization' : 'LayerNormalization'), merged: false },
  { name: 'skip-fused', make: (m) => fuseNorms(m).model, normOp: skipOp, merged: false },
  { name: 'If-wrapped', make: (m) => wrapInIf(m, { thenPrefix: 'then/' }), normOp: (_, plain) => plain, merged: true },
  { name: 'skip-fused, If-wrapped', make: (m) => wrapInIf(fuseNorms(m).model, { thenPrefix: 'then/' }), normOp: skipOp, merged: true },
];

const SAME = 1e-5;
const REF = 1e-4;
const worst: Record<string, { plain: number; ref: number }> = {};
const files = HF_TINY_FILES.filter((f) => f.kind !== 'merged');

describe.each(files)('variants of $family/$file', (f: FixtureFile) => {
  const plain = loadOnnx(f);
  const sPlain = findResidualStructure(plain);
  const ref = loadReference(f.family);
  const rms = f.family === 'llama' || f.family === 't5';

  // with_past files differ from model.onnx only in their inputs: the combined variant covers them.
  const variants = f.kind === 'with_past' ? VARIANTS.slice(-1) : VARIANTS;
  it.each(variants)('$name: same structure, same numbers at every tap', async (v) => {
    const model = v.make(plain);
    const s = findResidualStructure(model);
    const sum = structureSummary(s);
    const plainSum = structureSummary(sPlain);
    expect(sum.sublayers).toEqual(plainSum.sublayers);
    expect(sum.layout).toBe(plainSum.layout);
    expect(sum.norm).toBe(plainSum.norm);
    expect(sum.normOp).toBe(v.normOp(rms, plainSum.normOp));
    expect(sum.merged).toBe(v.merged);
    const w = { plain: 0, ref: 0 };
    for (const seq of ref.sequences) {
      const checks = referenceChecks(s, stackOf(seq, f.kind));
      const hooks = hooksOf(s, checks);
      const base = await runTapped(plain, sPlain, hooks, await sequenceFeeds(plain, f, seq));
      for (const branch of v.merged ? [true, false] : [false]) {
        const taps = await runTapped(model, s, hooks, await sequenceFeeds(model, f, seq, { useCacheBranch: branch }));
        for (const h of hooks) {
          const t = taps.get(h)!;
          const e = compareTensors(t, base.get(h)!, t.dims[t.dims.length - 1]);
          expect(e, `${h} vs plain (n=${seq.input_ids.length}, branch ${branch})`).toBeLessThan(SAME);
          w.plain = Math.max(w.plain, e);
        }
        for (const [label, e] of checkErrors(taps, checks)) {
          expect(e, `${label} vs reference`).toBeLessThan(REF);
          w.ref = Math.max(w.ref, e);
        }
      }
    }
    worst[`${f.family}/${f.file} ${v.name}`] = w;
  });
});

afterAll(() => {
  const lines = Object.entries(worst).map(([k, w]) => `  ${k}: vs plain ${w.plain.toExponential(2)}, vs PyTorch ${w.ref.toExponential(2)}`);
  console.log('max relative error per variant:\n' + lines.join('\n'));
});
