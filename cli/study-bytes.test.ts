/**
 * Issue 5's acceptance sweep in the CLI engine: stories260K and the three hf-tiny decoders (which ship
 * no tokenizer: prompts go in as UTF-8 bytes, the last 128 kept when longer) over seed 02's 25
 * prompts, against scripts/reference_study_bytes.py (numpy float64 forward of each ONNX file's
 * weights, numpy aggregates, scipy statistics) -> fixtures/study-bytes.reference.json.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { nodeLab } from './node-lab';
import { runSweep } from '../src/runtime/sweep';
import { summarize, type PromptRow, type TokenPosition } from '../src/analysis/aggregate';
import { studyStatistics } from '../src/analysis/study-stats';
import { SEED02_PROMPTS } from '../src/io/prompt-sets';
import { SHARED, STORIES_CKPT, STORIES_TOK } from '../src/testing/shared';
import type { ModelSource } from '../src/io/spec';

interface RefRow { prompt: string; category: string; G_hf_last: number; G_hf_penult: number; G_block_last: number; total: number; G_block: number[]; entropy_nats: number; ids: number[]; n_bytes: number; truncated: boolean; top_id: number; top_prob: number }
interface MS { mean: number; std: number; n: number }
interface RefPosition {
  rows: RefRow[];
  summary: Record<'G_hf_last' | 'G_hf_penult' | 'G_block_last' | 'total' | 'entropy_nats', MS>;
  per_layer: MS[];
  per_category: Record<string, MS>;
  ttest_G_block_last_less_1: { t: number; p: number; df: number };
  entropy_vs_abs_dev: { pearson: { r: number; p: number }; spearman: { rho: number; p: number } };
}
interface RefModel { arch: { rho: number; n_layers: number }; positions: Record<TokenPosition, RefPosition> }
interface RefFit { points: { model: string; rho: number; mean: number }[]; slope: number; intercept: number; r: number; p: number }
const ref = JSON.parse(readFileSync('fixtures/study-bytes.reference.json', 'utf8')) as {
  models: Record<string, RefModel>;
  rho_regression: Record<TokenPosition, Record<'G_block_last' | 'G_hf_last', RefFit>>;
};
const FAMILIES = ['gpt2', 'gpt_neox', 'llama'] as const;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const tiny = (f: string): ModelSource => ({ kind: 'hf', location: { local: resolve(SHARED, `fixtures/hf-tiny/${f}`) }, onnx: 'opset17/model.onnx' });

const toRow = (r: RefRow, position: TokenPosition): PromptRow => ({
  prompt: r.prompt, category: r.category, position, G_hf_last: r.G_hf_last, G_hf_penult: r.G_hf_penult, G_block_last: r.G_block_last,
  G_block: r.G_block, total: r.total, entropyNats: r.entropy_nats, topToken: null, topProb: null,
});

describe('study: stories260K and the hf-tiny decoders (UTF-8 byte ids) over seed 02', () => {
  for (const position of ['last', 'mean'] as const) {
    it(`per-prompt values, aggregates (1e-6) and statistics match numpy/scipy (${position} token)`, async () => {
      const res = await runSweep(nodeLab(), {
        models: [{ kind: 'llama2c', checkpoint: { local: STORIES_CKPT }, tokenizer: { local: STORIES_TOK } }, ...FAMILIES.map(tiny)],
        prompts: SEED02_PROMPTS.prompts.map((p) => ({ text: p.text, category: p.category })),
        position,
        ep: 'auto',
        tokenizerless: 'bytes',
      });
      expect(res.models.map((m) => m.status)).toEqual(['done', 'done', 'done', 'done']);
      expect(res.models.map((m) => m.tokenization)).toEqual(['tokenizer', 'utf8-bytes', 'utf8-bytes', 'utf8-bytes']);
      for (const [k, f] of FAMILIES.entries()) {
        const m = res.models[k + 1];
        const r = ref.models[`hf-tiny-${f}`].positions[position];
        expect(m.rows).toHaveLength(25);
        m.rows.forEach((row, i) => {
          const rr = r.rows[i];
          expect(row.truncatedFrom, row.prompt).toBe(rr.truncated ? rr.n_bytes : undefined);
          for (const key of ['G_hf_last', 'G_hf_penult', 'G_block_last', 'total'] as const) expect(rel(row[key]!, rr[key]), `${f} ${key} ${i}`).toBeLessThan(1e-5);
          row.G_block.forEach((g, l) => expect(rel(g, rr.G_block[l])).toBeLessThan(1e-5));
          expect(rel(row.entropyNats, rr.entropy_nats)).toBeLessThan(1e-6);
        });
        const s = m.summary!;
        for (const [key, ours] of [['G_hf_last', s.G_hf_last], ['G_hf_penult', s.G_hf_penult!], ['G_block_last', s.G_block_last], ['total', s.total], ['entropy_nats', s.entropyNats]] as const) {
          expect(rel(ours.mean, r.summary[key].mean), `${f} ${key} mean`).toBeLessThan(1e-6);
          expect(rel(ours.std!, r.summary[key].std), `${f} ${key} std`).toBeLessThan(1e-4);
        }
        s.perLayer.forEach((l, i) => expect(rel(l.mean, r.per_layer[i].mean), `${f} layer ${i}`).toBeLessThan(1e-6));
        for (const [c, v] of Object.entries(r.per_category)) expect(rel(s.perCategory[c].mean, v.mean), `${f} ${c}`).toBeLessThan(1e-6);
      }
      // The regression of mean G_block(L-1) on rho across the four models.
      const st = studyStatistics(res.models.map((m, i) => ({ name: `m${i}`, rho: m.card!.rho, rows: m.rows })), { definition: 'G_block', position });
      const fit = ref.rho_regression[position].G_block_last;
      if (!st.rhoRegression.ok) throw new Error(st.rhoRegression.reason);
      expect(rel(st.rhoRegression.slope, fit.slope)).toBeLessThan(1e-5);
      expect(rel(st.rhoRegression.intercept, fit.intercept)).toBeLessThan(1e-5);
    });

    it(`statistics on the reference's own rows equal scipy (${position} token, 1e-9)`, () => {
      for (const f of FAMILIES) {
        const r = ref.models[`hf-tiny-${f}`].positions[position];
        const rows = r.rows.map((x) => toRow(x, position));
        const s = summarize(rows);
        expect(rel(s.G_block_last.std!, r.summary.G_block_last.std)).toBeLessThan(1e-9);
        const st = studyStatistics([{ name: f, rho: ref.models[`hf-tiny-${f}`].arch.rho, rows }], { definition: 'G_block', position });
        const t = st.perModel[0].tLess;
        const p = st.perModel[0].bentovPearson;
        const sp = st.perModel[0].bentovSpearman;
        if (!t.ok || !p.ok || !sp.ok) throw new Error('statistics undefined');
        expect(rel(t.t, r.ttest_G_block_last_less_1.t)).toBeLessThan(1e-9);
        expect(Math.abs(t.p - r.ttest_G_block_last_less_1.p)).toBeLessThan(1e-12);
        expect(rel(p.r, r.entropy_vs_abs_dev.pearson.r)).toBeLessThan(1e-9);
        expect(rel(sp.r, r.entropy_vs_abs_dev.spearman.rho)).toBeLessThan(1e-9);
      }
      const fit = ref.rho_regression[position].G_block_last;
      const st = studyStatistics(fit.points.map((pt) => ({ name: pt.model, rho: pt.rho, rows: [{ ...toRow(ref.models['hf-tiny-gpt2'].positions[position].rows[0], position), G_block_last: pt.mean }] })), { definition: 'G_block', position });
      if (!st.rhoRegression.ok || !st.rhoRegression.inference.ok) throw new Error('regression undefined');
      expect(rel(st.rhoRegression.slope, fit.slope)).toBeLessThan(1e-9);
      expect(rel(st.rhoRegression.inference.r, fit.r)).toBeLessThan(1e-9);
      expect(rel(st.rhoRegression.inference.p, fit.p)).toBeLessThan(1e-9);
    });
  }
});
