/**
 * residual-lab modulate: the Modulator lab's intervention from the command line (issue 7).
 *
 *   residual-lab modulate --model ... (--prompt TEXT | --ids 3,17,42) --alpha 0.1 [--layers 0,2]
 *     --target random:SEED | geo:SEED[,ANCHORS[,NGEO]] | steer:A.txt,B.txt | FILE.json | FILE.npy
 *     [--steer-layer N] [--max-new-tokens N] [--temperature T] [--seed S] [--top-p P] [--json]
 *
 * Prints the original and the modulated continuation and the token difference; with --json the whole
 * result (impact measures, final states, the target used). `--layers` names the blocks whose input is
 * pulled toward the target (default: all), each with the same alpha. For T5 the encoder is modulated
 * and --ids / --prompt are its input.
 * Targets: random:SEED is a seeded Gaussian [d_model] vector scaled to the mean resid_pre norm of the
 * prompt over the modulated blocks (the null control); geo:SEED is the seed's geometric per-token table
 * (static embedding cosine -> spectral embedding -> anchor interpolation -> Procrustes onto the residual
 * PCA, src/analysis/modulation/geometric.ts; ANCHORS default min(3000, vocab / 2), NGEO min(64, d_model)); steer:A.txt,B.txt is the mean resid_pre at
 * --steer-layer (default: the first modulated block) over the prompts of A minus over those of B (one
 * prompt a line; lines of token ids for models without a tokenizer); FILE is [d_model] or [vocab, d_model].
 *
 * `--modulator field[:SEED]` runs the seed's Geometric Field Modulator (seed 05 section 12) instead of the
 * lerp: seeded k = 1, 2, 4 simplex experts before each listed block, no target. --alpha (default the
 * seed's initial 0.01) is every expert's alpha at every listed block, clamped to the seed's [0.001, 0.35]
 * with a note when that moves it; --json adds the health report, per-layer validity and the CV check.
 */
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { nodeLab } from './node-lab';
import { loadFromArgs, MODEL_OPTIONS } from './main';
import { sourceLabel } from '../src/io/spec';
import { parsePromptText } from '../src/io/prompt-sets';
import type { Lab } from '../src/runtime/lab';
import type { ModulatorTarget, ModulationResult } from '../src/runtime/modulator';
import { randomGaussianTarget } from '../src/analysis/modulation/random';
import { parseTargetFile } from '../src/analysis/modulation/target-file';
import { alphaToLogit } from '../src/analysis/modulation/alpha';
import { FIELD_DEFAULTS } from '../src/analysis/modulation/field/config';
import type { FieldReport } from '../src/analysis/modulation/field/report';

export const MODULATE_USAGE = `usage:
  residual-lab modulate --model M [--tokenizer TOK] [--onnx PATH] (--prompt TEXT | --ids 3,17,42) --alpha A [--layers 0,2]
    --target random:SEED|geo:SEED[,ANCHORS[,NGEO]]|steer:A.txt,B.txt|FILE.json|FILE.npy [--steer-layer N]
    [--max-new-tokens N] [--temperature T] [--seed S] [--top-p P] [--json]
  residual-lab modulate --model M ... --modulator field[:SEED] [--alpha A] [--layers 0,2] [--max-new-tokens N] [--json]
    (the seed's Geometric Field Modulator; A clamped to [0.001, 0.35], default 0.01)`;

/** How the target was built, for the report. */
interface TargetReport {
  spec: string;
  kind: ModulatorTarget['kind'];
  /** [d_model] or [vocab, d_model] */ shape: number[];
  /** random: the row norm it was scaled to (mean resid_pre norm over the modulated blocks on the prompt) */ norm?: number;
  /** geo: how the seed's geometric table was built (anchor count, nGeo, alignment, scales) */
  geometric?: { anchors: number; nGeo: number; alignmentCos: number; residualScale: number; scale: number; embedding: string };
  /** steer: the block whose resid_pre was averaged, and the prompt counts */ steer?: { block: number; promptsA: number; promptsB: number; tokensA: number; tokensB: number };
}

function parseIdList(text: string, what: string): number[] {
  const ids = text.split(/[\s,]+/).filter(Boolean).map(Number);
  if (!ids.length || ids.some((i) => !Number.isInteger(i) || i < 0)) throw new Error(`${what} must be non-negative integers separated by commas, got '${text}'`);
  return ids;
}

function parseLayers(text: string | undefined, nBlocks: number): number[] {
  if (text === undefined) return Array.from({ length: nBlocks }, (_, i) => i);
  const layers = parseIdList(text, '--layers');
  const bad = layers.find((l) => l >= nBlocks);
  if (bad !== undefined) throw new Error(`--layers: block ${bad} does not exist; the modulated stack has blocks 0..${nBlocks - 1}`);
  return [...new Set(layers)].sort((a, b) => a - b);
}

/** A prompt file's lines as token ids: through the tokenizer, or read as ids when the model has none. */
async function promptIds(lab: Lab, file: string, hasTokenizer: boolean): Promise<number[][]> {
  const entries = parsePromptText(await readFile(file, 'utf8'));
  if (entries.length === 0) throw new Error(`${file}: no prompts (one a line)`);
  return entries.map((e, i) => (hasTokenizer ? lab.tokenize(e.text).ids : parseIdList(e.text, `${file} line ${i + 1} (this model has no tokenizer: give token ids)`)));
}

async function buildTarget(lab: Lab, spec: string, ids: number[], layers: number[], steerLayer: number | undefined): Promise<{ target: ModulatorTarget; report: TargetReport }> {
  const shape = lab.modulatorShape();
  const D = shape.dModel;
  const random = /^random:(-?\d+)$/.exec(spec);
  if (random) {
    const { meanNorm } = await lab.residualStats([ids], layers);
    const data = randomGaussianTarget({ seed: Number(random[1]), dModel: D, rows: 1, norm: meanNorm });
    return { target: { kind: 'vector', data }, report: { spec, kind: 'vector', shape: [D], norm: meanNorm } };
  }
  const geo = /^geo:(-?\d+)(?:,(\d+))?(?:,(\d+))?$/.exec(spec);
  if (geo) {
    const g = await lab.geometricTarget({ seed: Number(geo[1]), nAnchor: geo[2] ? Number(geo[2]) : undefined, nGeo: geo[3] ? Number(geo[3]) : undefined });
    const { table, ...facts } = g;
    return { target: { kind: 'table', data: table }, report: { spec, kind: 'table', shape: [shape.vocabSize, D], geometric: { ...facts, anchors: facts.anchors.length } } };
  }
  if (spec.startsWith('steer:')) {
    const files = spec.slice('steer:'.length).split(',');
    if (files.length !== 2 || !files[0] || !files[1]) throw new Error(`--target steer:A.txt,B.txt needs two prompt files, got '${spec}'`);
    const block = steerLayer ?? layers[0];
    if (!Number.isInteger(block) || block < 0 || block >= shape.nBlocks) throw new Error(`--steer-layer must be a block in 0..${shape.nBlocks - 1}, got ${block}`);
    const hasTok = lab.modelInfo()!.hasTokenizer;
    const [a, b] = [await promptIds(lab, files[0], hasTok), await promptIds(lab, files[1], hasTok)];
    const sa = await lab.residualStats(a, [block]);
    const sb = await lab.residualStats(b, [block]);
    const data = Float32Array.from(sa.means[0], (v, j) => v - sb.means[0][j]);
    return { target: { kind: 'vector', data }, report: { spec, kind: 'vector', shape: [D], steer: { block, promptsA: a.length, promptsB: b.length, tokensA: sa.tokens, tokensB: sb.tokens } } };
  }
  const bytes = await readFile(spec).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`--target ${spec}: not random:SEED or steer:A.txt,B.txt, and the file cannot be read (${e.code ?? e.message})`);
  });
  const f = parseTargetFile(basename(spec), bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, { dModel: D, vocabSize: shape.vocabSize });
  return { target: { kind: f.kind, data: f.data }, report: { spec, kind: f.kind, shape: f.shape } };
}

function describe(r: ModulationResult, alpha: number, layers: number[], t: TargetReport): string {
  const d = r.tokenDifference;
  const n = Math.max(r.original.ids.length, r.modulated.ids.length);
  return [
    `alpha ${alpha} (logit ${alphaToLogit(alpha).toFixed(5)}) at blocks [${layers.join(', ')}] of the ${r.stack === 'encoder' ? 'encoder' : 'model'}; ` +
      `target ${t.spec} (${t.kind} [${t.shape.join(', ')}]${t.norm !== undefined ? `, row norm ${t.norm.toFixed(4)}` : ''})`,
    `original:  ${r.original.text}`,
    `modulated: ${r.modulated.text}`,
    `token differences: ${d.count} of ${n}${d.positions.length ? ` (positions ${d.positions.join(', ')})` : ''}`,
    `impact on the final states of the input: cos mean ${r.impact.cosMean.toFixed(6)}, norm ratio mean ${r.impact.normRatioMean.toFixed(6)}, ` +
      `pairwise cos shift mean ${Number.isNaN(r.impact.pairwiseShiftMean) ? 'n/a' : r.impact.pairwiseShiftMean.toFixed(6)}`,
    '',
  ].join('\n');
}

/** `field` or `field:SEED` -> the weight seed (default 0); null for the lerp. */
function parseModulator(spec: string | undefined): number | null {
  if (spec === undefined || spec === 'lerp') return null;
  const m = /^field(?::(-?\d+))?$/.exec(spec);
  if (!m) throw new Error(`--modulator must be lerp, field or field:SEED, got '${spec}'\n${MODULATE_USAGE}`);
  return m[1] ? Number(m[1]) : 0;
}

/** The seed's clamp on the requested alpha, and the note to print when it moved the value. */
function clampFieldAlpha(alpha: number): { alpha: number; note: string | null } {
  const { alphaMin, alphaMax } = FIELD_DEFAULTS;
  const c = Math.min(alphaMax, Math.max(alphaMin, alpha));
  return { alpha: c, note: c === alpha ? null : `note: alpha ${alpha} clamped to ${c} (the field modulator's alphas live in [${alphaMin}, ${alphaMax}], seed 05 section 12)` };
}

const fmt = (x: number, d = 6) => (Number.isNaN(x) ? 'n/a' : x.toFixed(d));

function describeField(r: ModulationResult, f: FieldReport, layers: number[], note: string | null): string {
  const d = r.tokenDifference;
  const n = Math.max(r.original.ids.length, r.modulated.ids.length);
  const h = f.health;
  return [
    ...(note ? [note] : []),
    `field modulator seed ${f.seed} (experts k = ${f.config.expertKs.join(', ')}, edim ${f.config.edim}, ${f.config.nActive} active + ${f.config.nNull} null dims, ${h.totalParams} params) ` +
      `at blocks [${layers.join(', ')}] of the ${r.stack === 'encoder' ? 'encoder' : 'model'}; alpha ${fmt(h.alphaMax, 6)}`,
    `original:  ${r.original.text}`,
    `modulated: ${r.modulated.text}`,
    `token differences: ${d.count} of ${n}${d.positions.length ? ` (positions ${d.positions.join(', ')})` : ''}`,
    `health: alpha mean ${fmt(h.alphaMean)} std ${fmt(h.alphaStd)} min ${fmt(h.alphaMin)} max ${fmt(h.alphaMax)}; ` +
      h.experts.map((e) => `template vol2 k${e.k} ${e.templateVol2.toPrecision(6)} (regular ${e.regularVol2.toPrecision(6)}), deform norm ${e.deformNorm.toFixed(4)}`).join('; '),
    `validity (vol2 > 0 on the prompt) per block [k ${f.config.expertKs.join(', k ')}]: ${f.validity.validity.map((row, i) => `${i}: ${row.map((v) => v.toFixed(3)).join('/')}`).join(', ')}; ` +
      `gate mean per block ${f.validity.gateMean.map((g) => g.toFixed(4)).join(', ')}`,
    `cv check (static embedding, ${f.cv.nSimplices} pentachora in ${f.cv.dims} dims): cv ${fmt(f.cv.cv, 4)}, valid ${f.cv.validFraction}, ` +
      `${f.cv.inBand ? 'in' : 'outside'} the band ${f.config.cvTarget} ± ${f.config.cvTolerance}`,
    '',
  ].join('\n');
}

export async function modulateCommand(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const args = argv[0] === 'modulate' ? argv.slice(1) : argv;
  const { values: v } = parseArgs({
    args,
    options: {
      ...MODEL_OPTIONS,
      prompt: { type: 'string' },
      ids: { type: 'string' },
      alpha: { type: 'string' },
      layers: { type: 'string' },
      target: { type: 'string' },
      'steer-layer': { type: 'string' },
      'max-new-tokens': { type: 'string', default: '32' },
      temperature: { type: 'string', default: '0' },
      seed: { type: 'string', default: '0' },
      'top-p': { type: 'string', default: '1' },
      modulator: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (v.help) {
    out(MODULATE_USAGE + '\n');
    return 0;
  }
  const fieldSeed = parseModulator(v.modulator);
  if (fieldSeed !== null) return fieldCommand(v, fieldSeed, out);
  const alpha = Number(v.alpha);
  if (v.alpha === undefined || !(alpha >= 0 && alpha <= 1)) throw new Error(`--alpha must be a number in [0, 1]${v.alpha === undefined ? '' : `, got '${v.alpha}'`}\n${MODULATE_USAGE}`);
  if (!v.target) throw new Error(`--target is required (random:SEED, steer:A.txt,B.txt or a .json/.npy file)\n${MODULATE_USAGE}`);
  const maxNewTokens = Number(v['max-new-tokens']);
  const lab = nodeLab();
  try {
    await loadFromArgs(lab, v);
    const info = lab.modelInfo()!;
    let ids: number[];
    if (v.ids !== undefined) ids = parseIdList(v.ids, '--ids');
    else if (v.prompt !== undefined) ids = lab.tokenize(v.prompt).ids;
    else throw new Error(info.hasTokenizer ? '--prompt TEXT or --ids 1,2,3 is required' : 'this model ships no tokenizer: give --ids 3,17,42');
    const shape = lab.modulatorShape();
    const layers = parseLayers(v.layers, shape.nBlocks);
    const steerLayer = v['steer-layer'] !== undefined ? Number(v['steer-layer']) : undefined;
    const { target, report } = await buildTarget(lab, v.target, ids, layers, steerLayer);
    const alphas = Array.from({ length: shape.nBlocks }, (_, i) => (layers.includes(i) ? alpha : 0));
    const result = await lab.modulate({ ids, alphas, target, maxNewTokens, temperature: Number(v.temperature), seed: Number(v.seed), topP: Number(v['top-p']) });
    if (v.json) {
      const doc = {
        format: 'residual-lab/modulation@1',
        model: sourceLabel(info.source),
        manifest: lab.manifest(),
        intervention: { formula: "h' = (1 - alpha) h + alpha target, at resid_pre of each listed block", alpha, alphaLogit: alphaToLogit(alpha), layers, stack: shape.stack },
        target: report,
        finalStates: 'final-norm output (HF last hidden state) of the input tokens; for T5 the encoder output',
        result,
      };
      out(JSON.stringify(doc, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x), 2) + '\n');
    } else out(describe(result, alpha, layers, report));
    return 0;
  } finally {
    await lab.unload();
  }
}

type Values = Record<string, string | boolean | undefined>;

/** `--modulator field[:SEED]`: the seed's Geometric Field Modulator (see the module doc). */
async function fieldCommand(v: Values, seed: number, out: (s: string) => void): Promise<number> {
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  if (str('target') !== undefined) throw new Error(`--target belongs to the lerp; the field modulator has no target\n${MODULATE_USAGE}`);
  const requested = str('alpha') === undefined ? FIELD_DEFAULTS.initialAlpha : Number(str('alpha'));
  if (!(requested > 0 && requested <= 1)) throw new Error(`--alpha must be a number in (0, 1] for the field modulator, got '${str('alpha')}'\n${MODULATE_USAGE}`);
  const { alpha, note } = clampFieldAlpha(requested);
  const lab = nodeLab();
  try {
    await loadFromArgs(lab, v);
    const info = lab.modelInfo()!;
    let ids: number[];
    if (str('ids') !== undefined) ids = parseIdList(str('ids')!, '--ids');
    else if (str('prompt') !== undefined) ids = lab.tokenize(str('prompt')!).ids;
    else throw new Error(info.hasTokenizer ? '--prompt TEXT or --ids 1,2,3 is required' : 'this model ships no tokenizer: give --ids 3,17,42');
    const shape = lab.modulatorShape();
    const layers = parseLayers(str('layers'), shape.nBlocks);
    const alphas = Array.from({ length: shape.nBlocks }, (_, i) => (layers.includes(i) ? alpha : 0));
    const result = await lab.modulate({
      ids,
      alphas,
      target: { kind: 'field', seed },
      maxNewTokens: Number(str('max-new-tokens') ?? 32),
      temperature: Number(str('temperature') ?? 0),
      seed: Number(str('seed') ?? 0),
      topP: Number(str('top-p') ?? 1),
    });
    const f = result.field!;
    if (v.json) {
      const doc = {
        format: 'residual-lab/modulation@1',
        model: sourceLabel(info.source),
        manifest: lab.manifest(),
        intervention: {
          type: 'field',
          formula: "h' = [h_a * prod_k ((1 - alpha_k) + alpha_k gate_k(h_a)), h_null] before each listed block (seed 05 section 12)",
          seed,
          requestedAlpha: requested,
          alpha,
          clamped: note !== null,
          note,
          layers,
          stack: shape.stack,
        },
        finalStates: 'final-norm output (HF last hidden state) of the input tokens; for T5 the encoder output',
        result,
      };
      out(JSON.stringify(doc, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x), 2) + '\n');
    } else out(describeField(result, f, layers, note));
    return 0;
  } finally {
    await lab.unload();
  }
}
