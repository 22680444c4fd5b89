/**
 * Tidy data export (issue 8, item 2): one row per model x prompt x layer x quantity, the gain
 * definition a column of its own, and the manifest carried along: in JSON as a field, in CSV as
 * leading `# ` comment lines (pandas: `read_csv(path, comment='#')`). Numbers are written in their
 * shortest round-trip form, so export and re-import give the same float64 bit for bit.
 */
import Papa from 'papaparse';
import type { ResultsFile } from './results';
import type { PromptRow } from '../analysis/aggregate';

export const TIDY_FORMAT = 'residual-lab/tidy@1';

/** One number. Empty strings stand for "does not apply" (no layer for entropy, no definition for a norm). */
export interface TidyRow {
  model: string;
  /** index of the prompt in its set (or of the token-id input) */ prompt_index: number;
  prompt: string;
  /** prompt category, '' when none */ category: string;
  /** the token position: its index, 'last' or 'mean' (over positions) */ token: string;
  /** block or boundary index, '' when the quantity has none */ layer: number | '';
  /** tap point of a norm ('blocks.3.hook_resid_pre'), '' otherwise */ hook: string;
  /** 'resid_norm' | 'gain' | 'total_amplification' | 'entropy_nats' | 'top_prob' */ quantity: string;
  /** the gain definition (Methods: G_hf_last, G_hf_penult, G_block), '' for other quantities */ definition: string;
  value: number;
}

export const TIDY_COLUMNS: readonly (keyof TidyRow)[] = ['model', 'prompt_index', 'prompt', 'category', 'token', 'layer', 'hook', 'quantity', 'definition', 'value'];

export interface TidyTable {
  format: typeof TIDY_FORMAT;
  manifest: unknown;
  rows: TidyRow[];
}

/** Every number of a Model-view results file: norms per boundary and token, G_block per block and token, the three gains and entropy at the last token. */
export function tidyFromResults(file: ResultsFile, model: string): TidyRow[] {
  const rows: TidyRow[] = [];
  file.results.forEach((r, pi) => {
    const m = r.measurement;
    const base = { model, prompt_index: pi, prompt: r.prompt ?? m.ids.join(','), category: '' };
    const S = m.ids.length;
    const last = String(S - 1);
    for (const [hook, norms] of Object.entries(m.norms)) {
      const b = m.boundaryHooks.indexOf(hook as (typeof m.boundaryHooks)[number]);
      norms.forEach((value, t) => rows.push({ ...base, token: String(t), layer: b >= 0 ? b : '', hook, quantity: 'resid_norm', definition: '', value }));
    }
    m.blockGains.forEach((perTok, i) => perTok.forEach((value, t) => rows.push({ ...base, token: String(t), layer: i, hook: '', quantity: 'gain', definition: 'G_block', value })));
    const g = m.lastToken;
    rows.push({ ...base, token: last, layer: '', hook: '', quantity: 'gain', definition: 'G_hf_last', value: g.G_hf_last });
    if (g.G_hf_penult !== null) rows.push({ ...base, token: last, layer: '', hook: '', quantity: 'gain', definition: 'G_hf_penult', value: g.G_hf_penult });
    rows.push({ ...base, token: last, layer: '', hook: '', quantity: 'total_amplification', definition: '', value: g.total });
    rows.push({ ...base, token: last, layer: '', hook: '', quantity: 'entropy_nats', definition: '', value: m.entropyNats });
  });
  return rows;
}

/** Every number of a study's per-prompt rows (one model): the gains at the study's position, G_block per layer, entropy. */
export function tidyFromPromptRows(model: string, rows: readonly (PromptRow | null)[]): TidyRow[] {
  const out: TidyRow[] = [];
  rows.forEach((r, pi) => {
    if (!r) return;
    const base = { model, prompt_index: pi, prompt: r.prompt, category: r.category ?? '', token: r.position, hook: '' };
    out.push({ ...base, layer: '', quantity: 'gain', definition: 'G_hf_last', value: r.G_hf_last });
    if (r.G_hf_penult !== null) out.push({ ...base, layer: '', quantity: 'gain', definition: 'G_hf_penult', value: r.G_hf_penult });
    r.G_block.forEach((value, i) => out.push({ ...base, layer: i, quantity: 'gain', definition: 'G_block', value }));
    out.push({ ...base, layer: '', quantity: 'total_amplification', definition: '', value: r.total });
    // Entropy and top probability are at the last token whatever the study's position.
    out.push({ ...base, token: 'last', layer: '', quantity: 'entropy_nats', definition: '', value: r.entropyNats });
    if (r.topProb !== null) out.push({ ...base, token: 'last', layer: '', quantity: 'top_prob', definition: '', value: r.topProb });
  });
  return out;
}

export function tidyJson(table: Omit<TidyTable, 'format'>): string {
  return JSON.stringify({ format: TIDY_FORMAT, ...table }, null, 1) + '\n';
}

/** CSV: `# residual-lab/tidy@1`, `# manifest: {json}`, then a header and one line per row. */
export function tidyCsv(table: Omit<TidyTable, 'format'>): string {
  const head = `# ${TIDY_FORMAT}\n# manifest: ${JSON.stringify(table.manifest)}\n`;
  // String(number) is the shortest representation that parses back to the same float64 (but drops the sign of -0).
  const num = (x: number) => (Object.is(x, -0) ? '-0' : String(x));
  const body = Papa.unparse({ fields: [...TIDY_COLUMNS], data: table.rows.map((r) => TIDY_COLUMNS.map((c) => (typeof r[c] === 'number' ? num(r[c]) : r[c]))) }, { newline: '\n' });
  return head + body + '\n';
}

export class TidyFormatError extends Error {
  override name = 'TidyFormatError';
}

/** Read a tidy CSV back (manifest from its comment line); a malformed line is named. */
export function parseTidyCsv(text: string): TidyTable {
  const lines = text.split('\n');
  let manifest: unknown = null;
  let i = 0;
  for (; i < lines.length && lines[i].startsWith('#'); i++) {
    const m = /^# manifest: (.*)$/.exec(lines[i]);
    if (m) manifest = JSON.parse(m[1]);
  }
  const parsed = Papa.parse<Record<string, string>>(lines.slice(i).join('\n'), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new TidyFormatError(`line ${parsed.errors[0].row !== undefined ? parsed.errors[0].row + i + 2 : '?'}: ${parsed.errors[0].message}`);
  const missing = TIDY_COLUMNS.filter((c) => !parsed.meta.fields?.includes(c));
  if (missing.length) throw new TidyFormatError(`missing columns: ${missing.join(', ')}`);
  const rows = parsed.data.map((r, k): TidyRow => {
    const value = Number(r.value);
    const pi = Number(r.prompt_index);
    if (r.value === '' || !Number.isFinite(value)) throw new TidyFormatError(`line ${k + i + 2}: value '${r.value}' is not a number`);
    if (!Number.isInteger(pi)) throw new TidyFormatError(`line ${k + i + 2}: prompt_index '${r.prompt_index}' is not an integer`);
    return {
      model: r.model, prompt_index: pi, prompt: r.prompt, category: r.category, token: r.token,
      layer: r.layer === '' ? '' : Number(r.layer), hook: r.hook, quantity: r.quantity, definition: r.definition, value,
    };
  });
  return { format: TIDY_FORMAT, manifest, rows };
}
