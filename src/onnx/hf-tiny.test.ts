/**
 * Integration: tap surgery on every hf-tiny ONNX file (../shared/fixtures/hf-tiny) against the PyTorch
 * reference: per-token L2 norms and the last-token vector at every block boundary, resid_mid, the true
 * pre-final-norm residual and the final-norm output, on the 3 reference sequences, to 1e-4 relative.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { findResidualStructure, structureSummary } from './taps';
import { hookLogits } from '../model/hooks';
import { HF_TINY_FILES, loadOnnx, loadReference, stackOf } from './testing/fixtures';
import { sequenceFeeds } from './testing/scenario';
import { feedsFor, pastFromPresent, runModel } from './testing/run';
import { checkErrors, hooksOf, lastLogitsError, referenceChecks, runTapped } from './testing/check';
import { compareSummary } from './testing/compare';
import { withOutputs, floatOutput } from './proto';

const TOL = 1e-4;
const worst: Record<string, number> = {};

describe.each(HF_TINY_FILES)('hf-tiny $family/$file', (f) => {
  const model = loadOnnx(f);
  const ref = loadReference(f.family);

  it('finds the blocks the config describes', () => {
    const s = structureSummary(findResidualStructure(model));
    const stack = stackOf(ref.sequences[0], f.kind);
    expect(s.nBlocks).toBe(stack.blocks.length);
    expect(s.layout).toBe(f.family === 'gpt_neox' ? 'parallel' : 'sequential');
    const expected = f.family === 'gpt_neox' ? ['parallel'] : f.kind === 't5_decoder' ? ['attn', 'cross_attn', 'mlp'] : ['attn', 'mlp'];
    for (const kinds of s.sublayers) expect(kinds).toEqual(expected);
    expect(s.norm).toBe(f.family === 'llama' || f.family === 't5' ? 'RMSNorm' : 'LayerNorm');
    expect(s.head).toBe(f.kind === 't5_encoder' ? 'none' : 'lm');
    expect(s.merged).toBe(f.kind === 'merged');
  });

  it('matches the PyTorch reference at every tap', async () => {
    const s = findResidualStructure(model);
    let max = 0;
    for (const seq of ref.sequences) {
      const stack = stackOf(seq, f.kind);
      const checks = referenceChecks(s, stack);
      const hooks = hooksOf(s, checks);
      const t5dec = f.kind === 't5_decoder';
      const feeds = await sequenceFeeds(model, f, seq);
      const taps = await runTapped(model, s, hooks, feeds);
      const errs = checkErrors(taps, checks);
      if (s.head === 'lm') errs.set('logits_last_token', lastLogitsError(taps.get(hookLogits)!, seq.logits_last_token));
      if (t5dec) {
        // The cross-attention mid point has no hook name; tap its tensor directly.
        const extra = withOutputs(model, [...model.graph!.output!, ...s.blocks.map((b) => floatOutput(b.sublayers[1].out))]);
        const res = await runModel(extra, feeds, s.blocks.map((b) => b.sublayers[1].out));
        s.blocks.forEach((b, i) => {
          const e = compareSummary(res.get(b.sublayers[1].out)!, stack.blocks[i].resid_mid_after_cross_attn!);
          errs.set(`blocks[${i}].resid_mid_after_cross_attn`, Math.max(e.norms, e.lastToken));
        });
      }
      for (const [label, e] of errs) {
        expect(e, `${label} (n=${seq.input_ids.length})`).toBeLessThan(TOL);
        max = Math.max(max, e);
      }
      expect(errs.size).toBeGreaterThanOrEqual(3 * stack.blocks.length + 4);
    }
    worst[`${f.family}/${f.file}`] = max;
  });

  // The cache path: the prefix without past, then the last token with the prefix's past (for a merged
  // decoder the second step runs the then_branch, use_cache_branch = true). Last position only.
  if (f.kind === 'with_past' || f.kind === 'merged') it('matches the reference at every tap on an incremental step', async () => {
    const s = findResidualStructure(model);
    const presents = model.graph!.output!.map((o) => o.name!).filter((n) => n.startsWith('present.'));
    let max = 0;
    for (const seq of ref.sequences) {
      const ids = seq.input_ids;
      const first = await runModel(model, feedsFor(model, { ids: ids.slice(0, -1) }), presents);
      const feeds = feedsFor(model, { ids: ids.slice(-1), past: pastFromPresent(first), useCacheBranch: true });
      const checks = referenceChecks(s, stackOf(seq, f.kind));
      const taps = await runTapped(model, s, hooksOf(s, checks), feeds);
      const errs = checkErrors(taps, checks, true);
      errs.set('logits_last_token', lastLogitsError(taps.get(hookLogits)!, seq.logits_last_token));
      for (const [label, e] of errs) {
        expect(e, `${label} (n=${ids.length}, incremental)`).toBeLessThan(TOL);
        max = Math.max(max, e);
      }
    }
    worst[`${f.family}/${f.file} incremental${f.kind === 'merged' ? ' (then_branch)' : ''}`] = max;
  });
});

afterAll(() => {
  console.log('max relative error vs PyTorch per file:\n' + Object.entries(worst).map(([k, v]) => `  ${k}: ${v.toExponential(2)}`).join('\n'));
});
