/**
 * Hugging Face model families as data (STYLE habit 8): for each `model_type`, where config.json keeps
 * each architecture fact, the defaults the transformers config class uses when a key is absent, and
 * the weight layout the parameter count is computed from. Adding a family is one entry in FAMILIES.
 *
 * Key names and defaults follow the transformers config classes (GPT2Config, GPTNeoXConfig, ...).
 * A key path may be dotted ('rope_parameters.rope_theta') for values newer configs nest.
 */
import type { NormType } from '../card';

/** The dimensions resolved before the others, which defaults may depend on. */
export interface CoreDims {
  dModel: number;
  nHeads: number;
  nLayers: number;
}

/** Where one number lives in config.json. */
export interface FieldRule {
  /** the keys that may hold it; the first present (non-null) one wins */
  keys: readonly string[];
  /** the value when no key is present; omitted means the key is required */
  fallback?: number | ((d: CoreDims) => number);
  /** how `sources` names the fallback, e.g. '4 × n_embd' */
  fallbackLabel?: string;
}

/** A yes/no fact: fixed by the family, or read from a config key (with the class default). */
export type Flag = boolean | { key: string; default: boolean; /** true when the value means yes; default `v === true` */ when?: (v: unknown) => boolean };

/** How the family encodes positions. */
export type PositionalRule =
  | { kind: 'learned' }
  | { kind: 'rope'; theta: FieldRule; /** fraction of d_head that rotates */ fraction?: FieldRule }
  | { kind: 'relative-bias'; buckets: FieldRule; maxDistance: FieldRule };

/** What weights a block holds, for the parameter count. Biases of LayerNorm follow the norm type. */
export interface WeightLayout {
  /** biases on the q, k and v projections */ qkvBias: Flag;
  /** bias on the attention output projection */ outBias: Flag;
  /** gated MLP: three matrices (gate, up, down) instead of two */ gatedMlp: Flag;
  mlpBias: Flag;
  /** per-head norms on q and k, [d_head] each (Qwen3, Phi qk_layernorm) */ qkNorm: Flag;
  /** norms per block: 2 for pre-norm blocks, 1 for Phi's shared norm, 4 for Gemma 2's sandwich */
  normsPerBlock: number;
  /** the LM head has a bias (Phi) */ lmHeadBias: boolean;
}

/** Everything the lab needs to read one family's config.json. */
export interface FamilySpec {
  /** display name */ family: string;
  nLayers: FieldRule;
  dModel: FieldRule;
  nHeads: FieldRule;
  /** absent: the same as the heads (no GQA) */ nKvHeads?: FieldRule;
  /** absent: d_model / n_heads */ dHead?: FieldRule;
  dMlp: FieldRule;
  vocabSize: FieldRule;
  maxSeqLen: FieldRule;
  normEps: FieldRule;
  /** encoder-decoder families: the decoder stack's layer count (`nLayers` is then the encoder's, as in HF) */
  nDecoderLayers?: FieldRule;
  normType: NormType;
  /** whether attention and MLP read the same block input (GPT-NeoX, Phi) */ parallel: Flag;
  /** `tie_word_embeddings` when config.json omits it (save_pretrained drops values equal to the default) */
  tiedDefault: boolean;
  positional: PositionalRule;
  weights: WeightLayout;
}

const req = (...keys: string[]): FieldRule => ({ keys });
const opt = (keys: string | string[], fallback: number, fallbackLabel?: string): FieldRule => ({ keys: typeof keys === 'string' ? [keys] : keys, fallback, fallbackLabel });
const flag = (key: string, def: boolean): Flag => ({ key, default: def });

const NO_BIAS: WeightLayout = { qkvBias: false, outBias: false, gatedMlp: true, mlpBias: false, qkNorm: false, normsPerBlock: 2, lmHeadBias: false };
const ropeTheta = (def: number): FieldRule => opt(['rope_theta', 'rope_parameters.rope_theta'], def);

/** Llama-style decoders (RMSNorm, RoPE, SwiGLU, optional GQA) differ only in defaults. */
function llamaLike(family: string, o: { eps: number; maxPos: number; theta: number; tied: boolean; dHead?: FieldRule; weights?: Partial<WeightLayout> }): FamilySpec {
  return {
    family,
    nLayers: req('num_hidden_layers'),
    dModel: req('hidden_size'),
    nHeads: req('num_attention_heads'),
    nKvHeads: { keys: ['num_key_value_heads'], fallback: (d) => d.nHeads, fallbackLabel: 'num_attention_heads' },
    dHead: o.dHead ?? { keys: ['head_dim'], fallback: (d) => d.dModel / d.nHeads, fallbackLabel: 'hidden_size / num_attention_heads' },
    dMlp: req('intermediate_size'),
    vocabSize: req('vocab_size'),
    maxSeqLen: opt('max_position_embeddings', o.maxPos),
    normEps: opt('rms_norm_eps', o.eps),
    normType: 'RMSNorm',
    parallel: false,
    tiedDefault: o.tied,
    positional: { kind: 'rope', theta: ropeTheta(o.theta), fraction: opt(['partial_rotary_factor', 'rope_parameters.partial_rotary_factor'], 1) },
    weights: { ...NO_BIAS, ...o.weights },
  };
}

/** T5 and mT5: encoder-decoder, RMS norm without bias, relative position bias in each stack's first block. */
function t5Like(family: string, tied: boolean): FamilySpec {
  return {
    family,
    nLayers: req('num_layers'),
    nDecoderLayers: { keys: ['num_decoder_layers'], fallback: (d) => d.nLayers, fallbackLabel: 'num_layers' },
    dModel: req('d_model'),
    nHeads: req('num_heads'),
    // d_kv is independent of d_model / num_heads (t5-11b: d_model 1024, 128 heads of 128)
    dHead: req('d_kv'),
    dMlp: req('d_ff'),
    vocabSize: req('vocab_size'),
    // relative positions have no hard limit; 512 is the length T5 was pretrained on
    maxSeqLen: opt('n_positions', 512, 'T5 pretraining length'),
    normEps: opt('layer_norm_epsilon', 1e-6),
    normType: 'RMSNorm',
    parallel: false,
    tiedDefault: tied,
    positional: { kind: 'relative-bias', buckets: opt('relative_attention_num_buckets', 32), maxDistance: opt('relative_attention_max_distance', 128) },
    weights: { ...NO_BIAS, gatedMlp: { key: 'feed_forward_proj', default: false, when: (v) => String(v).startsWith('gated-') } },
  };
}

/** The supported families, keyed by config.json `model_type`. */
export const FAMILIES: Readonly<Record<string, FamilySpec>> = {
  gpt2: {
    family: 'GPT-2',
    nLayers: req('n_layer', 'num_hidden_layers'),
    dModel: req('n_embd', 'hidden_size'),
    nHeads: req('n_head', 'num_attention_heads'),
    dMlp: { keys: ['n_inner'], fallback: (d) => 4 * d.dModel, fallbackLabel: '4 × n_embd' },
    vocabSize: req('vocab_size'),
    maxSeqLen: opt('n_positions', 1024),
    normEps: opt('layer_norm_epsilon', 1e-5),
    normType: 'LayerNorm',
    parallel: false,
    tiedDefault: true,
    positional: { kind: 'learned' },
    weights: { qkvBias: true, outBias: true, gatedMlp: false, mlpBias: true, qkNorm: false, normsPerBlock: 2, lmHeadBias: false },
  },
  gpt_neox: {
    family: 'GPT-NeoX',
    nLayers: req('num_hidden_layers'),
    dModel: req('hidden_size'),
    nHeads: req('num_attention_heads'),
    dMlp: req('intermediate_size'),
    vocabSize: req('vocab_size'),
    maxSeqLen: opt('max_position_embeddings', 2048),
    normEps: opt('layer_norm_eps', 1e-5),
    normType: 'LayerNorm',
    parallel: flag('use_parallel_residual', true),
    tiedDefault: false,
    positional: {
      kind: 'rope',
      theta: opt(['rotary_emb_base', 'rope_theta', 'rope_parameters.rope_theta'], 10000),
      fraction: opt(['rotary_pct', 'partial_rotary_factor', 'rope_parameters.partial_rotary_factor'], 0.25),
    },
    weights: { qkvBias: flag('attention_bias', true), outBias: flag('attention_bias', true), gatedMlp: false, mlpBias: true, qkNorm: false, normsPerBlock: 2, lmHeadBias: false },
  },
  llama: llamaLike('Llama', { eps: 1e-6, maxPos: 2048, theta: 10000, tied: false, weights: { qkvBias: flag('attention_bias', false), outBias: flag('attention_bias', false), mlpBias: flag('mlp_bias', false) } }),
  mistral: llamaLike('Mistral', { eps: 1e-6, maxPos: 4096 * 32, theta: 10000, tied: false }),
  // Qwen2 hard-codes biases on q, k, v (not on o_proj)
  qwen2: llamaLike('Qwen2', { eps: 1e-6, maxPos: 32768, theta: 10000, tied: false, weights: { qkvBias: true } }),
  qwen3: llamaLike('Qwen3', {
    eps: 1e-6, maxPos: 32768, theta: 10000, tied: false, dHead: opt('head_dim', 128),
    weights: { qkvBias: flag('attention_bias', false), outBias: flag('attention_bias', false), qkNorm: true },
  }),
  phi3: llamaLike('Phi-3', { eps: 1e-5, maxPos: 4096, theta: 10000, tied: false }),
  gemma: llamaLike('Gemma', { eps: 1e-6, maxPos: 8192, theta: 10000, tied: true, dHead: opt('head_dim', 256) }),
  gemma2: llamaLike('Gemma 2', { eps: 1e-6, maxPos: 8192, theta: 10000, tied: true, dHead: opt('head_dim', 256), weights: { normsPerBlock: 4 } }),
  phi: {
    ...llamaLike('Phi', { eps: 1e-5, maxPos: 2048, theta: 10000, tied: false }),
    normEps: opt('layer_norm_eps', 1e-5),
    normType: 'LayerNorm',
    parallel: true,
    positional: { kind: 'rope', theta: ropeTheta(10000), fraction: opt('partial_rotary_factor', 0.5) },
    weights: { qkvBias: true, outBias: true, gatedMlp: false, mlpBias: true, qkNorm: flag('qk_layernorm', false), normsPerBlock: 1, lmHeadBias: true },
  },
  t5: t5Like('T5', true),
  mt5: t5Like('mT5', false),
};

/** The model types FAMILIES covers, for error messages and the picker. */
export const SUPPORTED_MODEL_TYPES: readonly string[] = Object.keys(FAMILIES);

/** The resolved numbers a parameter count needs. */
export interface ParamDims {
  nLayers: number;
  /** decoder stack of an encoder-decoder model; 0 for decoder-only */ nDecoderLayers: number;
  dModel: number;
  nHeads: number;
  nKvHeads: number;
  dHead: number;
  dMlp: number;
  vocabSize: number;
  maxSeqLen: number;
  tied: boolean;
  /** relative-bias buckets per head (T5), 0 otherwise */ buckets: number;
}

/** Resolved weight-layout flags. */
export type ResolvedWeights = { [K in keyof WeightLayout]: WeightLayout[K] extends Flag ? boolean : WeightLayout[K] };

/**
 * Parameter count as researchers quote it: every stored weight once, a tied LM head counted once,
 * biases, norm weights (and LayerNorm biases) and learned position tables included; rotary tables
 * are buffers, not parameters. Encoder-decoder: shared embedding + encoder + decoder (with
 * cross-attention) + one relative-bias table per stack.
 */
export function countParams(spec: FamilySpec, d: ParamDims, w: ResolvedWeights): number {
  const norm = spec.normType === 'LayerNorm' ? 2 * d.dModel : d.dModel;
  const qDim = d.nHeads * d.dHead;
  const kvDim = d.nKvHeads * d.dHead;
  const attn =
    d.dModel * qDim + 2 * d.dModel * kvDim + qDim * d.dModel +
    (w.qkvBias ? qDim + 2 * kvDim : 0) + (w.outBias ? d.dModel : 0) +
    (w.qkNorm ? 2 * (spec.normType === 'LayerNorm' ? 2 : 1) * d.dHead : 0);
  const mlp = (w.gatedMlp ? 3 : 2) * d.dModel * d.dMlp + (w.mlpBias ? (w.gatedMlp ? 2 : 1) * d.dMlp + d.dModel : 0);
  const block = attn + mlp + w.normsPerBlock * norm;
  const embed = d.vocabSize * d.dModel * (d.tied ? 1 : 2) + (w.lmHeadBias ? d.vocabSize : 0);
  const positions = spec.positional.kind === 'learned' ? d.maxSeqLen * d.dModel : 0;
  const relBias = d.buckets * d.nHeads;
  // the final norm closes each stack
  const stack = (layers: number, perBlock: number) => layers * perBlock + relBias + norm;
  if (!d.nDecoderLayers) return embed + positions + stack(d.nLayers, block);
  // a decoder block adds cross-attention and its norm
  return embed + positions + stack(d.nLayers, block) + stack(d.nDecoderLayers, block + attn + norm);
}
