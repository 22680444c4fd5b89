/**
 * Imports the result files of seed notebooks 01-03 into the lab's study table, every number
 * labelled with the gain definition it measures (see SEED_COLUMN_MAP in seed-formats.ts).
 * This is how results from models too large for a browser get into the lab's tables and figures.
 */
import type { z } from 'zod';
import type { GainDefinitionId } from '../analysis/definitions';
import type { NormType } from '../model/card';
import { SEED02_PROMPTS } from './prompt-sets';
import {
  parseCsv, parsePythonJson, Seed01File, Seed02File, Seed03File, Seed03Row, SEED03_CSV_COLUMNS, SEED03_HF_PATHS,
  SEED03_NUMBER_COLUMNS, SEED_EXPERIMENT_TITLES, SEED_FILE_PATTERNS, SEED_MODEL_FACTS, SeedSyntaxError, type SeedFormatId,
} from './seed-formats';

export type TokenPosition = 'last' | 'mean';

/** One prompt's value inside a StudyRow. */
export interface PerPromptGain {
  /** 0-based position in the file's order for this model */
  index: number;
  /** absent when the file stores gains by position only and the texts could not be paired (seed 02) */
  prompt?: string;
  category?: string;
  gain: number;
  /** next-token entropy in nats (seed 03; clipped at 1e-10 there) */
  entropyNats?: number;
  topToken?: string; topProb?: number;
  /** seed 03's Total_Amp, ||resid_post(L-1)|| / ||resid_post(0)||: not the lab's total amplification (that divides by resid_pre(0)) */
  ampAfterBlock0?: number;
}

/** Where a number came from. */
export interface StudySource {
  /** the file's base name */
  file: string;
  format: SeedFormatId;
  /** the key path or CSV column the number was read from */
  column: string;
  /** caveats a reader of this number needs (fallbacks, facts not in the file) */
  notes: string[];
}

/**
 * One gain summary: one model, one definition, at the last token, over a prompt set. The
 * lab's own sweeps produce the same shape, so imported and measured rows share tables and figures.
 */
export interface StudyRow {
  /** model name as the file writes it */
  model: string;
  /** Hub repo id, from the file or the seed's model table */
  hfPath?: string;
  /** architecture: layers L, heads, d_model, d_head and rho = n_heads / d_head */
  nLayers?: number; nHeads?: number; dModel?: number; dHead?: number; rho?: number;
  normType?: NormType;
  definition: GainDefinitionId;
  /** for 'G_block' only: the block index i of G_block(i), 0-based (L-1 for the last block) */
  block?: number;
  /** the token the gain is taken at: 'last' (every seed file), or the mean over tokens (lab sweeps may choose it) */
  position: TokenPosition;
  gainMean: number;
  gainStd?: number;
  /** ddof of gainStd: 0 = population (np.std, seeds 01/02), 1 = sample (pandas .std(), seed 03) */
  gainStdDdof?: 0 | 1;
  /** number of prompts averaged */
  n?: number;
  perPrompt?: PerPromptGain[];
  source: StudySource;
}

/** A per-layer curve (seed 01/02 `all_layer_gains`): point `layer` is the hidden_states[layer] -> [layer+1] ratio. */
export interface LayerCurve {
  model: string;
  position: TokenPosition;
  /** G_block(layer) for layer < L-1; the last point is G_hf_last (it ends at the final-norm output) */
  points: { layer: number; definition: GainDefinitionId; gainMean: number }[];
  source: StudySource;
}

export interface SeedImport {
  file: string; format: SeedFormatId;
  rows: StudyRow[];
  layerCurves: LayerCurve[];
  /** consistency findings that do not stop the import (e.g. a summary that disagrees with its rows) */
  warnings: string[];
}

/** A rejected file: `where` is `line N` (CSV) or `at <json path>` (JSON). */
export class SeedImportError extends Error {
  constructor(readonly file: string, readonly where: string, readonly detail: string) {
    super(`${file}${where ? ` ${where}` : ''}: ${detail}`);
    this.name = 'SeedImportError';
  }
}

/**
 * Reads one seed result file. The format comes from `opts.format`, else the JSON `experiment`
 * title, else the file name; text not starting with '{' or '[' is read as seed 03's CSV.
 * Throws SeedImportError naming the line (CSV) or JSON path and field.
 */
export function importSeedFile(fileName: string, text: string, opts: { format?: SeedFormatId } = {}): SeedImport {
  const file = fileName.split(/[/\\]/).pop() ?? fileName;
  if (opts.format === 'seed03-csv' || (!opts.format && !/^[[{]/.test(text.trimStart()))) return fromSeed03Csv(file, text);
  const json = syntax(file, () => parsePythonJson(text));
  const format = opts.format ?? detectJsonFormat(file, json);
  const out: SeedImport = { file, format, rows: [], layerCurves: [], warnings: [] };
  if (format === 'seed01-json') fromSeed01(out, check(file, Seed01File, json));
  else if (format === 'seed02-json') fromSeed02(out, check(file, Seed02File, json));
  else fromSeed03Json(out, check(file, Seed03File, json));
  return out;
}

/** Runs a dialect parser, re-throwing its syntax errors with the file named. */
function syntax<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw e instanceof SeedSyntaxError ? new SeedImportError(file, e.line === undefined ? '' : `line ${e.line}`, e.detail) : e;
  }
}

function detectJsonFormat(file: string, json: unknown): SeedFormatId {
  const title = (json as { experiment?: unknown } | null)?.experiment;
  const byTitle = (Object.keys(SEED_EXPERIMENT_TITLES) as (keyof typeof SEED_EXPERIMENT_TITLES)[]).find((k) => SEED_EXPERIMENT_TITLES[k] === title);
  const byName = SEED_FILE_PATTERNS.find((p) => p.format !== 'seed03-csv' && p.pattern.test(file))?.format;
  if (byTitle ?? byName) return (byTitle ?? byName) as SeedFormatId;
  throw new SeedImportError(file, 'at experiment', `not a seed result file: experiment is ${describe(title)}, expected one of ${Object.values(SEED_EXPERIMENT_TITLES).map((t) => `'${t}'`).join(', ')}`);
}

/** Validates with a schema; the first problems are reported as `at <path>: <what>`. */
function check<T>(file: string, schema: z.ZodType<T>, json: unknown, where?: (path: PropertyKey[]) => string): T {
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  const problems = r.error.issues.slice(0, 3).map((issue) => {
    const path = issue.path;
    const value = path.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k] : undefined), json);
    if (value === undefined && path.length > 0) return { path: path.slice(0, -1), detail: `field '${String(path[path.length - 1])}' is missing` };
    const detail = issue.code === 'invalid_type' ? `expected ${issue.expected}, got ${describe(value)}` : `${issue.message} (got ${describe(value)})`;
    return { path, detail };
  });
  const at = where ?? jsonWhere;
  throw new SeedImportError(file, at(problems[0].path), problems.map((p, i) => (i ? `${at(p.path)}: ${p.detail}` : p.detail)).join('; '));
}

/** `at models[1].rho`, `at results["pythia-1.4b"].n_layers`: bracket keys that are not identifiers. */
function jsonWhere(path: PropertyKey[]): string {
  const p = path.map((k, i) => (typeof k === 'number' ? `[${k}]` : /^[A-Za-z_]\w*$/.test(String(k)) ? `${i ? '.' : ''}${String(k)}` : `[${JSON.stringify(String(k))}]`)).join('');
  return `at ${p || '(root)'}`;
}

function describe(v: unknown): string {
  if (typeof v === 'number' && Number.isNaN(v)) return "NaN (Python's json writes NaN for a failed computation)";
  if (typeof v === 'string') return `string '${v.length > 40 ? `${v.slice(0, 40)}...` : v}'`;
  return v === null || v === undefined ? String(v) : Array.isArray(v) ? `array of ${v.length}` : typeof v === 'object' ? 'object' : `${typeof v} ${String(v)}`;
}

/** File facts first; the seed's model table fills what the file leaves out, and the notes say so. */
function architecture(hfPath: string | undefined, f: { n_layers?: number; n_heads?: number; d_model?: number; d_head?: number; rho?: number }, normType?: NormType) {
  const known = hfPath === undefined ? undefined : SEED_MODEL_FACTS[hfPath];
  const nHeads = f.n_heads ?? known?.nHeads;
  const dModel = f.d_model ?? known?.dModel;
  const dHead = f.d_head ?? (nHeads && dModel ? Math.floor(dModel / nHeads) : undefined); // the seeds' d_model // n_heads
  const notes = [
    ...(known && (f.n_heads === undefined || f.d_model === undefined) ? [`heads and width from the public config of ${hfPath} (not in the file)`] : []),
    ...(known && !normType ? [`norm type from the public config of ${hfPath}`] : []),
  ];
  const rho = f.rho ?? (nHeads && dHead ? nHeads / dHead : undefined);
  return { facts: { hfPath, nLayers: f.n_layers ?? known?.nLayers, nHeads, dModel, dHead, rho, normType: normType ?? known?.normType }, notes };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** undefined where the seed's numpy / pandas would give NaN (no degrees of freedom left) */
const std = (xs: number[], ddof: 0 | 1, m = mean(xs)) => (xs.length > ddof ? Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - ddof)) : undefined);

/** Warns when a summary the file states disagrees with the values it summarises. */
function agree(out: SeedImport, what: string, stated: number | undefined, computed: number | undefined): void {
  if (stated === undefined || computed === undefined) return;
  if (!(Math.abs(stated - computed) <= 1e-9 * Math.max(1, Math.abs(computed)))) out.warnings.push(`${what} is ${stated} in the file but ${computed} from its values`);
}

function layerCurve(model: string, gains: number[], source: StudySource): LayerCurve {
  const points = gains.map((g, i) => ({ layer: i, definition: (i < gains.length - 1 ? 'G_block' : 'G_hf_last') as GainDefinitionId, gainMean: g }));
  return { model, position: 'last', points, source };
}

function fromSeed01(out: SeedImport, data: Seed01File): void {
  for (const [key, r] of Object.entries(data.results)) {
    const at = `results${jsonWhere([key]).slice(3)}`;
    if (key !== r.model) out.warnings.push(`${at}.model is '${r.model}', not its key '${key}'; the key names the row`);
    const ordered = [...data.prompts.filter((p) => Object.hasOwn(r.per_prompt_gains, p)), ...Object.keys(r.per_prompt_gains).filter((p) => !data.prompts.includes(p))];
    const missing = data.prompts.filter((p) => !Object.hasOwn(r.per_prompt_gains, p));
    if (missing.length) out.warnings.push(`${at}.per_prompt_gains has no value for ${missing.map((p) => `'${p}'`).join(', ')}`);
    const perPrompt = ordered.map((prompt, index) => ({ index, prompt, gain: r.per_prompt_gains[prompt] }));
    agree(out, `${at}.last_layer_gain_mean`, r.last_layer_gain_mean, perPrompt.length ? mean(perPrompt.map((p) => p.gain)) : undefined);
    const { facts, notes } = architecture(r.path, r);
    const source = (column: string): StudySource => ({ file: out.file, format: out.format, column: `${at}.${column}`, notes: [...notes, 'the seed adds 1e-10 to the denominator (negligible at these norms)', `precision: ${data.precision ?? 'not stated'}`] });
    out.rows.push({
      model: key, ...facts, definition: 'G_hf_last', position: 'last', gainMean: r.last_layer_gain_mean, gainStd: r.last_layer_gain_std,
      gainStdDdof: 0, n: perPrompt.length, perPrompt, source: source('last_layer_gain_mean'),
    });
    out.layerCurves.push(layerCurve(key, r.all_layer_gains, source('all_layer_gains')));
  }
}

function fromSeed02(out: SeedImport, data: Seed02File): void {
  if (data.n_models !== undefined && data.n_models !== data.models.length) out.warnings.push(`n_models is ${data.n_models} but models has ${data.models.length} entries`);
  const dtype = 'dtype not recorded: seed 02 runs float16 on a GPU and float32 on a CPU';
  data.models.forEach((m, k) => {
    const at = `models[${k}]`;
    // the file keeps per-prompt gains by position only; TEST_PROMPTS is the seed 02 preset
    const paired = m.residual_gain_all.length === SEED02_PROMPTS.prompts.length && data.n_prompts === m.residual_gain_all.length;
    if (!paired) out.warnings.push(`${at}.residual_gain_all has ${m.residual_gain_all.length} values (n_prompts ${data.n_prompts}); not paired with the 25 seed 02 prompts`);
    const perPrompt: PerPromptGain[] = m.residual_gain_all.map((gain, index) => {
      const p = paired ? SEED02_PROMPTS.prompts[index] : undefined;
      return p ? { index, prompt: p.text, category: p.category, gain } : { index, gain };
    });
    agree(out, `${at}.residual_gain_mean`, m.residual_gain_mean, mean(m.residual_gain_all));
    const { facts, notes } = architecture(`EleutherAI/${m.model}`, m);
    const source = (column: string, extra: string[] = []): StudySource => ({ file: out.file, format: out.format, column: `${at}.${column}`, notes: [...notes, dtype, ...extra] });
    // with one block the seed falls back to layer_gains[-1]: G_hf_last, the same values as gain_with_ln_*
    const penult = m.n_layers >= 2;
    const pairing = paired ? ['prompt texts paired by position with the seed 02 preset (the file stores none)'] : [];
    out.rows.push({
      model: m.model, ...facts, definition: penult ? 'G_hf_penult' : 'G_hf_last', position: 'last', gainMean: m.residual_gain_mean,
      gainStd: m.residual_gain_std, gainStdDdof: 0, n: perPrompt.length, perPrompt, source: source('residual_gain_mean', pairing),
    });
    if (!penult) out.warnings.push(`${at} has 1 layer: its residual_gain is G_hf_last (the seed's fallback), imported once`);
    else out.rows.push({
      model: m.model, ...facts, definition: 'G_hf_last', position: 'last', gainMean: m.gain_with_ln_mean, gainStd: m.gain_with_ln_std,
      gainStdDdof: 0, n: m.residual_gain_all.length, source: source('gain_with_ln_mean', ['per-prompt values not saved by the seed']),
    });
    out.layerCurves.push(layerCurve(m.model, m.all_layer_gains, source('all_layer_gains')));
  });
}

/** Seed 03 measurements, each with where it was read (`line 7`, `at all_results[5]`). */
function fromSeed03Rows(out: SeedImport, rows: { row: Seed03Row; where: string }[], column: string): void {
  const groups = new Map<string, { row: Seed03Row; where: string }[]>();
  for (const r of rows) groups.set(r.row.Model, [...(groups.get(r.row.Model) ?? []), r]);
  for (const [model, group] of groups) {
    const [first] = group;
    // one model, one architecture: a row that disagrees was edited or mixed in
    for (const { row, where } of group) {
      const k = (['N_Layers', 'Norm_Type'] as const).find((key) => row[key] !== first.row[key]);
      if (k) throw new SeedImportError(out.file, where, `${k} is ${row[k]} but ${first.row[k]} in the other rows of ${model}`);
    }
    if (new Set(group.map((g) => g.row.Prompt)).size !== group.length) out.warnings.push(`${model} has a prompt measured twice`);
    const L = first.row.N_Layers;
    if (L < 2) out.warnings.push(`${model} has N_Layers ${L}: the seed writes Last_Gain = 1.0 when it hooked fewer than 2 blocks`);
    const gains = group.map((g) => g.row.Last_Gain);
    const { facts, notes } = architecture(SEED03_HF_PATHS[model], { n_layers: L }, first.row.Norm_Type);
    out.rows.push({
      model, ...facts, definition: 'G_block', block: L - 1, position: 'last',
      gainMean: mean(gains), gainStd: std(gains, 1), gainStdDdof: 1, n: gains.length,
      perPrompt: group.map(({ row }, index) => ({
        index, prompt: row.Prompt, category: row.Category, gain: row.Last_Gain, entropyNats: row.Entropy,
        topToken: row.Top_Token, topProb: row.Top_Prob, ampAfterBlock0: row.Total_Amp,
      })),
      source: { file: out.file, format: out.format, column, notes },
    });
  }
}

function fromSeed03Csv(file: string, text: string): SeedImport {
  const out: SeedImport = { file, format: 'seed03-csv', rows: [], layerCurves: [], warnings: [] };
  const records = syntax(file, () => parseCsv(text));
  const header = records[0]?.cells ?? [];
  for (const name of SEED03_CSV_COLUMNS) if (!header.includes(name)) throw new SeedImportError(file, 'line 1', `missing column '${name}'`);
  if (records.length === 1) throw new SeedImportError(file, 'line 2', 'no measurements after the header');
  const rows = records.slice(1).map(({ line, cells }) => {
    const where = `line ${line}`;
    if (cells.length !== header.length) throw new SeedImportError(file, where, `${cells.length} fields, but the header has ${header.length}`);
    const obj: Record<string, string | number> = {};
    header.forEach((name, c) => {
      const cell = cells[c];
      if (!SEED03_NUMBER_COLUMNS.has(name)) obj[name] = cell;
      else if (cell === '') throw new SeedImportError(file, where, `column '${name}' is empty (pandas writes NaN as an empty field)`);
      else if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell)) throw new SeedImportError(file, where, `column '${name}' is not a number ('${cell}')`);
      else obj[name] = Number(cell);
    });
    return { row: check(file, Seed03Row, obj, (path) => `${where} column '${String(path[0])}'`), where };
  });
  fromSeed03Rows(out, rows, 'Last_Gain');
  return out;
}

function fromSeed03Json(out: SeedImport, data: Seed03File): void {
  fromSeed03Rows(out, data.all_results.map((row, i) => ({ row, where: `at all_results[${i}]` })), 'all_results[].Last_Gain');
  for (const r of out.rows) {
    agree(out, `base_levels["${r.model}"]`, data.base_levels?.[r.model], r.gainMean);
    const v = data.validation_results?.find((x) => x.Model === r.model);
    agree(out, `validation_results Mean_Gain of ${r.model}`, v?.Mean_Gain, r.gainMean);
    agree(out, `validation_results Std of ${r.model}`, v?.Std, r.gainStd);
  }
  const measured = new Set(out.rows.map((r) => r.model));
  for (const m of data.models_tested ?? []) if (!measured.has(m)) out.warnings.push(`${m} is in models_tested but has no measurements (it failed in the notebook)`);
  const refs = Object.entries(data.reference_models ?? {});
  if (refs.length) out.warnings.push(`reference_models not imported (${refs.map(([k, v]) => `${k} ${v.gain}`).join(', ')}): the file does not say which gain definition they use`);
}
