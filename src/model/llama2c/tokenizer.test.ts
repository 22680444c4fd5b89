import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Llama2cTokenizer, TokenizerFormatError } from './tokenizer';

const shared = path.resolve(process.cwd(), '../shared/models');
const tokPath = path.join(shared, 'llama2c/stories260K.tok512.bin');
const fixturePath = path.resolve(process.cwd(), 'fixtures/stories260K.reference.json');
const fileBytes = new Uint8Array(readFileSync(tokPath));
const tok = Llama2cTokenizer.fromBytes(fileBytes, 512);

/** Strings like the 38 that stories260K-hf/README.md verified against run.c. */
const roundTrip = [
  'Once upon a time', 'The little girl saw a cat', 'He was very happy because',
  'Hello, world! How are you?', "It's 3:45 pm; 100% sure (maybe) [no] {yes} <ok> @#$&*", '0123456789 42 3.14159',
  'a\nb', '\n', 'line one\nline two\n\n', '\t', 'col1\tcol2', 'two  spaces', '   leading', 'trailing   ', ' ', '    ',
  'café', 'naïve résumé', '日本語', '€', '😀', '🐱', 'a\u200Ab', '\uFEFFbom', 'mixed ASCII and 日本 and 😀!',
  'The quick brown fox jumps over the lazy dog. She said, "No!" and ran away.',
];

describe('Llama2cTokenizer: loading', () => {
  it('reads the stories260K tokenizer', () => {
    expect(tok.vocabSize).toBe(512);
    expect(tok.maxTokenLength).toBe(7);
    expect([tok.bosId, tok.eosId]).toEqual([1, 2]);
    expect([tok.piece(0), tok.piece(1), tok.piece(2)]).toEqual(['<unk>', '\n<s>\n', '\n</s>\n']);
    expect(tok.piece(3 + 0x41)).toBe('<0x41>');
    expect(tok.piece(410)).toBe(' ');
  });

  it('accepts an ArrayBuffer and a Uint8Array view at an offset', () => {
    const padded = new Uint8Array(fileBytes.length + 3);
    padded.set(fileBytes, 3);
    const fromView = Llama2cTokenizer.fromBytes(padded.subarray(3), 512);
    const fromBuffer = Llama2cTokenizer.fromBytes(fileBytes.slice().buffer, 512);
    for (const t of [fromView, fromBuffer]) expect(t.encode('Once upon a time')).toEqual([1, 403, 407, 261, 378]);
  });

  it('agrees piece by piece with stories260K-hf/tokenizer.json (with ▁ as space)', () => {
    const json = JSON.parse(readFileSync(path.join(shared, 'stories260K-hf/tokenizer.json'), 'utf8')) as { model: { vocab: Record<string, number> } };
    const entries = Object.entries(json.model.vocab);
    expect(entries.length).toBe(512);
    for (const [p, id] of entries) if (id >= 3) expect(tok.piece(id)).toBe(p.replace(/▁/g, ' '));
  });
});

describe('Llama2cTokenizer: format errors', () => {
  const err = (bytes: Uint8Array, vocab = 512): TokenizerFormatError => {
    try { Llama2cTokenizer.fromBytes(bytes, vocab); } catch (e) { expect(e).toBeInstanceOf(TokenizerFormatError); return e as TokenizerFormatError; }
    throw new Error('expected a TokenizerFormatError');
  };

  it('rejects truncated files', () => {
    expect(err(fileBytes.slice(0, 2)).message).toMatch(/truncated.*max_token_length/);
    expect(err(fileBytes.slice(0, 3000)).message).toMatch(/truncated/);
    expect(err(fileBytes.slice(0, fileBytes.length - 1)).message).toMatch(/token 511 is truncated/);
  });

  it('rejects a vocab size that does not match the content', () => {
    expect(err(fileBytes, 32000).message).toMatch(/has only 512 tokens but the checkpoint expects 32000/);
    expect(err(fileBytes, 500).message).toMatch(/has 512 tokens but the checkpoint expects 500/);
    expect(err(fileBytes, -512).message).toMatch(/vocab size must be/);
  });

  it('rejects unexplained trailing bytes', () => {
    const junk = new Uint8Array(fileBytes.length + 3);
    junk.set(fileBytes);
    expect(err(junk).message).toMatch(/3 trailing bytes after its 512 tokens/);
  });

  it('rejects files that are not tokenizers', () => {
    let seed = 12345;
    const random = Uint8Array.from({ length: 6227 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    expect(err(random).message).toMatch(/max_token_length|negative|claims|truncated|trailing|non-finite/);
    expect(err(new Uint8Array(readFileSync(path.join(shared, 'llama2c/stories260K.bin'))))).toBeInstanceOf(TokenizerFormatError);
    const negativeLen = fileBytes.slice();
    new DataView(negativeLen.buffer).setInt32(4 + 4, -5, true);
    expect(err(negativeLen).message).toMatch(/token 0 has a negative byte length \(-5\)/);
    const hugeLen = fileBytes.slice();
    new DataView(hugeLen.buffer).setInt32(4 + 4, 1 << 30, true);
    expect(err(hugeLen).message).toMatch(/token 0 claims 1073741824 bytes, more than the header's max_token_length 7/);
  });
});

describe('Llama2cTokenizer: encode (run.c semantics)', () => {
  it('matches the ids verified against run.c', () => {
    expect(tok.encode('Once upon a time')).toEqual([1, 403, 407, 261, 378]);
    expect(tok.encode('The little girl saw a cat')).toEqual([1, 291, 376, 298, 315, 421, 394, 261, 280, 294]);
    expect(tok.encode('He was very happy because')).toEqual([1, 346, 286, 399, 393, 329, 429, 412, 425, 372]);
    expect(tok.encode('')).toEqual([1]);
  });

  it('honours the bos and eos options', () => {
    expect(tok.encode('', { eos: true })).toEqual([1, 2]);
    expect(tok.encode('', { bos: false })).toEqual([]);
    expect(tok.encode('Once upon a time', { bos: false, eos: true })).toEqual([403, 407, 261, 378, 2]);
  });

  it('looks up whole UTF-8 characters and falls back to byte + 3 for those not in the vocab', () => {
    expect(tok.encode('€')).toEqual([1, 410, 503]);
    expect(tok.piece(503)).toBe('€');
    expect(tok.encode('café').at(-1)).toBe(485);
    for (const ch of ['日本語', '😀', '🐱']) {
      const bytes = [...new TextEncoder().encode(ch)];
      expect(tok.encode(ch)).toEqual([1, 410, ...bytes.map((b) => b + 3)]);
    }
    expect(tok.encode('naïve').slice(3, 5)).toEqual([0xc3 + 3, 0xaf + 3]);
  });

  it('round-trips text through decode', () => {
    for (const s of roundTrip) expect(tok.decode(tok.encode(s)), JSON.stringify(s)).toBe(s);
    for (const s of roundTrip) expect(tok.decode(tok.encode(s, { bos: false, eos: true }))).toBe(s);
  });
});

describe('Llama2cTokenizer: decode', () => {
  it('pieceBytes strips the leading space after BOS only and maps <0xNN> to the byte', () => {
    const the = 265;
    expect(tok.piece(the)).toBe(' the');
    expect(new TextDecoder().decode(tok.pieceBytes(1, the))).toBe('the');
    expect(new TextDecoder().decode(tok.pieceBytes(5, the))).toBe(' the');
    expect([...tok.pieceBytes(7, 3 + 0x41)]).toEqual([0x41]);
    expect([...tok.pieceBytes(1, 3 + 0xe2)]).toEqual([0xe2]);
    expect(new TextDecoder().decode(tok.pieceBytes(1, 1))).toBe('\n<s>\n');
  });

  it('gives BOS and EOS no text and decodes streaming prefixes', () => {
    // run.c strips the leading space after every BOS, not just the first.
    expect(tok.decode([1, 403, 407, 261, 378, 2, 1, 403])).toBe('Once upon a timeOnce');
    expect(tok.decode([403, 407])).toBe('Once upon');
    const ids = tok.encode('hi 😀');
    const prefixes = ids.map((_, n) => tok.decode(ids.slice(0, n + 1)));
    expect(prefixes.at(-1)).toBe('hi 😀');
    expect(prefixes.at(-2)).toMatch(/^hi \uFFFD+$/);
  });

  it('rejects ids outside the vocabulary', () => {
    expect(() => tok.decode([1, 512])).toThrow(RangeError);
    expect(() => tok.piece(-1)).toThrow(RangeError);
  });
});

// Optional cross-check against the HF tokenizer (verified equal to run.c); skipped when the package is absent.
type HfModule = {
  env: { allowRemoteModels: boolean; localModelPath: string };
  AutoTokenizer: { from_pretrained(id: string): Promise<{ encode(text: string): number[] }> };
};
const hfName = '@huggingface/transformers';
const hf = (await import(/* @vite-ignore */ hfName).catch(() => null)) as HfModule | null;

describe.skipIf(!hf)('Llama2cTokenizer vs @huggingface/transformers', () => {
  it('encodes like tokenizer.json', async () => {
    hf!.env.allowRemoteModels = false;
    hf!.env.localModelPath = shared;
    const ref = await hf!.AutoTokenizer.from_pretrained('stories260K-hf');
    for (const s of roundTrip) expect(tok.encode(s), JSON.stringify(s)).toEqual(ref.encode(s));
  });
});

describe.skipIf(!existsSync(fixturePath))('Llama2cTokenizer vs fixtures/stories260K.reference.json', () => {
  it('matches every tokenizer case', () => {
    const ref = JSON.parse(readFileSync(fixturePath, 'utf8')) as { tokenizer_cases?: { text: string; ids: number[]; decoded: string }[] };
    expect(ref.tokenizer_cases?.length).toBeGreaterThan(0);
    for (const c of ref.tokenizer_cases ?? []) {
      expect(tok.encode(c.text, { bos: c.ids[0] === 1 }), JSON.stringify(c.text)).toEqual(c.ids);
      expect(tok.decode(c.ids), JSON.stringify(c.text)).toBe(c.decoded);
    }
  });
});
