/**
 * The parameter formula of every family on published configs (only the keys the count needs), against
 * the totals the model cards and the transformers `num_parameters()` quote. Each exercises a different
 * table entry: learned positions, biases, GQA, q/k norms, sandwich norms, gated T5, an LM-head bias.
 */
import { describe, expect, it } from 'vitest';
import { parseHfConfig } from './config';
import { FAMILIES, SUPPORTED_MODEL_TYPES } from './families';

const llama = (o: Record<string, unknown>) => ({ model_type: 'llama', ...o });
const PUBLISHED: [string, Record<string, unknown>, number][] = [
  ['gpt2 (124M)', { model_type: 'gpt2', n_layer: 12, n_embd: 768, n_head: 12, vocab_size: 50257, n_positions: 1024 }, 124_439_808],
  ['pythia-70m', { model_type: 'gpt_neox', num_hidden_layers: 6, hidden_size: 512, num_attention_heads: 8, intermediate_size: 2048, vocab_size: 50304 }, 70_426_624],
  ['SmolLM2-135M', llama({ num_hidden_layers: 30, hidden_size: 576, num_attention_heads: 9, num_key_value_heads: 3, intermediate_size: 1536, vocab_size: 49152, tie_word_embeddings: true }), 134_515_008],
  ['TinyLlama-1.1B', llama({ num_hidden_layers: 22, hidden_size: 2048, num_attention_heads: 32, num_key_value_heads: 4, intermediate_size: 5632, vocab_size: 32000 }), 1_100_048_384],
  ['Mistral-7B-v0.1', { model_type: 'mistral', num_hidden_layers: 32, hidden_size: 4096, num_attention_heads: 32, num_key_value_heads: 8, intermediate_size: 14336, vocab_size: 32000 }, 7_241_732_096],
  ['Qwen2.5-0.5B', { model_type: 'qwen2', num_hidden_layers: 24, hidden_size: 896, num_attention_heads: 14, num_key_value_heads: 2, intermediate_size: 4864, vocab_size: 151936, tie_word_embeddings: true }, 494_032_768],
  ['Qwen3-0.6B', { model_type: 'qwen3', num_hidden_layers: 28, hidden_size: 1024, num_attention_heads: 16, num_key_value_heads: 8, head_dim: 128, intermediate_size: 3072, vocab_size: 151936, tie_word_embeddings: true }, 596_049_920],
  ['Phi-3-mini', { model_type: 'phi3', num_hidden_layers: 32, hidden_size: 3072, num_attention_heads: 32, num_key_value_heads: 32, intermediate_size: 8192, vocab_size: 32064 }, 3_821_079_552],
  ['phi-2', { model_type: 'phi', num_hidden_layers: 32, hidden_size: 2560, num_attention_heads: 32, intermediate_size: 10240, vocab_size: 51200, partial_rotary_factor: 0.4 }, 2_779_683_840],
  ['gemma-2b', { model_type: 'gemma', num_hidden_layers: 18, hidden_size: 2048, num_attention_heads: 8, num_key_value_heads: 1, head_dim: 256, intermediate_size: 16384, vocab_size: 256000 }, 2_506_172_416],
  ['gemma-2-2b', { model_type: 'gemma2', num_hidden_layers: 26, hidden_size: 2304, num_attention_heads: 8, num_key_value_heads: 4, head_dim: 256, intermediate_size: 9216, vocab_size: 256000 }, 2_614_341_888],
  ['t5-small', { model_type: 't5', num_layers: 6, d_model: 512, num_heads: 8, d_kv: 64, d_ff: 2048, vocab_size: 32128 }, 60_506_624],
  ['flan-t5-small', { model_type: 't5', num_layers: 8, num_decoder_layers: 8, d_model: 512, num_heads: 6, d_kv: 64, d_ff: 1024, vocab_size: 32128, feed_forward_proj: 'gated-gelu', tie_word_embeddings: false }, 76_961_152],
];

describe('parameter counts on published configs', () => {
  it.each(PUBLISHED)('%s', (_name, config, expected) => {
    expect(parseHfConfig(config).nParams).toBe(expected);
  });

  it('phi-2: parallel, LayerNorm, partial RoPE 40%', () => {
    const c = parseHfConfig(PUBLISHED.find(([n]) => n === 'phi-2')![1]);
    expect(c).toMatchObject({ residual: 'parallel', normType: 'LayerNorm', rotaryFraction: 0.4 });
    expect(c.positional).toBe('partial RoPE (40% of d_head, rotate-half, theta 10000)');
  });

  it('gemma-2b has rho = 8 / 256 with head_dim independent of d_model / heads', () => {
    const c = parseHfConfig(PUBLISHED.find(([n]) => n === 'gemma-2b')![1]);
    expect(c.dHead).toBe(256);
    expect(c.rho).toBeCloseTo(8 / 256, 12);
  });
});

describe('the family table', () => {
  it('covers the required families', () => {
    for (const t of ['gpt2', 'gpt_neox', 'llama', 'mistral', 'qwen2', 't5']) expect(SUPPORTED_MODEL_TYPES).toContain(t);
  });

  it('declares LayerNorm only where the norm subtracts the mean', () => {
    const layer = Object.entries(FAMILIES).filter(([, s]) => s.normType === 'LayerNorm').map(([k]) => k);
    expect(layer.sort()).toEqual(['gpt2', 'gpt_neox', 'phi']);
  });
});
