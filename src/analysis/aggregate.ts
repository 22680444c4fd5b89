/**
 * Per-prompt gain rows and their per-model summary, for studies over prompt sets. Every value
 * names its gain definition (definitions.ts) and the token position it was taken at.
 */
import type { GainsAt } from './gains';

/** 'last': the last prompt token (the seeds' default); 'mean': the mean over positions of the per-token value. */
export type TokenPosition = 'last' | 'mean';

/** What one measurement contributes to a study: its per-token gains and next-token distribution. */
export interface MeasuredPrompt {
  prompt: string;
  category?: string;
  /** [pos] the three gains at every position */ gainsPerToken: GainsAt[];
  entropyNats: number;
  top: { token: string; prob: number } | null;
  /** set when the prompt was cut to fit the context: the ids it had before the cut */ truncatedFrom?: number;
}

export interface PromptRow {
  prompt: string;
  category: string | null;
  position: TokenPosition;
  G_hf_last: number;
  G_hf_penult: number | null;
  /** G_block(L-1): the true last-block gain */ G_block_last: number;
  /** [L] G_block(i) */ G_block: number[];
  /** ||resid_post(L-1)|| / ||resid_pre(0)|| */ total: number;
  entropyNats: number;
  topToken: string | null;
  topProb: number | null;
  /** the prompt had this many ids and only the last ones that fit the context were measured */ truncatedFrom?: number;
}

export interface MeanStd {
  mean: number;
  /** sample standard deviation (ddof = 1); null when n < 2 */ std: number | null;
  n: number;
}

export interface ModelSummary {
  position: TokenPosition;
  nPrompts: number;
  G_hf_last: MeanStd;
  G_hf_penult: MeanStd | null;
  G_block_last: MeanStd;
  total: MeanStd;
  entropyNats: MeanStd;
  /** [L] per-layer G_block(i) over prompts */ perLayer: MeanStd[];
  /** category -> G_block(L-1) over that category's prompts */ perCategory: Record<string, MeanStd>;
}

export function meanStd(xs: readonly number[]): MeanStd {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const std = n < 2 ? null : Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  return { mean, std, n };
}

const avg = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The three gains of one prompt at `position`. */
export function promptRow(m: MeasuredPrompt, position: TokenPosition): PromptRow {
  const g = m.gainsPerToken;
  const at = (f: (x: GainsAt) => number) => (position === 'last' ? f(g[g.length - 1]) : avg(g.map(f)));
  const L = g[0].G_block.length;
  const penult = g[0].G_hf_penult === null ? null : at((x) => x.G_hf_penult!);
  return {
    prompt: m.prompt,
    category: m.category ?? null,
    position,
    G_hf_last: at((x) => x.G_hf_last),
    G_hf_penult: penult,
    G_block_last: at((x) => x.G_block[L - 1]),
    G_block: Array.from({ length: L }, (_, i) => at((x) => x.G_block[i])),
    total: at((x) => x.total),
    entropyNats: m.entropyNats,
    topToken: m.top?.token ?? null,
    topProb: m.top?.prob ?? null,
    ...(m.truncatedFrom !== undefined ? { truncatedFrom: m.truncatedFrom } : {}),
  };
}

export function summarize(rows: readonly PromptRow[]): ModelSummary {
  if (rows.length === 0) throw new Error('summarize: no prompts were measured');
  const L = rows[0].G_block.length;
  const cats = new Map<string, number[]>();
  for (const r of rows) if (r.category !== null) cats.set(r.category, [...(cats.get(r.category) ?? []), r.G_block_last]);
  return {
    position: rows[0].position,
    nPrompts: rows.length,
    G_hf_last: meanStd(rows.map((r) => r.G_hf_last)),
    G_hf_penult: rows[0].G_hf_penult === null ? null : meanStd(rows.map((r) => r.G_hf_penult!)),
    G_block_last: meanStd(rows.map((r) => r.G_block_last)),
    total: meanStd(rows.map((r) => r.total)),
    entropyNats: meanStd(rows.map((r) => r.entropyNats)),
    perLayer: Array.from({ length: L }, (_, i) => meanStd(rows.map((r) => r.G_block[i]))),
    perCategory: Object.fromEntries([...cats].map(([c, xs]) => [c, meanStd(xs)])),
  };
}
