/** Test helpers: paths into ../shared (read there, never copied into the repo) and fixture loading. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NamedBytes } from '../model/prepared';

export const SHARED = resolve(process.cwd(), '../shared');
export const LLAMA2C_DIR = resolve(SHARED, 'models/llama2c');
export const STORIES_CKPT = resolve(LLAMA2C_DIR, 'stories260K.bin');
export const STORIES_TOK = resolve(LLAMA2C_DIR, 'stories260K.tok512.bin');
export const STORIES_REFERENCE = resolve(process.cwd(), 'fixtures/stories260K.reference.json');

export const PUBLISHED_TEXT =
  'Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.';

export function readBytes(path: string): ArrayBuffer {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

export function named(path: string): NamedBytes {
  return { name: path.split('/').pop()!, bytes: readBytes(path) };
}

export interface ReferencePrompt {
  text: string | null;
  ids: number[];
  norms: Record<string, number[]>;
  last_token: Record<string, number[]>;
  block_gains: number[][];
  gains_last_token: { G_hf_last: number; G_hf_penult: number; G_block: number[] };
  logits_last_token: number[];
  entropy_nats: number;
  top5: { id: number; prob: number }[];
}

export interface StoriesReference {
  config: { n_layers: number; dim: number; vocab_size: number };
  tokenizer_cases: { text: string; ids: number[]; decoded: string }[];
  prompts: ReferencePrompt[];
  greedy_from_bos: { ids: number[]; text: string; published_text_tokens: number };
}

export function storiesReference(): StoriesReference {
  return JSON.parse(readFileSync(STORIES_REFERENCE, 'utf8')) as StoriesReference;
}

/** max |a - b| / |b| over all entries (b must be nonzero where it matters) */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-12));
  return m;
}
