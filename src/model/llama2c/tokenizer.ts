/**
 * llama2.c tokenizer (tokenizer.bin), encoding and decoding exactly as karpathy's run.c does.
 * File: int32 LE max_token_length, then per token: float32 LE score, int32 LE byte length, the piece's bytes.
 * The vocab size is not stored in the file; it comes from the checkpoint header.
 */

/** The tokenizer file is malformed or does not match the checkpoint's vocab size. */
export class TokenizerFormatError extends Error {
  override name = 'TokenizerFormatError';
}

const BOS = 1;
const EOS = 2;
const utf8Encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF that the text really contained.
const utf8Decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** A binary-safe Map key: one char per byte, so invalid UTF-8 pieces still match exactly. */
function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

type Token = { score: number; piece: Uint8Array; end: number };

/** Reads the token at `offset`; returns a description of the problem instead if it is not a whole valid token. */
function readToken(view: DataView, bytes: Uint8Array, offset: number, i: number, maxLen: number): Token | string {
  const remain = bytes.length - offset;
  if (remain < 8) return `token ${i} is truncated: its score and length need 8 bytes at offset ${offset}, only ${remain} remain`;
  const score = view.getFloat32(offset, true);
  const len = view.getInt32(offset + 4, true);
  if (len < 0) return `token ${i} has a negative byte length (${len}) at offset ${offset + 4}`;
  if (len > maxLen) return `token ${i} claims ${len} bytes, more than the header's max_token_length ${maxLen}`;
  if (len > remain - 8) return `token ${i} is truncated: it needs ${len} bytes, only ${remain - 8} remain`;
  if (!Number.isFinite(score)) return `token ${i} has a non-finite score (${score})`;
  return { score, piece: bytes.slice(offset + 8, offset + 8 + len), end: offset + 8 + len };
}

/** A llama2.c tokenizer: run.c's encode (dummy prefix, byte fallback, greedy best-score merges) and decode. */
export class Llama2cTokenizer {
  readonly bosId = BOS as 1;
  readonly eosId = EOS as 2;
  readonly vocabSize: number;
  private readonly keys: string[];
  private readonly ids = new Map<string, number>();

  private constructor(
    readonly maxTokenLength: number,
    private readonly pieces: Uint8Array[],
    private readonly scores: Float32Array,
  ) {
    this.vocabSize = pieces.length;
    this.keys = pieces.map(latin1);
    // run.c bsearches a sorted copy, so with duplicate pieces any id may win; we keep the first.
    this.keys.forEach((k, id) => { if (!this.ids.has(k)) this.ids.set(k, id); });
  }

  /**
   * Parses a tokenizer.bin. `vocabSize` is the checkpoint header's (use its absolute value).
   * @throws TokenizerFormatError if the file is truncated, malformed, or holds a different number of tokens.
   */
  static fromBytes(bytes: ArrayBuffer | Uint8Array, vocabSize: number): Llama2cTokenizer {
    if (!Number.isInteger(vocabSize) || vocabSize < 3) {
      throw new TokenizerFormatError(`vocab size must be an integer >= 3 (got ${vocabSize}); pass the absolute value of the checkpoint's vocab_size`);
    }
    const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
    if (u8.length < 4) throw new TokenizerFormatError(`tokenizer file is truncated: ${u8.length} bytes, too short for the int32 max_token_length header`);
    const maxLen = view.getInt32(0, true);
    if (maxLen < 1 || maxLen > u8.length) {
      throw new TokenizerFormatError(`implausible max_token_length ${maxLen} in a ${u8.length}-byte file: not a llama2.c tokenizer.bin?`);
    }
    const pieces: Uint8Array[] = [];
    const scores = new Float32Array(vocabSize);
    let offset = 4;
    for (let i = 0; i < vocabSize; i++) {
      if (offset === u8.length) {
        throw new TokenizerFormatError(`tokenizer has only ${i} tokens but the checkpoint expects ${vocabSize} (wrong tokenizer, or the file is truncated)`);
      }
      const tok = readToken(view, u8, offset, i, maxLen);
      if (typeof tok === 'string') throw new TokenizerFormatError(`tokenizer file is malformed: ${tok}`);
      scores[i] = tok.score;
      pieces.push(tok.piece);
      offset = tok.end;
    }
    if (offset < u8.length) {
      // If the rest parses as whole tokens, the checkpoint simply expects a smaller vocab: say so.
      for (let extra = 1, at = offset; ; extra++) {
        const t = readToken(view, u8, at, vocabSize + extra - 1, maxLen);
        if (typeof t === 'string') break;
        at = t.end;
        if (at === u8.length) {
          throw new TokenizerFormatError(`tokenizer has ${vocabSize + extra} tokens but the checkpoint expects ${vocabSize}`);
        }
      }
      throw new TokenizerFormatError(`tokenizer file has ${u8.length - offset} trailing bytes after its ${vocabSize} tokens that do not form whole tokens`);
    }
    return new Llama2cTokenizer(maxLen, pieces, scores);
  }

  /** Encodes text as run.c does: [BOS], dummy-prefix " ", one token per UTF-8 character (byte fallback id = byte + 3), then best-score merges. */
  encode(text: string, opts: { bos?: boolean; eos?: boolean } = {}): number[] {
    const { bos = true, eos = false } = opts;
    const tokens: number[] = bos ? [BOS] : [];
    const bytes = utf8Encoder.encode(text);
    const pushGroup = (group: Uint8Array): void => {
      const id = this.ids.get(latin1(group));
      if (id !== undefined) tokens.push(id);
      else for (const b of group) tokens.push(this.checkId(b + 3));
    };
    // run.c pushes str_lookup(" ") even if it fails (-1); byte fallback is the safe equivalent.
    if (bytes.length > 0) pushGroup(Uint8Array.of(0x20));
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      // Group a lead byte with its continuation bytes, at most 4 bytes, as run.c's str_len < 4 check does.
      const nextIsCont = i + 1 < bytes.length && (bytes[i + 1] & 0xc0) === 0x80;
      if (nextIsCont && i + 1 - start < 4) continue;
      pushGroup(bytes.subarray(start, i + 1));
      start = i + 1;
    }
    for (;;) {
      // run.c: the first pair with the strictly highest merged score wins; BOS takes part too.
      let bestScore = -1e10;
      let bestId = -1;
      let bestIdx = -1;
      for (let i = 0; i + 1 < tokens.length; i++) {
        const id = this.ids.get(this.keys[tokens[i]] + this.keys[tokens[i + 1]]);
        if (id !== undefined && this.scores[id] > bestScore) {
          bestScore = this.scores[id];
          bestId = id;
          bestIdx = i;
        }
      }
      if (bestIdx === -1) break;
      tokens.splice(bestIdx, 2, bestId);
    }
    if (eos) tokens.push(EOS);
    return tokens;
  }

  /** run.c decode(prev, token): the piece's bytes, minus a leading space right after BOS; '<0xNN>' gives that raw byte. */
  pieceBytes(prev: number, token: number): Uint8Array {
    let piece = this.pieces[this.checkId(token)];
    if (prev === BOS && piece[0] === 0x20) piece = piece.subarray(1);
    // Like sscanf(piece, "<0x%02hhX>"): a prefix match on one or two hex digits.
    const m = /^<0x([0-9A-Fa-f]{1,2})/.exec(latin1(piece));
    return m ? Uint8Array.of(parseInt(m[1], 16)) : piece.slice();
  }

  /**
   * Decodes ids to text: concatenates pieceBytes(prev, id), the first id decoded as if it followed BOS,
   * then UTF-8-decodes (invalid bytes become U+FFFD). BOS and EOS contribute no text.
   * Re-decoding all ids so far is the streaming path: it handles characters split over byte tokens.
   */
  decode(ids: readonly number[]): string {
    const chunks: Uint8Array[] = [];
    let prev: number = BOS;
    for (const id of ids) {
      if (id !== BOS && id !== EOS) chunks.push(this.pieceBytes(prev, id));
      prev = id;
    }
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) { out.set(c, at); at += c.length; }
    return utf8Decoder.decode(out);
  }

  /** The raw vocab piece as a string (e.g. " the", "<0x41>", "\n<s>\n"), for displaying top-k tokens. */
  piece(id: number): string {
    return utf8Decoder.decode(this.pieces[this.checkId(id)]);
  }

  private checkId(id: number): number {
    if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) {
      throw new RangeError(`token id ${id} is outside the vocabulary (0..${this.vocabSize - 1})`);
    }
    return id;
  }
}
