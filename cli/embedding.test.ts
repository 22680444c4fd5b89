/** residual-lab embedding --json on stories260K against scripts/reference_embedding.py (numpy, same seeded samples). */
import { describe, it, expect } from 'vitest';
import { resolve } from 'node:path';
import { main } from './main';
import { SHARED, STORIES_CKPT, STORIES_TOK } from '../src/testing/shared';
import { embeddingReference } from '../src/analysis/embedding/testing/reference-fixture';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('CLI embedding', () => {
  it('static geometry, hidden-state evolution and alignment match numpy', async () => {
    const ref = embeddingReference();
    let out = '';
    const code = await main(['embedding', '--model', STORIES_CKPT, '--tokenizer', STORIES_TOK, '--align', resolve(SHARED, 'fixtures/hf-tiny/llama'), '--align-onnx', 'opset17/model.onnx', '--json'], (s) => (out += s));
    expect(code).toBe(0);
    const r = JSON.parse(out);
    const s = ref.stories260K;
    expect(rel(r.geometry.norms.summary.mean, s.norms.summary.mean)).toBeLessThan(1e-9);
    expect(rel(r.geometry.cosines.summary.mean, s.cosines.summary.mean)).toBeLessThan(1e-9);
    expect(rel(r.geometry.spectrum.participationRatio, s.spectrum.participation_ratio)).toBeLessThan(1e-8);
    expect(rel(r.geometry.simplices.ratio, s.simplices.ratio)).toBeLessThan(1e-6);
    expect(r.geometry.digits.ids).toEqual(s.digits.ids);
    expect(rel(r.geometry.digits.correlation, s.digits.correlation)).toBeLessThan(1e-8);
    // Evolution: the reference is HF hidden_states (resid_pre(0..L-1), then ln_final); the lab adds resid_post(L-1) before ln_final.
    const L = s.evolution.layers.length - 1;
    const ours = r.evolution.layers as { meanNorm: number; meanCos: number }[];
    expect(ours).toHaveLength(L + 2);
    expect(r.evolutionHooks[L]).toBe(`blocks.${L - 1}.hook_resid_post`);
    for (let i = 0; i < L; i++) expect(rel(ours[i].meanNorm, s.evolution.layers[i].mean_norm), `boundary ${i}`).toBeLessThan(1e-5);
    expect(rel(ours[L + 1].meanNorm, s.evolution.layers[L].mean_norm)).toBeLessThan(1e-5);
    expect(rel(ours[L + 1].meanCos, s.evolution.layers[L].mean_cos)).toBeLessThan(1e-5);
    // Alignment: stories260K (64 wide) with hf-tiny llama (64 wide) over their first 256 ids.
    expect(r.alignment.tokens).toBe(ref.alignment.tokens);
    expect(rel(r.alignment.result.varianceRetained, ref.alignment.variance_retained)).toBeLessThan(1e-8);
    expect(rel(r.alignment.result.heldOutCos.mean, ref.alignment.held_out_cos.mean)).toBeLessThan(1e-8);
  }, 60_000);
});
