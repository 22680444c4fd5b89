/**
 * Curated models for the picker. Each entry records which files were seen in the Hub repository and
 * how (`verified`), so the loader can prefer variants known to exist and the UI can flag the rest.
 * Parameter counts come from the published configs through countParams (families.ts) or, for
 * llama2.c checkpoints, llama2cParamCount; they match the numbers the model cards quote.
 *
 * Hub layouts seen (transformers.js / Optimum):
 * - v3 style: `onnx/model.onnx` plus dtype variants `model_fp16`, `model_q4`, `model_q4f16`,
 *   `model_int8`, `model_uint8`, `model_bnb4`, `model_quantized` (= int8); files over 2 GB keep their
 *   weights in `<name>.onnx_data` beside the graph.
 * - legacy style: `onnx/decoder_model_merged.onnx` (If node over with/without past),
 *   `decoder_model.onnx`, `decoder_with_past_model.onnx`, each with a `_quantized` twin.
 * - encoder-decoder: `onnx/encoder_model*.onnx` + `onnx/decoder_model_merged*.onnx`.
 * Verification was done once, when this list was written, against stored copies of the Hub's file
 * listings; repositories change, so the loader must still handle a missing file.
 */

/** How a model's files are laid out. */
export type CatalogLayout = 'onnx-model' | 'onnx-decoder-merged' | 'onnx-encoder-decoder' | 'onnx-subfolder' | 'llama2c';

/** One model the picker offers. */
export interface CatalogEntry {
  /** Hub repository id ('owner/name') */ id: string;
  label: string;
  /** config.json model_type (families.ts key), or 'llama2c' for raw llama2.c checkpoints */ family: string;
  /** approximate parameter count (every weight once, tied embeddings once) */ params: number;
  layout: CatalogLayout;
  /** repository paths seen to exist: ONNX graphs (and their external-data files), config and tokenizer */
  files: { onnx: readonly string[]; other: readonly string[] };
  note: string;
  /** 'checked <how>' or 'unverified' */ verified: string;
}

const V3 = (...dtypes: string[]) => ['onnx/model.onnx', ...dtypes.map((d) => `onnx/model_${d}.onnx`)];
const LEGACY = ['onnx/decoder_model.onnx', 'onnx/decoder_model_merged.onnx', 'onnx/decoder_model_merged_quantized.onnx', 'onnx/decoder_model_quantized.onnx', 'onnx/decoder_with_past_model.onnx', 'onnx/decoder_with_past_model_quantized.onnx'];
const TREE = 'checked: Hub file listing (tree pages) in the docs search index';
const ROOT = ['config.json', 'tokenizer.json'];

/** The picker's models, smallest first within each family. */
export const CATALOG: readonly CatalogEntry[] = [
  // GPT-2: learned absolute positions, LayerNorm, tied embeddings
  {
    id: 'Xenova/distilgpt2', label: 'DistilGPT-2 (82M)', family: 'gpt2', params: 81_912_576, layout: 'onnx-decoder-merged',
    files: { onnx: [...LEGACY, 'onnx/decoder_model_fp16.onnx'], other: [] },
    note: '6 layers distilled from GPT-2 small; config.json and tokenizer.json not seen in the listing (transformers.js repos carry them)',
    verified: `${TREE} (onnx/ at commit 722e5f3)`,
  },
  {
    id: 'Xenova/gpt2', label: 'GPT-2 small (124M)', family: 'gpt2', params: 124_439_808, layout: 'onnx-model',
    files: { onnx: [...LEGACY, ...V3('bnb4', 'fp16', 'int8', 'q4')], other: ROOT },
    note: 'both layouts present; the listing was cut after model_q4.onnx, so q4f16/uint8/quantized may exist too',
    verified: `${TREE} (main and main/onnx)`,
  },
  {
    id: 'openai-community/gpt2-medium', label: 'GPT-2 medium (355M)', family: 'gpt2', params: 354_823_168, layout: 'onnx-subfolder',
    files: { onnx: ['onnx/decoder_model.onnx', 'onnx/decoder_model_merged.onnx', 'onnx/decoder_with_past_model.onnx'], other: ['onnx/config.json', 'onnx/tokenizer.json'] },
    note: 'Optimum export inside the original repo: fp32 only, and config/tokenizer sit in onnx/ beside the graphs',
    verified: `${TREE} (main/onnx)`,
  },
  {
    id: 'onnx-community/gpt2-large-ONNX', label: 'GPT-2 large (774M)', family: 'gpt2', params: 774_030_080, layout: 'onnx-model',
    files: { onnx: [...V3('bnb4', 'fp16', 'int8', 'q4', 'q4f16', 'quantized', 'uint8'), 'onnx/model.onnx_data', 'onnx/model_bnb4.onnx_data', 'onnx/model_q4.onnx_data'], other: [] },
    note: 'fp32, bnb4 and q4 keep weights in .onnx_data; config/tokenizer not seen in the listing',
    verified: `${TREE} (main/onnx)`,
  },
  // Pythia (GPT-NeoX): parallel residual, partial rotary (25%), untied
  {
    id: 'onnx-community/pythia-14m-ONNX', label: 'Pythia 14M', family: 'gpt_neox', params: 14_067_712, layout: 'onnx-model',
    files: { onnx: V3('bnb4', 'fp16', 'int8', 'q4', 'q4f16', 'quantized', 'uint8'), other: [] },
    note: 'smallest Pythia; config/tokenizer not seen in the listing',
    verified: `${TREE} (main/onnx)`,
  },
  {
    id: 'Xenova/pythia-31m', label: 'Pythia 31M', family: 'gpt_neox', params: 30_494_720, layout: 'onnx-model',
    files: { onnx: [...LEGACY, ...V3('bnb4', 'fp16', 'int8')], other: [] },
    note: 'listing cut after model_int8.onnx',
    verified: `${TREE} (main/onnx)`,
  },
  {
    id: 'Xenova/pythia-70m-deduped', label: 'Pythia 70M (deduped)', family: 'gpt_neox', params: 70_426_624, layout: 'onnx-decoder-merged',
    files: { onnx: LEGACY, other: ROOT },
    note: 'legacy files seen at commit b98bbd9; main has a later "quantized ONNX files for Transformers.js v3" commit, so model_*.onnx probably exist but were not seen',
    verified: `${TREE} (main and onnx/ at b98bbd9)`,
  },
  {
    id: 'Xenova/pythia-160m-deduped', label: 'Pythia 160M (deduped)', family: 'gpt_neox', params: 162_322_944, layout: 'onnx-decoder-merged',
    files: { onnx: LEGACY, other: [] },
    note: 'legacy layout only',
    verified: `${TREE} (main/onnx)`,
  },
  {
    id: 'Xenova/pythia-410m', label: 'Pythia 410M', family: 'gpt_neox', params: 405_334_016, layout: 'onnx-decoder-merged',
    files: { onnx: LEGACY, other: [] },
    note: 'legacy layout, 1.6 GB fp32 graph',
    verified: `${TREE} (onnx/ at commit 3f16be1)`,
  },
  // T5: encoder-decoder, RMS norm, relative position bias
  {
    id: 'Xenova/t5-small', label: 'T5 small (60M)', family: 't5', params: 60_506_624, layout: 'onnx-encoder-decoder',
    files: {
      onnx: ['onnx/encoder_model.onnx', 'onnx/encoder_model_fp16.onnx', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model.onnx', 'onnx/decoder_model_merged.onnx', 'onnx/decoder_model_merged_fp16.onnx', 'onnx/decoder_model_merged_quantized.onnx', 'onnx/decoder_model_quantized.onnx', 'onnx/decoder_with_past_model.onnx', 'onnx/decoder_with_past_model_quantized.onnx'],
      other: [],
    },
    note: 'original T5 (ReLU MLP, tied embeddings)',
    verified: `${TREE} (onnx/ at commit 2ebf430)`,
  },
  {
    id: 'Xenova/flan-t5-small', label: 'Flan-T5 small (77M)', family: 't5', params: 76_961_152, layout: 'onnx-encoder-decoder',
    files: { onnx: ['onnx/encoder_model_fp16.onnx', 'onnx/decoder_model_merged_quantized.onnx'], other: ROOT },
    note: 'T5 v1.1 body: gated-GELU MLP, untied head; only two ONNX files were seen by name, the rest of onnx/ follows the t5-small pattern but is unchecked',
    verified: `${TREE} (main; onnx files seen in blob pages)`,
  },
  {
    id: 'Xenova/flan-t5-base', label: 'Flan-T5 base (248M)', family: 't5', params: 247_577_856, layout: 'onnx-encoder-decoder',
    files: { onnx: ['onnx/encoder_model.onnx', 'onnx/encoder_model_quantized.onnx', ...LEGACY], other: [] },
    note: 'gated-GELU MLP, untied head',
    verified: `${TREE} (onnx/ at commit 62ad572)`,
  },
  // Llama family
  {
    id: 'HuggingFaceTB/SmolLM2-135M-Instruct', label: 'SmolLM2 135M Instruct', family: 'llama', params: 134_515_008, layout: 'onnx-model',
    files: { onnx: V3('fp16', 'q4', 'q4f16'), other: [] },
    note: 'deep and narrow (30 layers, d_model 576, GQA 9/3), tied embeddings; ONNX lives in the original repo',
    verified: `${TREE} (main/onnx)`,
  },
  {
    id: 'HuggingFaceTB/SmolLM2-360M-Instruct', label: 'SmolLM2 360M Instruct', family: 'llama', params: 361_821_120, layout: 'onnx-model',
    files: { onnx: V3('fp16', 'q4', 'q4f16'), other: [] },
    note: '32 layers, d_model 960, GQA 15/5, tied embeddings',
    verified: `${TREE} (main/onnx)`,
  },
  {
    id: 'Xenova/TinyLlama-1.1B-Chat-v1.0', label: 'TinyLlama 1.1B Chat', family: 'llama', params: 1_100_048_384, layout: 'onnx-decoder-merged',
    files: { onnx: ['onnx/decoder_model_merged.onnx', 'onnx/decoder_model_merged.onnx_data', 'onnx/decoder_model_merged_quantized.onnx'], other: ROOT },
    note: 'fp32 weights in a 4.4 GB .onnx_data file: use the quantized graph in the browser',
    verified: `${TREE} (main and main/onnx)`,
  },
  // Qwen
  {
    id: 'onnx-community/Qwen2.5-0.5B-Instruct', label: 'Qwen2.5 0.5B Instruct', family: 'qwen2', params: 494_032_768, layout: 'onnx-model',
    files: { onnx: V3('bnb4', 'fp16', 'int8', 'q4', 'q4f16', 'quantized', 'uint8'), other: [] },
    note: 'q/k/v biases, GQA 14/2, tied embeddings',
    verified: `${TREE} (main/onnx)`,
  },
  {
    id: 'onnx-community/Qwen2.5-1.5B-Instruct', label: 'Qwen2.5 1.5B Instruct', family: 'qwen2', params: 1_543_714_304, layout: 'onnx-model',
    files: { onnx: [...V3('bnb4', 'fp16', 'int8', 'q4', 'q4f16', 'quantized', 'uint8'), 'onnx/model.onnx_data', 'onnx/model_fp16.onnx_data'], other: [] },
    note: 'fp32 and fp16 keep weights in .onnx_data',
    verified: `${TREE} (main/onnx)`,
  },
  {
    id: 'onnx-community/Qwen3-0.6B-ONNX', label: 'Qwen3 0.6B', family: 'qwen3', params: 596_049_920, layout: 'onnx-model',
    files: { onnx: [], other: [] },
    note: 'q/k norms, head_dim 128 > d_model / heads; the repository is named by third-party pages, but its file listing was not found',
    verified: 'unverified',
  },
  // TinyStories Llama-2 models (karpathy/llama2.c)
  ...(
    [
      ['15M', 15_191_712, '2d4606e', ['onnx/decoder_model_fp16.onnx']],
      ['42M', 41_689_600, '5dd7b13', []],
      ['110M', 109_529_856, 'e7c5832', ['onnx/decoder_model_fp16.onnx']],
    ] as const
  ).map(([size, params, commit, extra]): CatalogEntry => ({
    id: `Xenova/llama2.c-stories${size}`, label: `TinyStories ${size} (HF export)`, family: 'llama', params, layout: 'onnx-decoder-merged',
    files: { onnx: [...LEGACY, ...extra], other: [] },
    note: 'karpathy/tinyllamas converted to the HF Llama layout (rotate-half RoPE), 32000-token Llama-2 tokenizer',
    verified: `${TREE} (onnx/ at commit ${commit})`,
  })),
  ...(
    [
      ['15M', 15_191_712, 'stories15M.bin'],
      ['42M', 41_689_600, 'stories42M.bin'],
      ['110M', 109_529_856, 'stories110M.bin'],
    ] as const
  ).map(([size, params, bin]): CatalogEntry => ({
    id: 'karpathy/tinyllamas', label: `TinyStories ${size} (llama2.c)`, family: 'llama2c', params, layout: 'llama2c',
    files: { onnx: [], other: [bin] },
    note: 'raw llama2.c checkpoint; its 32000-token tokenizer.bin is in the GitHub repo karpathy/llama2.c, not on the Hub',
    verified: `${TREE} (main); tokenizer.bin: checked in the code index (karpathy/llama2.c)`,
  })),
  {
    id: 'karpathy/tinyllamas', label: 'TinyStories 260K (llama2.c)', family: 'llama2c', params: 260_032, layout: 'llama2c',
    files: { onnx: [], other: ['stories260K/stories260K.bin', 'stories260K/tok512.bin'] },
    note: 'the lab\'s own test model (../shared/models/llama2c); 512-token tokenizer beside it',
    verified: `${TREE} (main/stories260K)`,
  },
];

/** Catalog entries for one family (config.json model_type, or 'llama2c'). */
export function catalogByFamily(family: string): CatalogEntry[] {
  return CATALOG.filter((e) => e.family === family);
}
