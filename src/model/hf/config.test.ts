/**
 * config.json -> card on the real configs in ../shared: the four hf-tiny fixtures and stories260K-hf.
 * Parameter counts are checked by hand arithmetic (written out below) and, for stories260K, against
 * the tensors actually stored in model.safetensors and the llama2.c reader's count.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHfConfig, HfConfigError } from './config';
import { parseLlama2cHeader, llama2cParamCount } from '../llama2c/checkpoint';
import { readBytes, STORIES_CKPT } from '../../testing/shared';

const SHARED = path.resolve(process.cwd(), '../shared');
const TINY = path.join(SHARED, 'fixtures/hf-tiny');
const STORIES_HF = path.join(SHARED, 'models/stories260K-hf');
const readJson = (p: string): Record<string, unknown> => JSON.parse(readFileSync(p, 'utf8'));
const tinyConfig = (family: string) => readJson(path.join(TINY, family, 'config.json'));

/** Element count of every tensor in a safetensors file: 8-byte LE header length, then a JSON header of shapes. */
function safetensorsParamCount(file: string): number {
  const buf = readFileSync(file);
  const headerLen = Number(buf.readBigUInt64LE(0));
  const header = JSON.parse(buf.subarray(8, 8 + headerLen).toString('utf8')) as Record<string, { shape: number[] }>;
  return Object.entries(header)
    .filter(([name]) => name !== '__metadata__')
    .reduce((n, [, t]) => n + t.shape.reduce((a, b) => a * b, 1), 0);
}

describe('parseHfConfig on the hf-tiny fixtures', () => {
  it('gpt2: LayerNorm, sequential, learned positions, tied, n_inner null -> 4 x n_embd', () => {
    const c = parseHfConfig(tinyConfig('gpt2'));
    expect(c).toMatchObject({
      family: 'GPT-2', modelType: 'gpt2', architecture: 'GPT2LMHeadModel', nLayers: 3, dModel: 64, nHeads: 4, nKvHeads: 4, dHead: 16, rho: 0.25,
      normType: 'LayerNorm', residual: 'sequential', tiedEmbeddings: true, positional: 'learned absolute (128 positions)',
      vocabSize: 256, maxSeqLen: 128, dMlp: 256, normEps: 1e-5, nEncoderLayers: 0, nDecoderLayers: 3, rotaryFraction: null, gatedMlp: false,
    });
    expect(c.sources).toMatchObject({ nLayers: 'n_layer', dMlp: 'default: 4 × n_embd', tiedEmbeddings: 'default: tie_word_embeddings true' });
    // wte 256·64 = 16384; wpe 128·64 = 8192;
    // block: ln_1 2·64 + c_attn 64·192+192 + c_proj 64·64+64 + ln_2 2·64 + c_fc 64·256+256 + c_proj 256·64+64
    //      = 128 + 12480 + 4160 + 128 + 16640 + 16448 = 49984; 3 blocks = 149952; ln_f 128
    expect(c.nParams).toBe(16384 + 8192 + 3 * 49984 + 128); // 174656
  });

  it('gpt_neox: parallel residual, partial RoPE (rotary_pct 0.25), untied', () => {
    const c = parseHfConfig(tinyConfig('gpt_neox'));
    expect(c).toMatchObject({
      family: 'GPT-NeoX', nLayers: 3, dModel: 64, nHeads: 4, nKvHeads: 4, dHead: 16, rho: 0.25, normType: 'LayerNorm', residual: 'parallel',
      tiedEmbeddings: false, rotaryFraction: 0.25, ropeTheta: 10000, positional: 'partial RoPE (25% of d_head, rotate-half, theta 10000)',
    });
    expect(c.sources.residual).toBe('use_parallel_residual: true');
    // embed_in + embed_out 2·256·64 = 32768;
    // block: 2 LayerNorms 256 + query_key_value 64·192+192 + dense 64·64+64 + h_to_4h 64·256+256 + 4h_to_h 256·64+64
    //      = 256 + 12480 + 4160 + 16640 + 16448 = 49984; final_layer_norm 128
    expect(c.nParams).toBe(32768 + 3 * 49984 + 128); // 182848
  });

  it('llama: RMSNorm, GQA with 2 KV heads, RoPE, untied', () => {
    const c = parseHfConfig(tinyConfig('llama'));
    expect(c).toMatchObject({
      family: 'Llama', nLayers: 3, dModel: 64, nHeads: 4, nKvHeads: 2, dHead: 16, rho: 0.25, normType: 'RMSNorm', residual: 'sequential',
      tiedEmbeddings: false, dMlp: 172, normEps: 1e-6, gatedMlp: true, rotaryFraction: 1, positional: 'RoPE (rotate-half, theta 10000)',
    });
    // embed + lm_head 2·256·64 = 32768;
    // block: q 64·64 + k 64·32 + v 64·32 + o 64·64 = 12288; gate/up/down 3·64·172 = 33024; 2 norms 128 -> 45440; final norm 64
    expect(c.nParams).toBe(32768 + 3 * 45440 + 64); // 169152
  });

  it('t5: d_head is d_kv, encoder and decoder stacks, relative position bias, tied', () => {
    const c = parseHfConfig(tinyConfig('t5'));
    expect(c).toMatchObject({
      family: 'T5', nLayers: 2, nEncoderLayers: 2, nDecoderLayers: 2, dModel: 64, nHeads: 4, nKvHeads: 4, dHead: 16, rho: 0.25,
      normType: 'RMSNorm', residual: 'sequential', tiedEmbeddings: true, dMlp: 128, normEps: 1e-6, gatedMlp: false,
      positional: 'relative position bias (32 buckets, max distance 128)', maxSeqLen: 512,
    });
    expect(c.sources).toMatchObject({ dHead: 'd_kv', nDecoderLayers: 'num_decoder_layers', maxSeqLen: 'default: T5 pretraining length' });
    // shared 256·64 = 16384 (encoder, decoder and the tied head);
    // encoder block: self-attn 4·64·64 = 16384 + wi/wo 2·64·128 = 16384 + 2 norms 128 = 32896; relative bias 32·4 = 128; final norm 64
    // decoder block: self + cross 2·16384 + ff 16384 + 3 norms 192 = 49344; relative bias 128; final norm 64
    expect(c.nParams).toBe(16384 + (2 * 32896 + 128 + 64) + (2 * 49344 + 128 + 64)); // 181248
  });

  it('t5 d_kv stays independent of d_model / num_heads', () => {
    const c = parseHfConfig({ ...tinyConfig('t5'), d_kv: 8 });
    expect(c.dHead).toBe(8);
    expect(c.rho).toBe(0.5);
  });
});

describe('parseHfConfig on stories260K-hf (the real pretrained model)', () => {
  const card = parseHfConfig(readJson(path.join(STORIES_HF, 'config.json')));

  it('reads the architecture: rho = 8 heads / d_head 8 = 1', () => {
    expect(card).toMatchObject({ nLayers: 5, dModel: 64, nHeads: 8, nKvHeads: 4, dHead: 8, rho: 1, normType: 'RMSNorm', tiedEmbeddings: true, vocabSize: 512, maxSeqLen: 512, dMlp: 172, normEps: 1e-5 });
  });

  it('counts the parameters stored in model.safetensors (the tied head is not stored) and the llama2.c reader agrees', () => {
    const stored = safetensorsParamCount(path.join(STORIES_HF, 'model.safetensors'));
    expect(stored).toBe(260_032);
    expect(card.nParams).toBe(stored);
    expect(card.nParams).toBe(llama2cParamCount(parseLlama2cHeader(readBytes(STORIES_CKPT))));
  });
});

describe('parseHfConfig errors', () => {
  it('names an unknown model_type and the supported ones', () => {
    expect(() => parseHfConfig({ model_type: 'mamba' }, 'my/config.json')).toThrow(HfConfigError);
    expect(() => parseHfConfig({ model_type: 'mamba' }, 'my/config.json')).toThrow(/my\/config\.json: model_type 'mamba' is not supported; supported model types: gpt2, gpt_neox, llama, .*t5/);
  });

  it('names a missing required key', () => {
    const { num_hidden_layers: _drop, ...rest } = tinyConfig('llama');
    expect(() => parseHfConfig(rest)).toThrow(/config\.json: 'num_hidden_layers' is missing; a llama config needs it \(nLayers\)/);
    const { d_kv: _dkv, ...t5 } = tinyConfig('t5');
    expect(() => parseHfConfig(t5)).toThrow(/'d_kv' is missing/);
  });

  it('names a malformed value and inconsistent heads', () => {
    expect(() => parseHfConfig({ ...tinyConfig('gpt2'), n_head: '4' })).toThrow(/'n_head' must be a positive integer, found "4"/);
    expect(() => parseHfConfig({ ...tinyConfig('llama'), num_key_value_heads: 3 })).toThrow(/num_attention_heads 4 is not a multiple of num_key_value_heads 3/);
    expect(() => parseHfConfig({ ...tinyConfig('gpt2'), n_head: 3 })).toThrow(/n_embd 64 is not divisible by n_head 3/);
  });

  it('rejects what is not a config', () => {
    expect(() => parseHfConfig([1, 2], 'x.json')).toThrow(/x\.json is not a Hugging Face model config: it is not a JSON object/);
    expect(() => parseHfConfig({ hidden_size: 64 }, 'x.json')).toThrow(/'model_type' is missing/);
  });
});

describe('parseHfConfig defaults', () => {
  it('uses the family defaults when keys are absent, and says so', () => {
    const { num_key_value_heads: _kv, tie_word_embeddings: _tie, rms_norm_eps: _eps, ...rest } = tinyConfig('llama');
    const c = parseHfConfig(rest);
    expect(c).toMatchObject({ nKvHeads: 4, tiedEmbeddings: false, normEps: 1e-6 });
    expect(c.sources).toMatchObject({ nKvHeads: 'default: num_attention_heads', normEps: 'default: 0.000001' });
    const neox = parseHfConfig({ ...tinyConfig('gpt_neox'), use_parallel_residual: undefined });
    expect(neox.residual).toBe('parallel');
    expect(neox.sources.residual).toBe('default: use_parallel_residual true');
    expect(parseHfConfig({ ...tinyConfig('gpt_neox'), use_parallel_residual: false }).residual).toBe('sequential');
  });

  it('reports RoPE scaling and explicit head_dim', () => {
    const c = parseHfConfig({ ...tinyConfig('llama'), rope_theta: 500000, rope_scaling: { rope_type: 'llama3', factor: 8 }, head_dim: 32 });
    expect(c.positional).toBe('RoPE (rotate-half, theta 500000, llama3 scaling)');
    expect(c.dHead).toBe(32);
    expect(c.rho).toBe(4 / 32);
  });
});
