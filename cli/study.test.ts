/**
 * A study against an independent computation (scripts/reference_study.py -> fixtures/study.reference.json:
 * numpy float64 model, numpy aggregates, scipy statistics): stories260K over seed 02's 25 prompts.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { nodeLab } from './node-lab';
import { runSweep } from '../src/runtime/sweep';
import { summarize, type PromptRow, type TokenPosition } from '../src/analysis/aggregate';
import { studyStatistics } from '../src/analysis/study-stats';
import { SEED02_PROMPTS } from '../src/io/prompt-sets';
import { STORIES_CKPT, STORIES_TOK } from '../src/testing/shared';

interface RefRow { prompt: string; category: string; G_hf_last: number; G_hf_penult: number; G_block_last: number; total: number; G_block: number[]; entropy_nats: number }
interface MS { mean: number; std: number; n: number }
interface RefPosition {
  rows: RefRow[];
  summary: Record<'G_hf_last' | 'G_hf_penult' | 'G_block_last' | 'total' | 'entropy_nats', MS>;
  per_layer: { mean: number; std: number }[];
  per_category: Record<string, MS>;
  ttest_G_block_last_less_1: { t: number; p: number; df: number };
  entropy_vs_abs_dev: { pearson: { r: number; p: number }; spearman: { rho: number; p: number } };
}
const ref = JSON.parse(readFileSync('fixtures/study.reference.json', 'utf8')) as { prompts: { text: string; category: string }[]; positions: Record<TokenPosition, RefPosition> };
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

const toRow = (r: RefRow, position: TokenPosition): PromptRow => ({
  prompt: r.prompt, category: r.category, position, G_hf_last: r.G_hf_last, G_hf_penult: r.G_hf_penult, G_block_last: r.G_block_last,
  G_block: r.G_block, total: r.total, entropyNats: r.entropy_nats, topToken: null, topProb: null,
});

function checkAggregates(rows: PromptRow[], r: RefPosition, tol: number) {
  const s = summarize(rows);
  for (const [k, ours] of [['G_hf_last', s.G_hf_last], ['G_hf_penult', s.G_hf_penult!], ['G_block_last', s.G_block_last], ['total', s.total], ['entropy_nats', s.entropyNats]] as const) {
    expect(rel(ours.mean, r.summary[k].mean), `${k} mean`).toBeLessThan(tol);
    expect(rel(ours.std!, r.summary[k].std), `${k} std`).toBeLessThan(tol);
  }
  s.perLayer.forEach((l, i) => expect(rel(l.mean, r.per_layer[i].mean)).toBeLessThan(tol));
  for (const [c, v] of Object.entries(r.per_category)) expect(rel(s.perCategory[c].mean, v.mean), c).toBeLessThan(tol);
  const st = studyStatistics([{ name: 'stories260K', rho: 1, rows }], { definition: 'G_block', position: rows[0].position });
  const t = st.perModel[0].tLess;
  const corr = { pearson: st.perModel[0].bentovPearson, spearman: st.perModel[0].bentovSpearman };
  if (!t.ok || !corr.pearson.ok || !corr.spearman.ok) throw new Error('statistics undefined');
  expect(rel(t.t, r.ttest_G_block_last_less_1.t)).toBeLessThan(tol);
  expect(rel(t.p, r.ttest_G_block_last_less_1.p)).toBeLessThan(tol);
  expect(rel(corr.pearson.r, r.entropy_vs_abs_dev.pearson.r)).toBeLessThan(tol);
  expect(rel(corr.spearman.r, r.entropy_vs_abs_dev.spearman.rho)).toBeLessThan(tol);
}

describe('study: stories260K over the seed 02 prompts', () => {
  it('the preset is seed 02 as its notebook writes it', () => {
    expect(SEED02_PROMPTS.prompts.map((p) => [p.text, p.category])).toEqual(ref.prompts.map((p) => [p.text, p.category]));
  });

  for (const position of ['last', 'mean'] as const) {
    it(`aggregates and statistics equal numpy/scipy on the same per-prompt values (${position} token, 1e-9)`, () => {
      checkAggregates(ref.positions[position].rows.map((r) => toRow(r, position)), ref.positions[position], 1e-9);
    });

    it(`the sweep's per-prompt values and aggregates match the float64 reference (${position} token, 1e-4)`, async () => {
      const res = await runSweep(nodeLab(), {
        models: [{ kind: 'llama2c', checkpoint: { local: STORIES_CKPT }, tokenizer: { local: STORIES_TOK } }],
        prompts: SEED02_PROMPTS.prompts.map((p) => ({ text: p.text, category: p.category })),
        position,
        ep: 'auto',
      });
      const rows = res.models[0].rows;
      expect(rows).toHaveLength(25);
      rows.forEach((row, i) => {
        const r = ref.positions[position].rows[i];
        expect(rel(row.G_block_last, r.G_block_last), row.prompt).toBeLessThan(1e-4);
        expect(rel(row.G_hf_last, r.G_hf_last)).toBeLessThan(1e-4);
        expect(rel(row.entropyNats, r.entropy_nats)).toBeLessThan(1e-4);
      });
      const s = res.models[0].summary!;
      expect(rel(s.G_block_last.mean, ref.positions[position].summary.G_block_last.mean)).toBeLessThan(1e-4);
    });
  }
});

describe('CLI studies', () => {
  it('sweep --json prints per-prompt rows, summaries and statistics named by definition', async () => {
    const { main } = await import('./main');
    let out = '';
    const code = await main(['sweep', '--model', `${STORIES_CKPT},${STORIES_TOK}`, '--prompts', 'seed01-canonical', '--position', 'last', '--json'], (s) => (out += s));
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.sweep.models[0].rows).toHaveLength(3);
    expect(r.statistics.map((s: { definition: string }) => s.definition)).toEqual(['G_block', 'G_hf_last', 'G_hf_penult']);
    expect(r.statistics[0].perModel[0].tLess.df).toBe(2);
    // One model: the regression across models is undefined, with a reason instead of NaN.
    expect(r.statistics[0].rhoRegression).toEqual({ ok: false, reason: expect.stringMatching(/at least 2 points/) });
  });

  it('import prints a seed file as the lab table, naming the definition of each column', async () => {
    const { main } = await import('./main');
    let out = '';
    expect(await main(['import', 'fixtures/seed-files/gpt2_layernorm_validation_20260105_120000.csv', '--json'], (s) => (out += s))).toBe(0);
    const r = JSON.parse(out);
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.rows.every((row: { definition: string }) => row.definition === 'G_block')).toBe(true);
  });
});
