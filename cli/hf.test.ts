/**
 * The Hugging Face path end to end in Node (the CLI's engine): every hf-tiny fixture graph loaded as
 * a model folder, tapped by structure, against the PyTorch references; stories260K-hf through the
 * local-folder and Hub paths against the llama2.c path and its reference.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Server } from 'node:http';
import { nodeLab } from './node-lab';
import { main } from './main';
import { HF_TINY_FILES } from '../src/onnx/testing/fixtures';
import { boundaryHooks, hookFinalNorm, residMid, type HookName } from '../src/model/hooks';
import { maxRelErr, PUBLISHED_TEXT, SHARED, storiesReference } from '../src/testing/shared';
import { startHubServer } from '../e2e/support/hub-server';

interface Summary { token_l2_norms: number[]; last_token: number[] }
interface Stack { hidden_states: Summary[]; pre_final_norm: Summary; final_norm_output: Summary; blocks: { resid_mid?: Summary | null }[] }
const HF_TINY = resolve(SHARED, 'fixtures/hf-tiny');
const vecErr = (a: number[], b: number[]) => Math.hypot(...a.map((v, i) => v - b[i])) / Math.hypot(...b);

/** hook -> reference summary for one stack (decoder-only model or T5 encoder). */
function expected(stack: Stack, L: number): [HookName, Summary][] {
  const out: [HookName, Summary][] = boundaryHooks(L).map((h, k) => [h, k < L ? stack.hidden_states[k] : stack.pre_final_norm]);
  out.push([hookFinalNorm, stack.final_norm_output]);
  stack.blocks.forEach((b, i) => b.resid_mid && out.push([residMid(i), b.resid_mid]));
  return out;
}

describe('hf-tiny fixtures through the Lab match PyTorch (rel err < 1e-4)', () => {
  for (const f of HF_TINY_FILES.filter((x) => x.kind !== 't5_decoder')) {
    it(`${f.family}/${f.file}`, async () => {
      const ref = JSON.parse(readFileSync(resolve(HF_TINY, f.family, 'reference.json'), 'utf8'));
      const lab = nodeLab();
      const info = await lab.load({ source: { kind: 'hf', location: { local: resolve(HF_TINY, f.family) }, onnx: f.file }, ep: 'auto' });
      const L = f.kind === 't5_encoder' ? ref.encoder_num_layers : ref.num_layers;
      expect(info.card.residual).toBe(f.family === 'gpt_neox' ? 'parallel' : 'sequential');
      expect(info.hasTokenizer).toBe(false);
      for (const seq of ref.sequences) {
        const stack: Stack = f.kind === 't5_encoder' ? seq.encoder : seq;
        const exp = expected(stack, L);
        const r = await lab.taps({ ids: seq.input_ids }, exp.map(([h]) => h));
        for (const [h, s] of exp) {
          expect(maxRelErr(r.taps[h].norms, s.token_l2_norms), `${h} norms`).toBeLessThan(1e-4);
          expect(vecErr(r.taps[h].lastToken, s.last_token), `${h} last token`).toBeLessThan(1e-4);
        }
      }
      await lab.unload();
    });
  }
});

describe('T5 decoder with its encoder (teacher forcing) matches PyTorch', () => {
  for (const o of ['opset14', 'opset17']) {
    it(`t5/${o}/decoder_model.onnx`, async () => {
      const ref = JSON.parse(readFileSync(resolve(HF_TINY, 't5/reference.json'), 'utf8'));
      const lab = nodeLab();
      const info = await lab.load({ source: { kind: 'hf', location: { local: resolve(HF_TINY, 't5') }, onnx: `${o}/decoder_model.onnx` }, ep: 'auto' });
      expect(info.card.nLayers).toBe(ref.decoder_num_layers);
      for (const seq of ref.sequences) {
        const d = seq.decoder;
        const exp = expected({ ...d, blocks: d.blocks.map((b: { resid_mid_after_self_attn: Summary }) => ({ resid_mid: b.resid_mid_after_self_attn })) }, ref.decoder_num_layers);
        const r = await lab.taps({ ids: seq.decoder_input_ids, encoderIds: seq.input_ids }, exp.map(([h]) => h));
        for (const [h, s] of exp) {
          expect(maxRelErr(r.taps[h].norms, s.token_l2_norms), h).toBeLessThan(1e-4);
          expect(vecErr(r.taps[h].lastToken, s.last_token), h).toBeLessThan(1e-4);
        }
        const m = await lab.measureIds(seq.decoder_input_ids, 5, seq.input_ids);
        expect(m.topK[0].id).toBe(seq.logits_last_token.indexOf(Math.max(...seq.logits_last_token)));
      }
      await lab.unload();
    });
  }
});

describe('stories260K in Hugging Face layout', () => {
  const dir = resolve(SHARED, 'models/stories260K-hf');
  const hfRef = JSON.parse(readFileSync(resolve(dir, 'reference.json'), 'utf8'));
  const ref = storiesReference();
  let hub: Server;
  beforeAll(async () => {
    hub = await startHubServer(5191);
  });
  afterAll(() => hub.close());

  it('local folder: HF tokenizer ids equal the llama2.c tokenizer; greedy text equals; taps match reference.json', async () => {
    const lab = nodeLab();
    await lab.load({ source: { kind: 'hf', location: { local: dir } }, ep: 'auto' });
    for (const c of ref.tokenizer_cases) expect(lab.tokenize(c.text).ids, JSON.stringify(c.text)).toEqual(c.ids);
    const g = await lab.generate({ prompt: '', maxNewTokens: ref.greedy_from_bos.published_text_tokens, temperature: 0 });
    expect(g.ids).toEqual(ref.greedy_from_bos.ids.slice(0, g.ids.length));
    expect(g.text).toBe(PUBLISHED_TEXT);
    for (const seq of hfRef.sequences) {
      const exp = expected(seq, 5);
      const r = await lab.taps({ prompt: seq.prompt }, exp.map(([h]) => h));
      expect(r.ids).toEqual(seq.input_ids);
      for (const [h, s] of exp) {
        expect(maxRelErr(r.taps[h].norms, s.token_l2_norms), h).toBeLessThan(1e-4);
        expect(vecErr(r.taps[h].lastToken, s.last_token), h).toBeLessThan(1e-4);
      }
    }
    await lab.unload();
  });

  it('Hub path (local stand-in in Hub layout) gives the same numbers as the llama2.c path', async () => {
    const lab = nodeLab();
    await lab.load({ source: { kind: 'hf', location: { hub: { repo: 'residual-lab/stories260K-hf', revision: 'main' } } }, ep: 'auto', hubBaseUrl: 'http://localhost:5191' });
    const m = await lab.measure(ref.prompts[1].text!);
    expect(maxRelErr(m.lastToken.G_block, ref.prompts[1].gains_last_token.G_block)).toBeLessThan(1e-4);
    expect(maxRelErr([m.entropyNats], [ref.prompts[1].entropy_nats])).toBeLessThan(1e-4);
    await lab.unload();
  });

  it('CLI: measure --model DIR|FILE.onnx|OWNER/NAME prints taps by hook name and the card', async () => {
    for (const model of [resolve(HF_TINY, 'llama/opset17/model.onnx'), 'residual-lab/hf-tiny-llama']) {
      let out = '';
      const code = await main(['measure', '--model', model, '--ids', '3,17,42', '--json', '--hub-base-url', 'http://localhost:5191'], (s) => (out += s));
      expect(code).toBe(0);
      const r = JSON.parse(out);
      expect(r.manifest.model.card.nKvHeads).toBe(2);
      expect(Object.keys(r.taps.taps)).toEqual(expect.arrayContaining(['blocks.0.hook_resid_pre', 'blocks.2.hook_resid_post', 'blocks.1.hook_resid_mid', 'ln_final.hook_normalized']));
      expect(r.taps.taps['blocks.0.hook_resid_pre'].lastToken).toHaveLength(64);
    }
  });
});
