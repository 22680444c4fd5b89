/**
 * Every hf-tiny fixture graph, loaded through the Hub path (the local stand-in) into the real model
 * worker, tapped by structure, on WASM and on WebGPU: per-token norms and last-token vectors at every
 * block boundary, the pre-final-norm residual and the final-norm output against the PyTorch references.
 * The page's `?expose` handle drives the worker directly (the UI path is covered in hf-ui.spec.ts).
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HUB, SHARED } from './support/lab-page';

interface Summary { token_l2_norms: number[]; last_token: number[] }
interface Stack { hidden_states: Summary[]; pre_final_norm: Summary; final_norm_output: Summary; blocks: { resid_mid?: Summary | null }[] }
interface DecoderStack extends Omit<Stack, 'blocks'> { blocks: { resid_mid_after_self_attn: Summary }[] }

const FILES: { family: string; file: string }[] = [];
for (const family of ['gpt2', 'gpt_neox', 'llama']) for (const o of ['opset14', 'opset17']) for (const f of ['model.onnx', 'model_with_past.onnx']) FILES.push({ family, file: `${o}/${f}` });
FILES.push({ family: 'llama', file: 'opset14/decoder_model_merged.onnx' }, { family: 't5', file: 'opset14/encoder_model.onnx' }, { family: 't5', file: 'opset17/encoder_model.onnx' }, { family: 't5', file: 'opset14/decoder_model.onnx' }, { family: 't5', file: 'opset17/decoder_model.onnx' });

function expected(stack: Stack, L: number): [string, Summary][] {
  const out: [string, Summary][] = [];
  for (let i = 0; i < L; i++) out.push([`blocks.${i}.hook_resid_pre`, stack.hidden_states[i]]);
  out.push([`blocks.${L - 1}.hook_resid_post`, stack.pre_final_norm], ['ln_final.hook_normalized', stack.final_norm_output]);
  stack.blocks.forEach((b, i) => b.resid_mid && out.push([`blocks.${i}.hook_resid_mid`, b.resid_mid]));
  return out;
}

for (const ep of ['wasm', 'webgpu'] as const) {
  test(`hf-tiny fixtures match PyTorch on ${ep}`, async ({ page }) => {
    test.setTimeout(600_000);
    await page.goto('/?expose');
    await page.waitForFunction(() => 'residualLab' in globalThis);
    let worst = 0;
    for (const f of FILES) {
      const ref = JSON.parse(readFileSync(resolve(SHARED, 'fixtures/hf-tiny', f.family, 'reference.json'), 'utf8'));
      const encoder = f.file.includes('encoder_model');
      const decoder = f.file.includes('decoder_model.onnx') && f.family === 't5';
      type Seq = { input_ids: number[]; decoder_input_ids?: number[]; encoder?: Stack; decoder?: DecoderStack } & Stack;
      const seqs = ref.sequences.map((s: Seq) => {
        if (decoder) {
          // Teacher forcing: the decoder ids feed the decoder, the input ids its encoder.
          const d = s.decoder!;
          const stack = { ...d, blocks: d.blocks.map((b) => ({ resid_mid: b.resid_mid_after_self_attn })) };
          return { ids: s.decoder_input_ids!, encoderIds: s.input_ids, exp: expected(stack, ref.decoder_num_layers) };
        }
        return { ids: s.input_ids, exp: expected(encoder ? s.encoder! : s, encoder ? ref.encoder_num_layers : ref.num_layers) };
      });
      const got = await page.evaluate(
        async ({ repo, file, ep, hub, seqs }) => {
          const lab = (globalThis as unknown as { residualLab: import('../src/runtime/client').RemoteLab }).residualLab;
          const info = await lab.load({ source: { kind: 'hf', location: { hub: { repo, revision: 'main' } }, onnx: file }, ep, hubBaseUrl: hub });
          const out = [];
          for (const s of seqs as { ids: number[]; encoderIds?: number[]; exp: [string, unknown][] }[]) out.push(await lab.taps({ ids: s.ids, encoderIds: s.encoderIds }, s.exp.map(([h]) => h) as never));
          return { used: info.ep.ep, reason: info.ep.reason, out };
        },
        { repo: `residual-lab/hf-tiny-${f.family}`, file: f.file, ep, hub: HUB, seqs },
      );
      expect(got.used).toBe(ep);
      if (ep === 'webgpu') expect(got.reason).toMatch(/\d+ on WebGpu/);
      seqs.forEach((s: { exp: [string, Summary][] }, k: number) => {
        for (const [h, ref] of s.exp) {
          const t = got.out[k].taps[h];
          ref.token_l2_norms.forEach((v, i) => {
            const e = Math.abs(t.norms[i] - v) / v;
            worst = Math.max(worst, e);
            expect(e, `${f.family}/${f.file} ${h} token ${i}`).toBeLessThan(1e-4);
          });
          const d = Math.hypot(...t.lastToken.map((x, j) => x - ref.last_token[j])) / Math.hypot(...ref.last_token);
          expect(d, `${f.family}/${f.file} ${h} last-token vector`).toBeLessThan(1e-4);
        }
      });
    }
    console.log(`${ep}: ${FILES.length} graphs, worst relative norm error ${worst.toExponential(2)}`);
  });
}
