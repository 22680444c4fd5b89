/**
 * The hf-tiny fixtures (../shared/fixtures/hf-tiny, README there): file list, ONNX loading and the
 * PyTorch reference schema. Paths resolve from the working directory, as vitest runs from the repo root.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeModel, type ModelProto } from '../proto';

export const HF_TINY = path.resolve(process.cwd(), '../shared/fixtures/hf-tiny');

export type Family = 'gpt2' | 'gpt_neox' | 'llama' | 't5';
/** How a file is fed and which part of the reference it matches. */
export type FileKind = 'plain' | 'with_past' | 'merged' | 't5_encoder' | 't5_decoder';

export interface FixtureFile {
  family: Family;
  /** relative to the family folder, e.g. "opset14/model.onnx" */ file: string;
  kind: FileKind;
}

/** Every ONNX file in hf-tiny. */
export const HF_TINY_FILES: FixtureFile[] = [
  ...(['gpt2', 'gpt_neox', 'llama'] as const).flatMap((family) =>
    ['opset14', 'opset17'].flatMap((o): FixtureFile[] => [
      { family, file: `${o}/model.onnx`, kind: 'plain' },
      { family, file: `${o}/model_with_past.onnx`, kind: 'with_past' },
    ]),
  ),
  { family: 'llama', file: 'opset14/decoder_model_merged.onnx', kind: 'merged' },
  ...['opset14', 'opset17'].flatMap((o): FixtureFile[] => [
    { family: 't5', file: `${o}/encoder_model.onnx`, kind: 't5_encoder' },
    { family: 't5', file: `${o}/decoder_model.onnx`, kind: 't5_decoder' },
  ]),
];

/** Absolute path of a fixture file. */
export function fixturePath(f: Pick<FixtureFile, 'family' | 'file'>): string {
  return path.join(HF_TINY, f.family, f.file);
}

/** Decode a fixture's ONNX file. */
export function loadOnnx(f: Pick<FixtureFile, 'family' | 'file'>): ModelProto {
  const p = fixturePath(f);
  return decodeModel(readFileSync(p), p);
}

/** A [1, S, 64] tensor as the reference stores it. */
export interface TensorSummary {
  /** [S] */ token_l2_norms: number[];
  /** [d_model] */ last_token: number[];
}

export interface BlockReference {
  block: number;
  resid_pre: TensorSummary;
  /** null for parallel blocks; absent in the T5 decoder (see the two below) */ resid_mid?: TensorSummary | null;
  resid_mid_after_self_attn?: TensorSummary;
  resid_mid_after_cross_attn?: TensorSummary;
  resid_post: TensorSummary;
}

/** One stack's activations (a decoder-only model, or the T5 encoder or decoder). */
export interface StackReference {
  /** HF hidden_states, k = 0..L */ hidden_states: (TensorSummary & { index: number })[];
  pre_final_norm: TensorSummary;
  final_norm_output: TensorSummary;
  blocks: BlockReference[];
}

export interface SequenceReference extends Partial<StackReference> {
  input_ids: number[];
  /** T5 only */ decoder_input_ids?: number[];
  /** [vocab] */ logits_last_token: number[];
  /** T5 only */ encoder?: StackReference;
  /** T5 only */ decoder?: StackReference;
}

/** The part of reference.json the tests read. */
export interface HfTinyReference {
  model: string;
  parallel_residual?: boolean;
  sequences: SequenceReference[];
}

/** The family's reference.json (schema in the hf-tiny README). */
export function loadReference(family: Family): HfTinyReference {
  return JSON.parse(readFileSync(path.join(HF_TINY, family, 'reference.json'), 'utf8')) as HfTinyReference;
}

/** The reference stack a file's taps are compared with. */
export function stackOf(seq: SequenceReference, kind: FileKind): StackReference {
  if (kind === 't5_encoder') return seq.encoder!;
  if (kind === 't5_decoder') return seq.decoder!;
  return seq as StackReference;
}
