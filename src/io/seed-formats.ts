/**
 * The result files the seed notebooks write, as schemas, plus the table that says which lab
 * definition (DESIGN.md, "Three gain definitions") each numeric column measures.
 * Read by `seed-import.ts`; the schemas follow each notebook's writer code:
 * - seed 01: `json.dump(output, indent=2, default=str)` of `clean_residual_validation_<ts>.json`;
 * - seed 02: `json.dump(results_data, indent=2)` of `pythia_family_NO_FINAL_LN_<ts>.json`;
 * - seed 03: `df.to_csv(index=False)` of `gpt2_layernorm_validation_<ts>.csv`, and
 *   `json.dump(results_json, indent=2, default=str)` of the `.json` beside it.
 * Fields the lab imports are required and typed; fields it ignores are typed only when present,
 * so that a file from a slightly edited notebook still loads.
 */
import { z } from 'zod';
import type { GainDefinitionId } from '../analysis/definitions';
import type { NormType } from '../model/card';

export type SeedFormatId = 'seed01-json' | 'seed02-json' | 'seed03-csv' | 'seed03-json';

/** The `experiment` title each JSON writer puts first: the most reliable way to tell the files apart. */
export const SEED_EXPERIMENT_TITLES = {
  'seed01-json': 'Clean Residual Gain Validation',
  'seed02-json': 'Pythia Family Residual Stream Gain Sweep - CORRECTED (No Final LN)',
  'seed03-json': 'GPT-2 LayerNorm Validation',
} as const;

/** File names as the notebooks write them (`<ts>` = `%Y%m%d_%H%M%S`); used when the title is absent. */
export const SEED_FILE_PATTERNS: { format: SeedFormatId; pattern: RegExp }[] = [
  { format: 'seed01-json', pattern: /clean_residual_validation_[^/\\]*\.json$/i },
  { format: 'seed02-json', pattern: /pythia_family_NO_FINAL_LN_[^/\\]*\.json$/i },
  { format: 'seed03-csv', pattern: /gpt2_layernorm_validation_[^/\\]*\.csv$/i },
  { format: 'seed03-json', pattern: /gpt2_layernorm_validation_[^/\\]*\.json$/i },
];

/** A finite number: a gain the lab imports. NaN (Python writes it for a failed computation) is refused by name. */
const gain = z.number();
const count = z.number().int().min(1);
/** A statistic the lab does not import (it recomputes them); Python may have written NaN or Infinity. */
const anyNumber = z.custom<number>((v) => typeof v === 'number', 'expected a number');
/** seed 01's `is_dampening` is a numpy bool, which `json.dump(default=str)` writes as "True" / "False". */
const pyBool = z.union([z.boolean(), z.enum(['True', 'False'])]);

/** `all_layer_gains` has one entry per hidden_states transition, so exactly n_layers of them. */
function layerCountCheck(r: { n_layers: number; all_layer_gains: number[] }, ctx: z.RefinementCtx): void {
  if (r.all_layer_gains.length !== r.n_layers) {
    ctx.addIssue({ code: 'custom', path: ['all_layer_gains'], message: `has ${r.all_layer_gains.length} entries but n_layers is ${r.n_layers}` });
  }
}

/** Seed 01: one entry of `results`, keyed by model name. */
export const Seed01Result = z
  .looseObject({
    last_layer_gain_mean: gain,
    last_layer_gain_std: gain.min(0),
    all_layer_gains: z.array(gain).min(1),
    per_prompt_gains: z.record(z.string(), gain),
    is_dampening: pyBool.optional(),
    n_layers: count,
    model: z.string().min(1),
    path: z.string().min(1).optional(),
    // present when the config named the heads (compute_rho returned a dict)
    n_heads: count.optional(), d_model: count.optional(), d_head: count.optional(), rho: gain.optional(),
  })
  .superRefine(layerCountCheck);

export const Seed01File = z.looseObject({
  experiment: z.literal(SEED_EXPERIMENT_TITLES['seed01-json']),
  date: z.string(),
  prompts: z.array(z.string()),
  precision: z.string().optional(),
  methodology: z.string().optional(),
  results: z.record(z.string(), Seed01Result),
});
export type Seed01File = z.infer<typeof Seed01File>;

/** Seed 02: one entry of `models`. */
export const Seed02Model = z
  .looseObject({
    model: z.string().min(1),
    n_layers: count, n_heads: count, d_model: count, d_head: count, rho: gain,
    rotary_pct: anyNumber.optional(),
    residual_gain_mean: gain, residual_gain_std: gain.min(0),
    residual_gain_all: z.array(gain).min(1),
    gain_with_ln_mean: gain, gain_with_ln_std: gain.min(0),
    all_layer_gains: z.array(gain).min(1),
    is_dampening: z.boolean().optional(),
  })
  .superRefine(layerCountCheck);

export const Seed02File = z.looseObject({
  experiment: z.literal(SEED_EXPERIMENT_TITLES['seed02-json']),
  date: z.string(),
  n_models: z.number().int().min(0).optional(),
  n_prompts: count,
  models: z.array(Seed02Model),
  analysis: z.looseObject({ rho_gain_correlation: anyNumber.nullable().optional() }).optional(),
  verdict: z.string().optional(),
});
export type Seed02File = z.infer<typeof Seed02File>;

/** Seed 03: one measurement (a CSV row, or an entry of the JSON's `all_results`). */
export const Seed03Row = z.looseObject({
  Model: z.string().min(1), Norm_Type: z.enum(['LayerNorm', 'RMSNorm']), Params: z.string(), Role: z.string(),
  Category: z.string().min(1), Complexity: z.number().int(), Prompt: z.string().min(1), Prompt_Short: z.string(),
  Entropy: gain.min(0), Last_Gain: gain, Total_Amp: gain, Top_Token: z.string(), Top_Prob: gain.min(0).max(1), N_Layers: count,
});
export type Seed03Row = z.infer<typeof Seed03Row>;

/** Column order of `df.to_csv`: the key order of the dicts appended to `all_results`. */
export const SEED03_CSV_COLUMNS = [
  'Model', 'Norm_Type', 'Params', 'Role', 'Category', 'Complexity', 'Prompt', 'Prompt_Short',
  'Entropy', 'Last_Gain', 'Total_Amp', 'Top_Token', 'Top_Prob', 'N_Layers',
] as const;
export const SEED03_NUMBER_COLUMNS = new Set<string>(['Complexity', 'Entropy', 'Last_Gain', 'Total_Amp', 'Top_Prob', 'N_Layers']);

export const Seed03File = z.looseObject({
  experiment: z.literal(SEED_EXPERIMENT_TITLES['seed03-json']),
  date: z.string(),
  n_prompts: count.optional(),
  models_tested: z.array(z.string()).optional(),
  reference_models: z.record(z.string(), z.looseObject({ gain: anyNumber, norm: z.string() })).optional(),
  base_levels: z.record(z.string(), anyNumber).optional(),
  validation_results: z.array(z.looseObject({ Model: z.string(), Mean_Gain: anyNumber, Std: anyNumber })).optional(),
  all_results: z.array(Seed03Row),
});
export type Seed03File = z.infer<typeof Seed03File>;

/** A syntax error in a seed file: the 1-based line (for JSON, when the engine reports a position) and what is wrong. */
export class SeedSyntaxError extends Error {
  constructor(readonly line: number | undefined, readonly detail: string) {
    super(line === undefined ? detail : `line ${line}: ${detail}`);
  }
}

const PY_MARK = '\u0000py:';
const PY_CONSTANTS: Record<string, number> = { '-Infinity': -Infinity, Infinity: Infinity, NaN: NaN };

/**
 * JSON.parse, plus the NaN / Infinity / -Infinity that Python's json.dump writes (allow_nan is
 * its default) and JSON.parse rejects: they become numbers again, so the schema can name the
 * field holding one instead of the whole file failing at a character position.
 */
export function parsePythonJson(text: string): unknown {
  let marked = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === 'N' || c === 'I' || c === '-') {
      const word = Object.keys(PY_CONSTANTS).find((w) => text.startsWith(w, i));
      if (word) {
        marked += `${text.slice(last, i)}"\\u0000py:${word}"`;
        i += word.length - 1;
        last = i + 1;
      }
    }
  }
  marked += text.slice(last);
  try {
    return JSON.parse(marked, (_k, v: unknown) => (typeof v === 'string' && v.startsWith(PY_MARK) ? PY_CONSTANTS[v.slice(PY_MARK.length)] : v));
  } catch (e) {
    const pos = /position (\d+)/.exec(String(e))?.[1];
    throw new SeedSyntaxError(pos === undefined ? undefined : marked.slice(0, Number(pos)).split('\n').length, `not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
}

/** One CSV record and the physical line it starts on (a quoted newline makes a record span lines). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * A strict parser for the dialect pandas' `to_csv` writes (Python's csv module, QUOTE_MINIMAL):
 * ',' separated, '"' quoted only when a field holds ',', '"' or a line break, '""' inside quotes,
 * '\n' or '\r\n' line ends. Hand-written rather than a library because the format is this small
 * and the importer must name the physical line of every error, which a record index does not give.
 * A stray quote, an unclosed quote or text after a closing quote is an error; blank lines at
 * the end are ignored; a leading BOM (a spreadsheet's re-save) is dropped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let i = 0;
  let line = 1;
  const atEol = (k: number) => s[k] === '\n' || (s[k] === '\r' && s[k + 1] === '\n');
  while (i < s.length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (s[i] === '"') {
        const open = line;
        i++;
        for (;;) {
          if (i >= s.length) throw new SeedSyntaxError(open, 'a quoted field is never closed');
          if (s[i] === '"') {
            if (s[i + 1] !== '"') break;
            cell += '"';
            i += 2;
            continue;
          }
          if (s[i] === '\n') line++;
          cell += s[i++];
        }
        i++;
        // the opening line is where a stray quote most likely was typed
        if (i < s.length && s[i] !== ',' && !atEol(i)) {
          throw new SeedSyntaxError(open, open === line ? `text after a closing quote ('${s[i]}')` : `the quoted field opened here closes on line ${line}, followed by '${s[i]}'`);
        }
      } else {
        while (i < s.length && s[i] !== ',' && !atEol(i)) {
          if (s[i] === '"') throw new SeedSyntaxError(line, 'a quote inside an unquoted field');
          cell += s[i++];
        }
      }
      cells.push(cell);
      if (s[i] !== ',') break;
      i++;
    }
    if (s[i] === '\r') i++;
    if (s[i] === '\n') {
      i++;
      line++;
    }
    records.push({ line: start, cells });
  }
  while (records.length > 0 && records[records.length - 1].cells.join('') === '' && records[records.length - 1].cells.length === 1) records.pop();
  return records;
}

/** What a column (key path as written; `[i]` for list entries) becomes: a gain definition, a StudyRow / PerPromptGain field, or 'not imported'. */
export interface ColumnMapping { format: SeedFormatId; column: string; quantity: GainDefinitionId | string; why: string }

/** Every numeric column of the three formats and what the lab calls it (the Methods page shows this). */
export const SEED_COLUMN_MAP: ColumnMapping[] = [
  { format: 'seed01-json', column: 'results[m].last_layer_gain_mean', quantity: 'G_hf_last', why: 'Mean over prompts of ||hidden_states[L]|| / ||hidden_states[L-1]|| at the last token; hidden_states[L] is the final-norm output, so this is the final norm\'s gain more than the last block\'s.' },
  { format: 'seed01-json', column: 'results[m].last_layer_gain_std', quantity: 'G_hf_last', why: 'np.std of the same per-prompt values: population std (ddof 0).' },
  { format: 'seed01-json', column: 'results[m].per_prompt_gains[prompt]', quantity: 'G_hf_last', why: 'The per-prompt values the mean is taken over, keyed by prompt text.' },
  { format: 'seed01-json', column: 'results[m].all_layer_gains[i], i < L-1', quantity: 'G_block', why: 'hidden_states[i+1] / hidden_states[i] = resid_post(i) / resid_pre(i) for every block but the last, so entry i is G_block(i), averaged over prompts.' },
  { format: 'seed01-json', column: 'results[m].all_layer_gains[L-1]', quantity: 'G_hf_last', why: 'The last transition ends at the final-norm output, so the last entry is G_hf_last (the same number as last_layer_gain_mean).' },
  { format: 'seed01-json', column: 'results[m].n_layers, n_heads, d_model, d_head, rho', quantity: 'nLayers, nHeads, dModel, dHead, rho', why: 'Architecture from the model config; rho = n_heads / (d_model // n_heads), the lab\'s rho.' },
  { format: 'seed02-json', column: 'models[k].residual_gain_mean', quantity: 'G_hf_penult', why: 'Mean of ||hidden_states[L-1]|| / ||hidden_states[L-2]||: it leaves the final norm out as the seed intends, but that ratio is block L-2\'s gain, not the "true last layer"; the last block\'s output is only seen after the final norm in hidden_states. (For L = 1 the seed falls back to G_hf_last.)' },
  { format: 'seed02-json', column: 'models[k].residual_gain_std', quantity: 'G_hf_penult', why: 'np.std of residual_gain_all: population std (ddof 0).' },
  { format: 'seed02-json', column: 'models[k].residual_gain_all[j]', quantity: 'G_hf_penult', why: 'Per-prompt values in TEST_PROMPTS order; the file has no prompt texts, so they are paired with the seed 02 preset by position when the counts agree.' },
  { format: 'seed02-json', column: 'models[k].gain_with_ln_mean, gain_with_ln_std', quantity: 'G_hf_last', why: 'The seed\'s "WRONG" comparison metric, hidden_states[-1] / hidden_states[-2]; std is population (ddof 0); per-prompt values were not saved.' },
  { format: 'seed02-json', column: 'models[k].all_layer_gains[i]', quantity: 'G_block (i < L-1), G_hf_last (i = L-1)', why: 'Same computation as seed 01\'s all_layer_gains.' },
  { format: 'seed02-json', column: 'models[k].n_layers, n_heads, d_model, d_head, rho', quantity: 'nLayers, nHeads, dModel, dHead, rho', why: 'Architecture from the model config, rho as in seed 01.' },
  { format: 'seed02-json', column: 'n_models, n_prompts', quantity: 'not imported', why: 'Counts: checked against models and residual_gain_all (a mismatch is a warning).' },
  { format: 'seed02-json', column: 'models[k].rotary_pct; analysis.*; verdict', quantity: 'not imported', why: 'Not a gain; the statistics are over G_hf_penult means and the lab recomputes them from the rows.' },
  { format: 'seed03-csv', column: 'Last_Gain', quantity: 'G_block', why: 'Forward hooks on every block of transformer.h record block outputs, so norms[-1] / norms[-2] = ||resid_post(L-1)|| / ||resid_post(L-2)|| = ||resid_post(L-1)|| / ||resid_pre(L-1)||: G_block(L-1), the true last-block gain (ln_f is outside the blocks).' },
  { format: 'seed03-csv', column: 'Total_Amp', quantity: 'ampAfterBlock0', why: 'norms[-1] / norms[0] = ||resid_post(L-1)|| / ||resid_post(0)||: not the lab\'s total amplification, whose denominator is resid_pre(0) (the embeddings), so it keeps its own name.' },
  { format: 'seed03-csv', column: 'Entropy', quantity: 'entropyNats', why: 'scipy.stats.entropy (natural log) of the next-token softmax after clipping at 1e-10 and renormalising; differs from the exact entropy by at most about V * 3.5e-9 nats (under 2e-4 for GPT-2\'s 50257 tokens).' },
  { format: 'seed03-csv', column: 'Top_Prob', quantity: 'topProb', why: 'Probability of the argmax token from the same clipped, renormalised distribution.' },
  { format: 'seed03-csv', column: 'N_Layers', quantity: 'nLayers', why: 'The number of hooked blocks, L; the imported gain is G_block(L-1).' },
  { format: 'seed03-csv', column: 'Complexity', quantity: 'not imported', why: 'The category\'s rank from CATEGORY_METADATA; the seed 03 preset carries it per category.' },
  { format: 'seed03-json', column: 'all_results[r].*', quantity: 'as seed03-csv', why: 'The same rows as the CSV, imported identically.' },
  { format: 'seed03-json', column: 'base_levels[m], validation_results[k].Mean_Gain, Std', quantity: 'G_block', why: 'Means (and sample std, ddof 1, from pandas) of Last_Gain per model: checked against the rows, not imported twice.' },
  { format: 'seed03-json', column: 'n_models, n_prompts, n_measurements', quantity: 'not imported', why: 'Counts; n_models counts the models attempted, models_tested names them (one with no rows is a warning).' },
  { format: 'seed03-json', column: 'validation_results[k].t_stat, p_value, Min, Max; bentov_law_results', quantity: 'not imported', why: 'Statistics the lab recomputes from the per-prompt rows.' },
  { format: 'seed03-json', column: 'reference_models[name].gain', quantity: 'not imported', why: 'Numbers quoted from another benchmark whose gain definition the file does not state; importing them under any definition would mislabel them.' },
];

/** Architecture facts of the models the seeds name, from their public configs, keyed by Hub repo id. */
export interface KnownModelFacts {
  nLayers: number;
  nHeads: number;
  dModel: number;
  normType: NormType;
}

export const SEED_MODEL_FACTS: Record<string, KnownModelFacts> = {
  'EleutherAI/pythia-70m': { nLayers: 6, nHeads: 8, dModel: 512, normType: 'LayerNorm' },
  'EleutherAI/pythia-160m': { nLayers: 12, nHeads: 12, dModel: 768, normType: 'LayerNorm' },
  'EleutherAI/pythia-410m': { nLayers: 24, nHeads: 16, dModel: 1024, normType: 'LayerNorm' },
  'EleutherAI/pythia-1b': { nLayers: 16, nHeads: 8, dModel: 2048, normType: 'LayerNorm' },
  'EleutherAI/pythia-1.4b': { nLayers: 24, nHeads: 16, dModel: 2048, normType: 'LayerNorm' },
  'EleutherAI/pythia-2.8b': { nLayers: 32, nHeads: 32, dModel: 2560, normType: 'LayerNorm' },
  'EleutherAI/pythia-6.9b': { nLayers: 32, nHeads: 32, dModel: 4096, normType: 'LayerNorm' },
  'EleutherAI/pythia-12b': { nLayers: 36, nHeads: 40, dModel: 5120, normType: 'LayerNorm' },
  'EleutherAI/gpt-j-6B': { nLayers: 28, nHeads: 16, dModel: 4096, normType: 'LayerNorm' },
  'gpt2-medium': { nLayers: 24, nHeads: 16, dModel: 1024, normType: 'LayerNorm' },
  'gpt2-large': { nLayers: 36, nHeads: 20, dModel: 1280, normType: 'LayerNorm' },
  'gpt2-xl': { nLayers: 48, nHeads: 25, dModel: 1600, normType: 'LayerNorm' },
};

/** Seed 03 writes display names; its MODELS_TO_TEST table maps them to Hub paths. */
export const SEED03_HF_PATHS: Record<string, string> = { 'GPT2-XL': 'gpt2-xl', 'GPT2-Large': 'gpt2-large', 'GPT2-Medium': 'gpt2-medium' };
