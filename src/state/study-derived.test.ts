import { describe, expect, it } from 'vitest';
import { importSeedFile } from '../io/seed-import';
import { modelsFromImport } from './study-import';
import { acrossModels, modelStats, summarizeField } from './study-stats';
import { EMPTY_ARCH, shortLabel, type StudyModel, type StudyPromptValues } from './study-model';

const pv = (index: number, g: number | null, entropy: number | null = null): StudyPromptValues => ({
  index, prompt: `p${index}`, category: index % 2 ? 'A' : 'B', G_hf_last: g, G_hf_penult: g, G_block_last: g, total: g, entropyNats: entropy, G_block: g === null ? null : [g], topToken: null, topProb: null,
});
const model = (key: string, gains: (number | null)[], rho: number | null = 0.25, entropy?: number[]): StudyModel => ({
  key, label: key, origin: { kind: 'sweep', status: 'done' }, position: 'last', arch: { ...EMPTY_ARCH, rho, nLayers: 2 },
  prompts: gains.map((g, i) => pv(i, g, entropy?.[i] ?? null)), given: {}, layerCurve: null,
});

describe('study summaries and statistics', () => {
  it('mean and sample std (ddof 1) per field; a model without values says why', () => {
    const s = summarizeField(model('m', [1, 2, 3]), 'G_block_last');
    expect(s).toMatchObject({ ok: true, mean: 2, std: 1, n: 3, ddof: 1, given: false });
    expect(summarizeField(model('m', []), 'G_block_last')).toEqual({ ok: false, reason: 'no prompts measured yet' });
  });

  it('t-tests and correlations carry their reasons instead of NaN for n = 2 and zero variance', () => {
    const flat = modelStats(model('m', [1.5, 1.5, 1.5], 0.2, [1, 2, 3]), 'G_block_last');
    expect(flat.tLess.ok).toBe(false);
    expect(!flat.tLess.ok && flat.tLess.reason).toMatch(/zero variance/);
    expect(!flat.bentovPearson.ok && flat.bentovPearson.reason).toMatch(/zero variance in y/);
    const two = modelStats(model('m', [0.9, 1.1], 0.2, [1, 2]), 'G_block_last');
    expect(two.tLess.ok).toBe(true);
    expect(!two.bentovSpearman.ok && two.bentovSpearman.reason).toMatch(/n = 2/);
    expect(JSON.stringify(two)).not.toMatch(/NaN|null,"p"/);
  });

  it('across models: regression on rho and the H25 tally use one definition; total is refused for H25', () => {
    const ms = [model('a', [0.8, 0.9], 0.5), model('b', [1.2, 1.4], 0.1), model('c', [1.1, 1.3], 0.05), model('x', [1], null)];
    const a = acrossModels(ms, 'G_block_last', 0.2);
    expect(a.points.map((p) => p.key)).toEqual(['a', 'b', 'c']);
    expect(a.left).toEqual([{ label: 'x', reason: 'rho unknown' }]);
    expect(a.regression.ok && a.regression.slope).toBeLessThan(0);
    expect(a.h25.ok && [a.h25.agree, a.h25.total, a.h25.gainDefinition]).toEqual([3, 3, 'G_block']);
    expect(acrossModels(ms, 'total', 0.2).h25).toMatchObject({ ok: false });
  });

  it('short labels name the repo or the checkpoint', () => {
    expect(shortLabel('hf://karpathy/tinyllamas@main/stories260K/stories260K.bin')).toBe('stories260K');
    expect(shortLabel('hf://residual-lab/stories260K-hf@main')).toBe('residual-lab/stories260K-hf');
  });
});

describe('seed files as study models', () => {
  it('seed 01: per-prompt G_hf_last, the file summary kept beside it, architecture and the per-layer curve', () => {
    const json = {
      experiment: 'Clean Residual Gain Validation', date: '2026-01-01', prompts: ['a', 'b'],
      results: { 'pythia-410m': { last_layer_gain_mean: 0.5, last_layer_gain_std: 0.1, all_layer_gains: [1.1, 0.5], per_prompt_gains: { a: 0.4, b: 0.6 }, n_layers: 2, model: 'pythia-410m', path: 'EleutherAI/pythia-410m', n_heads: 16, d_model: 1024, d_head: 64, rho: 0.25 } },
    };
    const [m] = modelsFromImport(importSeedFile('clean_residual_validation_1.json', JSON.stringify(json)));
    expect(m.key).toBe('clean_residual_validation_1.json#pythia-410m');
    expect(m.prompts.map((p) => [p.prompt, p.G_hf_last, p.G_block_last])).toEqual([['a', 0.4, null], ['b', 0.6, null]]);
    expect(m.given.G_hf_last).toMatchObject({ mean: 0.5, std: 0.1, ddof: 0 });
    expect(m.arch).toMatchObject({ rho: 0.25, nHeads: 16, dHead: 64, normType: 'LayerNorm' });
    expect(m.layerCurve?.values).toEqual([1.1, 0.5]);
    expect(summarizeField(m, 'G_hf_last')).toMatchObject({ ok: true, mean: 0.5, given: false });
    expect(summarizeField(m, 'G_block_last')).toEqual({ ok: false, reason: 'not in the imported file' });
  });

  it('seed 03 CSV: G_block(L-1) per prompt with entropy and categories', () => {
    const csv = [
      'Model,Norm_Type,Params,Role,Category,Complexity,Prompt,Prompt_Short,Entropy,Last_Gain,Total_Amp,Top_Token,Top_Prob,N_Layers',
      'GPT2-XL,LayerNorm,1.5B,r,Factual,1,"A, b",A...,3.5,0.9,12.5, the,0.2,48',
      'GPT2-XL,LayerNorm,1.5B,r,Cliche,2,Time heals all,T...,1.5,0.8,11.5, wounds,0.7,48',
    ].join('\n');
    const [m] = modelsFromImport(importSeedFile('gpt2_layernorm_validation_1.csv', csv));
    expect(m.prompts.map((p) => [p.prompt, p.category, p.G_block_last, p.entropyNats, p.total])).toEqual([
      ['A, b', 'Factual', 0.9, 3.5, null],
      ['Time heals all', 'Cliche', 0.8, 1.5, null],
    ]);
    expect(m.arch).toMatchObject({ nLayers: 48, normType: 'LayerNorm', rho: 25 / 64 });
  });
});
