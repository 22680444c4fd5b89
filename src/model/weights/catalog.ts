/**
 * The weight catalog as data (STYLE habit 8): for each module layout, where each named weight lives
 * (a module path template, `{i}` = layer) and how fused matrices split. Adding a family is a table
 * entry. Catalog names are what every battery, figure and JSON key uses: `wq.3`, `mlp_out.0`,
 * `ln_final`, `encoder.wq.1`, `decoder.cross_wk.0`; matrices are `[out, in]` row-major.
 */

/** What a catalog entry is. Projections are [out, in]; tables [rows, d_model]; norms [d_model]. */
export type WeightKind =
  | 'embed' // [vocab, d_model] token embedding
  | 'pos_embed' // [n_positions, d_model] learned positions (GPT-2)
  | 'unembed' // [vocab, d_model] LM head, when not tied to embed
  | 'wq' | 'wk' | 'wv' // [n_heads * d_head (n_kv_heads for k, v), d_model]
  | 'wo' // [d_model, n_heads * d_head]
  | 'cross_wq' | 'cross_wk' | 'cross_wv' | 'cross_wo' // T5 decoder cross-attention
  | 'mlp_in' // [d_mlp, d_model] the MLP's input (up) projection
  | 'mlp_gate' // [d_mlp, d_model] the gate of a gated MLP
  | 'mlp_out' // [d_model, d_mlp] the MLP's output (down) projection
  | 'ln_attn' | 'ln_mlp' | 'ln_cross' | 'ln_final'; // [d_model] norm gains

/** How a fused projection packs q, k and v along its output axis. */
export type QkvSplit =
  | 'concat' // [q | k | v] blocks of n_heads*d_head, n_kv*d_head, n_kv*d_head rows (GPT-2 c_attn)
  | 'per-head'; // for each head h: q_h, k_h, v_h rows of d_head each (GPT-NeoX query_key_value)

export interface WeightRule {
  /** module path; `{i}` is the layer index */ path: string;
  /** one kind, or a fused qkv that splits into wq, wk, wv */ kind: WeightKind | { qkv: QkvSplit };
  /** only in this stack (T5's block.{i}.layer.1.layer_norm is the MLP's norm in the encoder, cross-attention's in the decoder) */
  stack?: string;
}

export interface WeightLayout {
  /** display name */ name: string;
  /**
   * per-layer paths and `ln_final` are looked up as `${stack}.${path}` for each stack ('' = a
   * decoder-only model's one stack); embeddings and the LM head as written
   */
  stacks: readonly string[];
  rules: readonly WeightRule[];
}

const llamaRules = (attnOut = 'o_proj', mlp: { in: string; gate?: string; out: string } = { in: 'up_proj', gate: 'gate_proj', out: 'down_proj' }): WeightRule[] => [
  { path: 'model.embed_tokens', kind: 'embed' },
  { path: 'model.layers.{i}.self_attn.q_proj', kind: 'wq' },
  { path: 'model.layers.{i}.self_attn.k_proj', kind: 'wk' },
  { path: 'model.layers.{i}.self_attn.v_proj', kind: 'wv' },
  { path: `model.layers.{i}.self_attn.${attnOut}`, kind: 'wo' },
  { path: `model.layers.{i}.mlp.${mlp.in}`, kind: 'mlp_in' },
  ...(mlp.gate ? [{ path: `model.layers.{i}.mlp.${mlp.gate}`, kind: 'mlp_gate' as const }] : []),
  { path: `model.layers.{i}.mlp.${mlp.out}`, kind: 'mlp_out' },
  { path: 'model.layers.{i}.input_layernorm', kind: 'ln_attn' },
  { path: 'model.layers.{i}.post_attention_layernorm', kind: 'ln_mlp' },
  { path: 'model.norm', kind: 'ln_final' },
  { path: 'lm_head', kind: 'unembed' },
];

const t5Attention = (layer: number, prefix: '' | 'cross_', module: string): WeightRule[] =>
  (['q', 'k', 'v', 'o'] as const).map((p) => ({ path: `block.{i}.layer.${layer}.${module}.${p}`, kind: `${prefix}w${p}` as WeightKind }));

/** Every layout the lab knows; the one whose rules match the most of a graph's paths is used. */
export const WEIGHT_LAYOUTS: readonly WeightLayout[] = [
  {
    name: 'GPT-2',
    stacks: [''],
    rules: [
      { path: 'transformer.wte', kind: 'embed' },
      { path: 'transformer.wpe', kind: 'pos_embed' },
      { path: 'transformer.h.{i}.attn.c_attn', kind: { qkv: 'concat' } },
      { path: 'transformer.h.{i}.attn.c_proj', kind: 'wo' },
      { path: 'transformer.h.{i}.mlp.c_fc', kind: 'mlp_in' },
      { path: 'transformer.h.{i}.mlp.c_proj', kind: 'mlp_out' },
      { path: 'transformer.h.{i}.ln_1', kind: 'ln_attn' },
      { path: 'transformer.h.{i}.ln_2', kind: 'ln_mlp' },
      { path: 'transformer.ln_f', kind: 'ln_final' },
      { path: 'lm_head', kind: 'unembed' },
    ],
  },
  {
    name: 'GPT-NeoX',
    stacks: [''],
    rules: [
      { path: 'gpt_neox.embed_in', kind: 'embed' },
      { path: 'gpt_neox.layers.{i}.attention.query_key_value', kind: { qkv: 'per-head' } },
      { path: 'gpt_neox.layers.{i}.attention.dense', kind: 'wo' },
      { path: 'gpt_neox.layers.{i}.mlp.dense_h_to_4h', kind: 'mlp_in' },
      { path: 'gpt_neox.layers.{i}.mlp.dense_4h_to_h', kind: 'mlp_out' },
      { path: 'gpt_neox.layers.{i}.input_layernorm', kind: 'ln_attn' },
      { path: 'gpt_neox.layers.{i}.post_attention_layernorm', kind: 'ln_mlp' },
      { path: 'gpt_neox.final_layer_norm', kind: 'ln_final' },
      { path: 'embed_out', kind: 'unembed' },
    ],
  },
  { name: 'Llama-like (Llama, Mistral, Qwen, Gemma, Phi-3, llama2.c)', stacks: [''], rules: llamaRules() },
  {
    name: 'Phi',
    stacks: [''],
    rules: [...llamaRules('dense', { in: 'fc1', out: 'fc2' }).filter((r) => r.kind !== 'ln_mlp' && r.kind !== 'ln_final'), { path: 'model.final_layernorm', kind: 'ln_final' }],
  },
  {
    name: 'T5',
    stacks: ['encoder', 'decoder'],
    rules: [
      { path: 'shared', kind: 'embed' },
      { path: 'encoder.embed_tokens', kind: 'embed' },
      ...t5Attention(0, '', 'SelfAttention'),
      { path: 'block.{i}.layer.0.layer_norm', kind: 'ln_attn' },
      // The encoder's MLP is layer 1; the decoder's is layer 2, after cross-attention (layer 1).
      { path: 'block.{i}.layer.1.layer_norm', kind: 'ln_mlp', stack: 'encoder' },
      { path: 'block.{i}.layer.1.layer_norm', kind: 'ln_cross', stack: 'decoder' },
      ...t5Attention(1, 'cross_', 'EncDecAttention'),
      { path: 'block.{i}.layer.1.DenseReluDense.wi', kind: 'mlp_in' },
      { path: 'block.{i}.layer.1.DenseReluDense.wi_0', kind: 'mlp_gate' },
      { path: 'block.{i}.layer.1.DenseReluDense.wi_1', kind: 'mlp_in' },
      { path: 'block.{i}.layer.1.DenseReluDense.wo', kind: 'mlp_out' },
      { path: 'block.{i}.layer.2.DenseReluDense.wi', kind: 'mlp_in' },
      { path: 'block.{i}.layer.2.DenseReluDense.wi_0', kind: 'mlp_gate' },
      { path: 'block.{i}.layer.2.DenseReluDense.wi_1', kind: 'mlp_in' },
      { path: 'block.{i}.layer.2.DenseReluDense.wo', kind: 'mlp_out' },
      { path: 'block.{i}.layer.2.layer_norm', kind: 'ln_mlp' },
      { path: 'final_layer_norm', kind: 'ln_final' },
      { path: 'lm_head', kind: 'unembed' },
    ],
  },
];

/** The catalog name of a weight: `wq.3`, `ln_final`, `encoder.wq.0`. */
export function weightName(kind: WeightKind, layer: number | null, stack = ''): string {
  const base = layer === null ? kind : `${kind}.${layer}`;
  return stack && !['embed', 'unembed', 'pos_embed'].includes(kind) ? `${stack}.${base}` : base;
}
