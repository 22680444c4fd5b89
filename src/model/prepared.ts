/** A model ready for the engine: its graph, the residual structure found in it, its card and tokenizer. */
import type { ArchitectureCard } from './card';
import type { Tokenizer } from './tokenizer';
import type { ModelProto } from '../onnx/proto';
import type { ResidualStructure } from '../onnx/taps';
import type { InputInfo } from '../runtime/feeds';

export interface NamedBytes {
  name: string;
  bytes: ArrayBuffer;
}

export interface FileDigest {
  name: string;
  bytes: number;
  sha256: string;
}

export interface PreparedModel {
  card: ArchitectureCard;
  /** null for models that ship no tokenizer (they take token ids) */ tokenizer: Tokenizer | null;
  graph: ModelProto;
  /** graph inputs the engine feeds */ inputs: InputInfo[];
  /** null when the surgery could not find the block structure: the model still runs for logits */
  structure: ResidualStructure | null;
  /** why the surgery failed (what it looked for and what it found), when it did */ structureError: string | null;
  /** the graph output holding the logits [batch, pos, vocab], or null for an encoder */ logits: string | null;
  /** card facts that disagree with the graph; empty when consistent */ warnings: string[];
  /** the encoder, for the decoder graph of an encoder-decoder model (T5) */ encoder?: PreparedModel;
}

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function digest(file: NamedBytes): Promise<FileDigest> {
  return { name: file.name, bytes: file.bytes.byteLength, sha256: await sha256Hex(file.bytes) };
}
