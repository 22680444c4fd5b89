/** A model ready for the engine: its graph, the residual structure found in it, its card and tokenizer. */
import type { ArchitectureCard } from './card';
import type { Tokenizer } from './tokenizer';
import type { ModelProto } from '../onnx/proto';
import type { ResidualStructure } from '../onnx/taps';

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
  tokenizer: Tokenizer;
  graph: ModelProto;
  structure: ResidualStructure;
}

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function digest(file: NamedBytes): Promise<FileDigest> {
  return { name: file.name, bytes: file.bytes.byteLength, sha256: await sha256Hex(file.bytes) };
}
