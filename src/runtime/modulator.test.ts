/**
 * Integration: the Modulator through the Lab on onnxruntime-node against the independent numpy lerp
 * (scripts/reference_modulate.py -> fixtures/modulate.reference.json): stories260K, the hf-tiny
 * decoders and T5 (modulated encoder, greedy decoder), token for token and to 1e-4; alpha = 0 equals
 * the unmodified model exactly; a newer request cancels the stale one.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { Lab, type LabPlatform } from './lab';
import type { OrtModule } from './session';
import type { ModelSource } from '../io/spec';
import type { ModulatorTarget } from './modulator';
import { randomGaussianTarget } from '../analysis/modulation/random';
import { hookFinalNorm } from '../model/hooks';
import { maxRelErr, readBytes, SHARED, STORIES_CKPT, STORIES_TOK } from '../testing/shared';

interface Summary { token_l2_norms: number[]; last_token: number[] }
interface Impact { cos_mean: number; cos_std: number; norm_ratio_mean: number; pairwise_shift_mean?: number; pairwise_shift_std?: number; cos_per_token: number[]; norm_ratio: number[] }
interface Case {
  alpha: number; layers: number[]; target: 'vector' | 'table'; generated: number[]; impact: Impact; token_differences: number;
  final_prompt?: Summary; final_sequence?: Summary; encoder_output?: Summary;
}
interface ModelRef {
  prompt_ids?: number[]; encoder_ids?: number[]; n_layers: number; d_model: number; vocab: number; target_norm: number;
  original: { generated: number[]; final_prompt?: Summary; encoder_output?: Summary };
  cases: Case[]; onnx?: string;
}
const ref = JSON.parse(readFileSync(resolve(process.cwd(), 'fixtures/modulate.reference.json'), 'utf8')) as {
  source: { targets: { vector: { seed: number }; table: { seed: number } }; new_tokens: number };
  models: Record<string, ModelRef>;
};

const platform: LabPlatform = { name: 'test', onnxruntimeVersion: 'node', appVersion: 'test', cpuEp: 'cpu', adapter: async () => ({ facts: null }) };
const newLab = () => new Lab(ort as unknown as OrtModule, platform, async (p) => readBytes(p));

function source(name: string, m: ModelRef): ModelSource {
  if (name === 'stories260K') return { kind: 'llama2c', checkpoint: { local: STORIES_CKPT }, tokenizer: { local: STORIES_TOK } };
  const [family, ...rest] = m.onnx!.split('/');
  return { kind: 'hf', location: { local: resolve(SHARED, 'fixtures/hf-tiny', family) }, onnx: rest.join('/') };
}

const vecErr = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.hypot(...Array.from(a, (v, i) => v - b[i])) / Math.hypot(...Array.from(b));

function expectStates(got: { norms: number[]; lastToken: number[] }, want: Summary, label: string): void {
  expect(maxRelErr(got.norms, want.token_l2_norms), `${label} norms`).toBeLessThan(1e-4);
  expect(vecErr(got.lastToken, want.last_token), `${label} last token`).toBeLessThan(1e-4);
}

const worst: Record<string, number> = {};
const note = (k: string, v: number) => (worst[k] = Math.max(worst[k] ?? 0, v));

for (const [name, m] of Object.entries(ref.models)) {
  describe(`${name}: modulated continuations and final states match the numpy lerp`, () => {
    const lab = newLab();
    const ids = m.prompt_ids ?? m.encoder_ids!;
    const targets: Record<'vector' | 'table', ModulatorTarget> = {
      vector: { kind: 'vector', data: randomGaussianTarget({ seed: ref.source.targets.vector.seed, dModel: m.d_model, rows: 1, norm: m.target_norm }) },
      table: { kind: 'table', data: randomGaussianTarget({ seed: ref.source.targets.table.seed, dModel: m.d_model, rows: m.vocab, norm: m.target_norm }) },
    };
    const alphasOf = (c: Case) => Array.from({ length: m.n_layers }, (_, i) => (c.layers.includes(i) ? c.alpha : 0));
    const N = ref.source.new_tokens;
    beforeAll(async () => {
      await lab.load({ source: source(name, m), ep: 'auto' });
    });
    afterAll(() => lab.unload());

    it('original (alpha 0) equals the unmodified model exactly and the reference', async () => {
      const zeros = new Array(m.n_layers).fill(0);
      const r = await lab.modulate({ ids, alphas: zeros, target: targets.vector, maxNewTokens: N, temperature: 0 });
      expect(r.original.ids).toEqual(m.original.generated);
      expect(r.modulated.ids).toEqual(r.original.ids);
      expect(r.tokenDifference.count).toBe(0);
      expectStates(r.finalStates.original, m.original.final_prompt ?? m.original.encoder_output!, 'original');
      if (name !== 't5') {
        // The unmodified graph, through the engine: same tokens, same final states bit for bit.
        const g = await lab.generateIds({ ids, maxNewTokens: N, temperature: 0 });
        expect(g.ids.slice(ids.length)).toEqual(r.original.ids);
        const plain = (await lab.taps({ ids }, [hookFinalNorm])).taps[hookFinalNorm].lastToken;
        expect(r.finalStates.original.lastToken).toEqual(plain);
      }
    });

    for (const c of m.cases) {
      it(`alpha ${c.alpha} at blocks [${c.layers.join(',')}], ${c.target} target`, async () => {
        const r = await lab.modulate({ ids, alphas: alphasOf(c), target: targets[c.target], maxNewTokens: N, temperature: 0 });
        expect(r.modulated.ids).toEqual(c.generated);
        expect(r.tokenDifference.count).toBe(c.token_differences);
        const want = c.final_prompt ?? c.encoder_output!;
        expectStates(r.finalStates.modulated, want, 'modulated');
        note(`${name} final states`, Math.max(maxRelErr(r.finalStates.modulated.norms, want.token_l2_norms), vecErr(r.finalStates.modulated.lastToken, want.last_token)));
        const imp = r.impact;
        const pairs: [number, number][] = [[imp.cosMean, c.impact.cos_mean], [imp.cosStd, c.impact.cos_std], [imp.normRatioMean, c.impact.norm_ratio_mean]];
        if (c.impact.pairwise_shift_mean !== undefined) pairs.push([imp.pairwiseShiftMean, c.impact.pairwise_shift_mean], [imp.pairwiseShiftStd, c.impact.pairwise_shift_std!]);
        for (const [got, exp] of pairs) expect(Math.abs(got - exp)).toBeLessThan(1e-4);
        note(`${name} impact`, Math.max(...pairs.map(([a, b]) => Math.abs(a - b))));
        if (c.final_sequence) {
          const seq = [...ids, ...c.generated.slice(0, -1)];
          const states = await lab.modulatedStates(seq, alphasOf(c), targets[c.target]);
          const D = m.d_model;
          const last = states.subarray((seq.length - 1) * D);
          expect(vecErr(last, c.final_sequence.last_token), 'whole-sequence last token').toBeLessThan(1e-4);
          note(`${name} whole-sequence last token`, vecErr(last, c.final_sequence.last_token));
        }
      });
    }

    it('a slider move reuses the cached original; a newer request cancels the stale one', async () => {
      const c = m.cases[2];
      const first = await lab.modulate({ ids, alphas: alphasOf(c), target: targets.vector, maxNewTokens: N, temperature: 0 });
      expect(first.originalCached).toBe(true);
      const stale = lab.modulate({ ids, alphas: alphasOf(m.cases[3]), target: targets.vector, maxNewTokens: 64, temperature: 0 });
      const fresh = lab.modulate({ ids, alphas: alphasOf(c), target: targets.vector, maxNewTokens: N, temperature: 0 });
      await expect(stale).rejects.toThrow(/superseded/);
      expect((await fresh).modulated.ids).toEqual(c.generated);
    });
  });
}

describe('sampling and inputs', () => {
  const lab = newLab();
  const ids = ref.models.stories260K.prompt_ids!;
  const target: ModulatorTarget = { kind: 'vector', data: randomGaussianTarget({ seed: 9, dModel: 64, rows: 1, norm: 7 }) };
  beforeAll(async () => {
    await lab.load({ source: source('stories260K', ref.models.stories260K), ep: 'auto' });
  });
  afterAll(() => lab.unload());

  it('seeded sampling: reproducible, the same seed for both runs, text decoded with the prompt', async () => {
    const req = { ids, alphas: [0, 0, 0.2, 0, 0], target, maxNewTokens: 24, temperature: 1, seed: 11 };
    const a = await lab.modulate(req);
    const b = await lab.modulate(req);
    expect(b.modulated.ids).toEqual(a.modulated.ids);
    const plain = await lab.generateIds({ ids, maxNewTokens: 24, temperature: 1, seed: 11 });
    expect(a.original.ids).toEqual(plain.ids.slice(ids.length));
    expect(a.original.text.startsWith('Once upon a time')).toBe(true);
    expect(a.modulated.pieces).toHaveLength(a.modulated.ids.length);
  });

  it('a per-position target equal to the vector gives the vector result', async () => {
    const req = { ids, alphas: [0.3, 0.3, 0.3, 0.3, 0.3], maxNewTokens: 12, temperature: 0 };
    const v = await lab.modulate({ ...req, target });
    const rows = ids.length + 12;
    const pos = new Float32Array(rows * 64);
    for (let t = 0; t < rows; t++) pos.set(target.data, t * 64);
    const p = await lab.modulate({ ...req, target: { kind: 'positions', data: pos } });
    expect(p.modulated.ids).toEqual(v.modulated.ids);
    expect(p.finalStates.modulated.lastToken).toEqual(v.finalStates.modulated.lastToken);
  });

  it('refuses wrong alphas and target shapes with clear messages', async () => {
    await expect(lab.modulate({ ids, alphas: [0.1, 0.1], target, maxNewTokens: 4, temperature: 0 })).rejects.toThrow(/one value per block is needed \(5 blocks\), got 2/);
    await expect(lab.modulate({ ids, alphas: [0, 0, 1.5, 0, 0], target, maxNewTokens: 4, temperature: 0 })).rejects.toThrow(/alpha must be in \[0, 1\], got 1.5/);
    await expect(lab.modulate({ ids, alphas: [0.1, 0, 0, 0, 0], target: { kind: 'table', data: new Float32Array(64) }, maxNewTokens: 4, temperature: 0 })).rejects.toThrow(
      /a table target needs shape \[512, 64\] \(32768 values\); got 64 values/,
    );
  });

  it('the field modulator: every alpha 0 reproduces the original exactly; the clamp is reported; sessions per seed', async () => {
    const field = { kind: 'field' as const, seed: 7 };
    const off = await lab.modulate({ ids, alphas: [0, 0, 0, 0, 0], target: field, maxNewTokens: 8, temperature: 0 });
    expect(off.modulated.ids).toEqual(off.original.ids);
    expect(off.finalStates.modulated.lastToken).toEqual(off.finalStates.original.lastToken);
    expect(off.field!.validity.gateMean.every((g) => Math.abs(g - 1) < 1e-6)).toBe(true);
    expect(off.field!.clamped).toBe(false);
    const on = await lab.modulate({ ids, alphas: [0.5, 0, 0, 0, 0.0001], target: field, maxNewTokens: 4, temperature: 0 });
    expect(on.field!.clamped).toBe(true);
    expect(on.field!.alphas[0]).toEqual([Math.fround(0.35), Math.fround(0.35), Math.fround(0.35)]);
    expect(on.field!.alphas[4]).toEqual([Math.fround(0.001), Math.fround(0.001), Math.fround(0.001)]);
    expect(on.field!.health.alphaLayer[1]).toBe(0);
    const other = await lab.modulate({ ids, alphas: [0.2, 0.2, 0.2, 0.2, 0.2], target: { kind: 'field', seed: 8 }, maxNewTokens: 1, temperature: 0 });
    expect(other.field!.seed).toBe(8);
    expect(other.field!.health.experts[0].deformNorm).not.toBe(on.field!.health.experts[0].deformNorm);
    expect(await lab.modulatedStates(ids, [0, 0, 0, 0, 0], field)).toEqual(await lab.modulatedStates(ids, [0, 0, 0, 0, 0], { kind: 'vector', data: new Float32Array(64) }));
  });

  it('residual statistics: means per block and the mean norm', async () => {
    const s = await lab.residualStats([ids, [1, 300, 301]], [0, 3]);
    expect(s.tokens).toBe(ids.length + 3);
    expect(s.means).toHaveLength(2);
    expect(s.means[0]).toHaveLength(64);
    expect(s.meanNorm).toBeGreaterThan(0);
    await expect(lab.residualStats([ids], [5])).rejects.toThrow(/blocks must be in 0..4/);
  });
});

afterAll(() => {
  // Observed worst errors, for the report.
  console.log('modulator vs numpy, worst:', Object.fromEntries(Object.entries(worst).map(([k, v]) => [k, v.toExponential(2)])));
});
