/**
 * The weight catalog on real graphs: every hf-tiny family (both opsets, the merged If decoder, the
 * quantized forms) and stories260K built from its llama2.c checkpoint. Names, shapes and the values
 * of split and transposed matrices are checked against the raw initializers.
 */
import { describe, it, expect } from 'vitest';
import { loadOnnx, type Family } from '../../onnx/testing/fixtures';
import { quantizeMatMuls } from '../../onnx/testing/quantize';
import { tensorToFloat32 } from '../../onnx/tensor-data';
import { weightCatalog, type CatalogCard, type WeightEntry } from './extract';
import { prepareLlama2c } from '../llama2c/load';
import { readLlama2cCheckpoint } from '../llama2c/checkpoint';
import { named, readBytes, STORIES_CKPT, STORIES_TOK } from '../../testing/shared';
import type { ModelProto } from '../../onnx/proto';

const CARDS: Record<Family, CatalogCard> = {
  gpt2: { nHeads: 4, nKvHeads: 4, dHead: 16, tiedEmbeddings: true },
  gpt_neox: { nHeads: 4, nKvHeads: 4, dHead: 16, tiedEmbeddings: false },
  llama: { nHeads: 4, nKvHeads: 2, dHead: 16, tiedEmbeddings: false },
  t5: { nHeads: 4, nKvHeads: 4, dHead: 16, tiedEmbeddings: true },
};

const names = (es: WeightEntry[]) => es.map((e) => e.name);
const shape = (es: WeightEntry[], n: string) => {
  const e = es.find((x) => x.name === n)!;
  return [e.rows, e.cols];
};
const perLayer = (kinds: string[], L: number, stack = '') => Array.from({ length: L }, (_, i) => kinds.map((k) => `${stack}${k}.${i}`)).flat();

function init(model: ModelProto, name: string): Float32Array {
  return tensorToFloat32(model.graph!.initializer!.find((t) => t.name === name)!);
}

describe('weight catalog', () => {
  for (const opset of ['opset14', 'opset17']) {
    it(`GPT-2 (${opset}): c_attn splits into [q | k | v] rows of the transposed Conv1D weight`, () => {
      const model = loadOnnx({ family: 'gpt2', file: `${opset}/model.onnx` });
      const cat = weightCatalog([{ model }], CARDS.gpt2);
      expect(cat.layout).toBe('GPT-2');
      expect(names(cat.entries).sort()).toEqual(['embed', 'pos_embed', 'ln_final', ...perLayer(['wq', 'wk', 'wv', 'wo', 'mlp_in', 'mlp_out', 'ln_attn', 'ln_mlp'], 3)].sort());
      expect(cat.notes.join()).toMatch(/tied/);
      expect(shape(cat.entries, 'wk.1')).toEqual([64, 64]);
      expect(shape(cat.entries, 'mlp_in.2')).toEqual([256, 64]);
      expect(shape(cat.entries, 'mlp_out.2')).toEqual([64, 256]);
      // Conv1D weight [in = 64, out = 192]: k is columns 64..127; the catalog's k row r is column 64 + r.
      const fused = init(model, 'transformer.h.1.attn.c_attn.weight');
      const wk = cat.entries.find((e) => e.name === 'wk.1')!.read();
      for (const [r, c] of [[0, 0], [5, 63], [63, 17]]) expect(wk[r * 64 + c]).toBe(fused[c * 192 + 64 + r]);
    });
  }

  it('GPT-NeoX: query_key_value splits per head (q_h, k_h, v_h interleaved)', () => {
    const model = loadOnnx({ family: 'gpt_neox', file: 'opset17/model.onnx' });
    const cat = weightCatalog([{ model }], CARDS.gpt_neox);
    expect(cat.layout).toBe('GPT-NeoX');
    expect(names(cat.entries).sort()).toEqual(['embed', 'unembed', 'ln_final', ...perLayer(['wq', 'wk', 'wv', 'wo', 'mlp_in', 'mlp_out', 'ln_attn', 'ln_mlp'], 3)].sort());
    const qkv = cat.entries.find((e) => e.name === 'wq.0')!;
    expect(qkv.source).toMatch(/per-head/);
    // The MatMul weight is [in = 64, out = 192]; head h's v rows are outputs h*48 + 32 .. h*48 + 47.
    const node = model.graph!.node!.find((n) => n.name === '/gpt_neox/layers.0/attention/query_key_value/MatMul')!;
    const fused = init(model, node.input![1]);
    const wv = cat.entries.find((e) => e.name === 'wv.0')!.read();
    for (const [h, d, c] of [[0, 0, 0], [2, 5, 9], [3, 15, 63]]) expect(wv[(h * 16 + d) * 64 + c]).toBe(fused[c * 192 + h * 48 + 32 + d]);
  });

  it('Llama (GQA): k and v have n_kv_heads x d_head rows; plain, merged If and quantized graphs give the same catalog', () => {
    const plain = weightCatalog([{ model: loadOnnx({ family: 'llama', file: 'opset17/model.onnx' }) }], CARDS.llama);
    expect(plain.layout).toMatch(/Llama/);
    expect(names(plain.entries).sort()).toEqual(['embed', 'unembed', 'ln_final', ...perLayer(['wq', 'wk', 'wv', 'wo', 'mlp_in', 'mlp_gate', 'mlp_out', 'ln_attn', 'ln_mlp'], 3)].sort());
    expect(shape(plain.entries, 'wk.0')).toEqual([32, 64]);
    expect(shape(plain.entries, 'mlp_gate.2')).toEqual([172, 64]);
    const merged = weightCatalog([{ model: loadOnnx({ family: 'llama', file: 'opset14/decoder_model_merged.onnx' }) }], CARDS.llama);
    expect(names(merged.entries).sort()).toEqual(names(plain.entries).sort());
    for (const n of ['wq.1', 'mlp_out.2', 'ln_mlp.0']) expect(merged.entries.find((e) => e.name === n)!.read()).toEqual(plain.entries.find((e) => e.name === n)!.read());
    for (const form of ['qdq', 'nbits'] as const) {
      const q = weightCatalog([{ model: quantizeMatMuls(loadOnnx({ family: 'llama', file: 'opset17/model.onnx' }), form).model }], CARDS.llama);
      expect(names(q.entries).sort(), form).toEqual(names(plain.entries).sort());
      const a = q.entries.find((e) => e.name === 'mlp_in.1')!;
      expect(a.source).toMatch(form === 'qdq' ? /DequantizeLinear/ : /MatMulNBits/);
      const x = a.read();
      const y = plain.entries.find((e) => e.name === 'mlp_in.1')!.read();
      let err = 0;
      let max = 0;
      for (let i = 0; i < y.length; i++) {
        err = Math.max(err, Math.abs(x[i] - y[i]));
        max = Math.max(max, Math.abs(y[i]));
      }
      // Dequantized weights are the float weights up to the quantization step (int8: max/127 / 2; 4-bit: block max/7 / 2).
      expect(err / max, form).toBeLessThan(form === 'qdq' ? 0.5 / 127 + 1e-6 : 0.5 / 7 + 1e-6);
      expect(err, form).toBeGreaterThan(0);
    }
  });

  it('T5: encoder and decoder stacks, cross-attention, the shared embedding', () => {
    const enc = loadOnnx({ family: 't5', file: 'opset17/encoder_model.onnx' });
    const dec = loadOnnx({ family: 't5', file: 'opset17/decoder_model.onnx' });
    const cat = weightCatalog([{ model: dec }, { model: enc, prefix: 'encoder.' }], CARDS.t5);
    expect(cat.layout).toBe('T5');
    const expected = [
      'embed', 'encoder.ln_final', 'decoder.ln_final',
      ...perLayer(['wq', 'wk', 'wv', 'wo', 'mlp_in', 'mlp_out', 'ln_attn', 'ln_mlp'], 2, 'encoder.'),
      ...perLayer(['wq', 'wk', 'wv', 'wo', 'cross_wq', 'cross_wk', 'cross_wv', 'cross_wo', 'mlp_in', 'mlp_out', 'ln_attn', 'ln_cross', 'ln_mlp'], 2, 'decoder.'),
    ];
    expect(names(cat.entries).sort()).toEqual(expected.sort());
    expect(shape(cat.entries, 'encoder.mlp_in.1')).toEqual([128, 64]);
    expect(cat.entries.find((e) => e.name === 'decoder.ln_cross.0')!.read()).toEqual(init(dec, 'decoder.block.0.layer.1.layer_norm.weight'));
  });

  it('stories260K (llama2.c): every matrix equals the checkpoint weight [out, in], bit for bit', () => {
    const prepared = prepareLlama2c(named(STORIES_CKPT), named(STORIES_TOK));
    const cat = weightCatalog([{ model: prepared.graph }], prepared.card);
    const { weights: w, config } = readLlama2cCheckpoint(readBytes(STORIES_CKPT));
    expect(names(cat.entries).sort()).toEqual(['embed', 'ln_final', ...perLayer(['wq', 'wk', 'wv', 'wo', 'mlp_in', 'mlp_gate', 'mlp_out', 'ln_attn', 'ln_mlp'], config.nLayers)].sort());
    const get = (n: string) => cat.entries.find((e) => e.name === n)!.read();
    for (let l = 0; l < config.nLayers; l++) {
      expect(get(`wq.${l}`)).toEqual(w.wq[l]);
      expect(get(`wk.${l}`)).toEqual(w.wk[l]);
      expect(get(`mlp_gate.${l}`)).toEqual(w.w1[l]);
      expect(get(`mlp_out.${l}`)).toEqual(w.w2[l]);
      expect(get(`mlp_in.${l}`)).toEqual(w.w3[l]);
      expect(get(`ln_attn.${l}`)).toEqual(w.rmsAtt[l]);
    }
    expect(get('embed')).toEqual(w.tokenEmbedding);
  });
});
