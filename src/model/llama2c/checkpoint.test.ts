import { describe, it, expect } from 'vitest';
import * as ort from 'onnxruntime-node';
import { readLlama2cCheckpoint, parseLlama2cHeader, CheckpointFormatError, llama2cParamCount } from './checkpoint';
import { prepareLlama2c } from './load';
import { Engine } from '../../runtime/engine';
import type { OrtModule } from '../../runtime/session';
import { readBytes, named, STORIES_CKPT, STORIES_TOK } from '../../testing/shared';

const ckpt = readBytes(STORIES_CKPT);

/** stories260K rewritten with an explicit (unshared) classifier: negative vocab and wcls appended. */
function unshared(scale: number): ArrayBuffer {
  const { config, weights } = readLlama2cCheckpoint(ckpt);
  const out = new Uint8Array(ckpt.byteLength + weights.tokenEmbedding.byteLength);
  out.set(new Uint8Array(ckpt));
  new Int32Array(out.buffer, 20, 1)[0] = -config.vocabSize;
  new Float32Array(out.buffer, ckpt.byteLength).set(weights.tokenEmbedding.map((v) => v * scale));
  return out.buffer;
}

describe('llama2.c checkpoint', () => {
  it('reads the stories260K header', () => {
    const c = parseLlama2cHeader(ckpt);
    expect(c).toEqual({ dim: 64, hiddenDim: 172, nLayers: 5, nHeads: 8, nKvHeads: 4, vocabSize: 512, seqLen: 512, sharedClassifier: true });
    expect(Math.round(llama2cParamCount(c) / 1000)).toBe(260);
  });

  it('names the problem in a truncated checkpoint', () => {
    expect(() => readLlama2cCheckpoint(ckpt.slice(0, 100_000), 'x.bin')).toThrow(/x\.bin is truncated: .* needs 1056540 bytes, the file has 100000/);
  });

  it('rejects files that are not checkpoints', () => {
    expect(() => readLlama2cCheckpoint(readBytes(STORIES_TOK), 'tok512.bin')).toThrow(CheckpointFormatError);
    expect(() => readLlama2cCheckpoint(readBytes(STORIES_TOK), 'tok512.bin')).toThrow(/not a llama2.c checkpoint|inconsistent header/);
    expect(() => readLlama2cCheckpoint(new TextEncoder().encode('hello world, not weights at all').buffer, 'notes.txt')).toThrow(/notes\.txt is not a llama2.c checkpoint: its header reads/);
    expect(() => readLlama2cCheckpoint(new ArrayBuffer(10), 'tiny.bin')).toThrow(/too short/);
    const v1 = new Uint8Array(ckpt.slice(0));
    new Uint32Array(v1.buffer, 0, 1)[0] = 0x616b3432;
    expect(() => readLlama2cCheckpoint(v1.buffer, 'v1.bin')).toThrow(/version-1\/2 export/);
  });

  it('rejects a tokenizer of another vocabulary size', () => {
    const tok = new Uint8Array(readBytes(STORIES_TOK));
    const cut = tok.slice(0, tok.byteLength - 40).buffer; // drops the last few tokens
    expect(() => prepareLlama2c(named(STORIES_CKPT), { name: 'tok.bin', bytes: cut })).toThrow(/tokenizer/);
  });

  it('handles an unshared classifier: equal weights give equal logits, scaled weights scale them', async () => {
    const shared = new Engine(ort as unknown as OrtModule, prepareLlama2c(named(STORIES_CKPT), named(STORIES_TOK)), 'cpu');
    const same = new Engine(ort as unknown as OrtModule, prepareLlama2c({ name: 'u.bin', bytes: unshared(1) }, named(STORIES_TOK)), 'cpu');
    const twice = new Engine(ort as unknown as OrtModule, prepareLlama2c({ name: 'u2.bin', bytes: unshared(2) }, named(STORIES_TOK)), 'cpu');
    expect(same.card.tiedEmbeddings).toBe(false);
    const ids = [1, 403, 407, 261, 378];
    const a = (await shared.forward(ids, [])).lastLogits;
    const b = (await same.forward(ids, [])).lastLogits;
    const c = (await twice.forward(ids, [])).lastLogits;
    for (let i = 0; i < a.length; i++) {
      expect(b[i]).toBeCloseTo(a[i], 5);
      expect(c[i]).toBeCloseTo(2 * a[i], 4);
    }
    await Promise.all([shared.dispose(), same.dispose(), twice.dispose()]);
  });
});
