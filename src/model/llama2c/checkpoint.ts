/**
 * llama2.c checkpoint reader (legacy export format, version 0, as written by export.py).
 * Header: 7 little-endian int32 (dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len);
 * a negative vocab_size means the classifier is not shared. Then float32 weights, row-major [out, in].
 */

export class CheckpointFormatError extends Error {
  override name = 'CheckpointFormatError';
}

export interface Llama2cConfig {
  dim: number;
  hiddenDim: number;
  nLayers: number;
  nHeads: number;
  nKvHeads: number;
  vocabSize: number;
  seqLen: number;
  sharedClassifier: boolean;
}

/** All weights as views (or copies when unaligned) into the checkpoint; every matrix is row-major [out, in]. */
export interface Llama2cWeights {
  /** [vocab, dim] */ tokenEmbedding: Float32Array;
  /** per layer [dim] */ rmsAtt: Float32Array[];
  /** per layer [dim, dim] */ wq: Float32Array[];
  /** per layer [kv_dim, dim] */ wk: Float32Array[];
  /** per layer [kv_dim, dim] */ wv: Float32Array[];
  /** per layer [dim, dim] */ wo: Float32Array[];
  /** per layer [dim] */ rmsFfn: Float32Array[];
  /** per layer [hidden, dim] (gate) */ w1: Float32Array[];
  /** per layer [dim, hidden] (down) */ w2: Float32Array[];
  /** per layer [hidden, dim] (up) */ w3: Float32Array[];
  /** [dim] */ rmsFinal: Float32Array;
  /** [vocab, dim]; the same array as tokenEmbedding when shared */ wcls: Float32Array;
}

const HEADER_BYTES = 7 * 4;
const MAGIC_V1 = 0x616b3432; // "ak42", llama2.c export versions 1 and 2

export function parseLlama2cHeader(buf: ArrayBuffer, fileName = 'checkpoint'): Llama2cConfig {
  if (buf.byteLength < HEADER_BYTES) {
    throw new CheckpointFormatError(`${fileName} is too short to be a llama2.c checkpoint (${buf.byteLength} bytes; the header alone is 28)`);
  }
  const h = new Int32Array(buf.slice(0, HEADER_BYTES));
  if (h[0] === MAGIC_V1) {
    throw new CheckpointFormatError(
      `${fileName} is a llama2.c version-1/2 export (magic "ak42"); the lab reads the legacy version-0 format (export.py --version 0)`,
    );
  }
  const [dim, hiddenDim, nLayers, nHeads, nKvHeads, vocabRaw, seqLen] = h;
  const cfg: Llama2cConfig = {
    dim, hiddenDim, nLayers, nHeads, nKvHeads, seqLen,
    vocabSize: Math.abs(vocabRaw),
    sharedClassifier: vocabRaw > 0,
  };
  const header = `dim=${dim} hidden_dim=${hiddenDim} n_layers=${nLayers} n_heads=${nHeads} n_kv_heads=${nKvHeads} vocab_size=${vocabRaw} seq_len=${seqLen}`;
  const sane =
    dim > 0 && dim <= 65536 && hiddenDim > 0 && hiddenDim <= 262144 && nLayers > 0 && nLayers <= 1024 &&
    nHeads > 0 && nHeads <= 1024 && nKvHeads > 0 && nKvHeads <= nHeads && vocabRaw !== 0 && cfg.vocabSize <= 1 << 20 &&
    seqLen > 0 && seqLen <= 1 << 20;
  if (!sane) throw new CheckpointFormatError(`${fileName} is not a llama2.c checkpoint: its header reads ${header}`);
  if (dim % nHeads !== 0 || nHeads % nKvHeads !== 0 || (dim / nHeads) % 2 !== 0) {
    throw new CheckpointFormatError(
      `${fileName} has an inconsistent header (${header}): dim must split into n_heads heads of even size, and n_heads must be a multiple of n_kv_heads`,
    );
  }
  return cfg;
}

/** Number of float32 values the checkpoint must hold after the header. */
export function expectedFloats(c: Llama2cConfig): number {
  const headDim = c.dim / c.nHeads;
  const kvDim = headDim * c.nKvHeads;
  const perLayer = c.dim + c.dim * c.dim + 2 * kvDim * c.dim + c.dim * c.dim + c.dim + 3 * c.hiddenDim * c.dim;
  const ropeTables = c.seqLen * headDim; // two legacy tables of seq_len * head_dim / 2
  return c.vocabSize * c.dim + c.nLayers * perLayer + c.dim + ropeTables + (c.sharedClassifier ? 0 : c.vocabSize * c.dim);
}

export function readLlama2cCheckpoint(buf: ArrayBuffer, fileName = 'checkpoint'): { config: Llama2cConfig; weights: Llama2cWeights } {
  const config = parseLlama2cHeader(buf, fileName);
  const need = HEADER_BYTES + 4 * expectedFloats(config);
  if (buf.byteLength !== need) {
    const what = buf.byteLength < need ? 'is truncated' : 'is longer than its header says';
    throw new CheckpointFormatError(
      `${fileName} ${what}: the header (dim=${config.dim}, ${config.nLayers} layers, vocab ${config.vocabSize}, ` +
        `${config.sharedClassifier ? 'shared' : 'separate'} classifier) needs ${need} bytes, the file has ${buf.byteLength}`,
    );
  }
  const { dim, hiddenDim, nLayers, vocabSize, nHeads, nKvHeads, seqLen } = config;
  const headDim = dim / nHeads;
  const kvDim = headDim * nKvHeads;
  let offset = HEADER_BYTES;
  const take = (n: number): Float32Array => {
    const a = new Float32Array(buf, offset, n);
    offset += 4 * n;
    return a;
  };
  const perLayer = (n: number): Float32Array[] => {
    const block = take(nLayers * n);
    return Array.from({ length: nLayers }, (_, l) => block.subarray(l * n, (l + 1) * n));
  };
  const tokenEmbedding = take(vocabSize * dim);
  const rmsAtt = perLayer(dim);
  const wq = perLayer(dim * dim);
  const wk = perLayer(kvDim * dim);
  const wv = perLayer(kvDim * dim);
  const wo = perLayer(dim * dim);
  const rmsFfn = perLayer(dim);
  const w1 = perLayer(hiddenDim * dim);
  const w2 = perLayer(dim * hiddenDim);
  const w3 = perLayer(hiddenDim * dim);
  const rmsFinal = take(dim);
  take(seqLen * headDim); // legacy freq_cis_real and freq_cis_imag, recomputed in the graph
  const wcls = config.sharedClassifier ? tokenEmbedding : take(vocabSize * dim);
  return { config, weights: { tokenEmbedding, rmsAtt, wq, wk, wv, wo, rmsFfn, w1, w2, w3, rmsFinal, wcls } };
}

/** Parameter count as researchers quote it: every weight once (a shared classifier counted once). */
export function llama2cParamCount(c: Llama2cConfig): number {
  const headDim = c.dim / c.nHeads;
  return expectedFloats(c) - c.seqLen * headDim;
}
