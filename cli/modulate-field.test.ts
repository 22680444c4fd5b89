/**
 * residual-lab modulate --modulator field end to end in Node (onnxruntime-node) against the independent
 * numpy reference (scripts/reference_gfm.py -> fixtures/gfm.reference.json): stories260K by text, the
 * hf-tiny GPT-2 decoder and the T5 encoder by ids. Tokens equal, final states on the prompt to 1e-4,
 * validity per block per expert equal, gate means, health report and CV check equal; the clamp note.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { modulateCommand } from './modulate';
import { SHARED, STORIES_CKPT, STORIES_TOK } from '../src/testing/shared';

const ref = JSON.parse(readFileSync(resolve(process.cwd(), 'fixtures/gfm.reference.json'), 'utf8'));
const SEED = ref.source.seed as number;

async function run(args: string[]): Promise<string> {
  let text = '';
  const code = await modulateCommand(args, (s) => (text += s));
  expect(code).toBe(0);
  return text;
}

interface RefCase {
  alpha: number;
  alphas: number[][];
  generated: number[];
  final_prompt?: { token_l2_norms: number[]; last_token: number[] };
  encoder_output?: { token_l2_norms: number[]; last_token: number[] };
  validity: number[][];
  gate_mean: number[];
  gate_mean_per_position: number[][];
  health?: {
    alpha_mean: number;
    alpha_min: number;
    alpha_max: number;
    alpha_layer: number[];
    total_params: number;
    experts: { k: number; template_vol2: number; regular_vol2: number; deform_norm: number; deform_weight_norm: number }[];
  };
}

/** Worst |a - b| / (1 + |b|) over two vectors. */
function relErr(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return a.reduce((w, v, i) => Math.max(w, Math.abs(v - b[i]) / (1 + Math.abs(b[i]))), 0);
}

const models = [
  { name: 'stories260K', args: ['--model', STORIES_CKPT, '--tokenizer', STORIES_TOK, '--prompt', ref.models.stories260K.prompt], m: ref.models.stories260K },
  { name: 'gpt2', args: ['--model', resolve(SHARED, 'fixtures/hf-tiny', ref.models.gpt2.onnx), '--ids', ref.models.gpt2.prompt_ids.join(',')], m: ref.models.gpt2 },
  { name: 't5 (encoder)', args: ['--model', resolve(SHARED, 'fixtures/hf-tiny', ref.models.t5.onnx), '--ids', ref.models.t5.encoder_ids.join(',')], m: ref.models.t5 },
];

describe('residual-lab modulate --modulator field against scripts/reference_gfm.py', () => {
  for (const { name, args, m } of models) {
    it(`${name}: tokens, final states, validity, gate means, health and CV for every alpha`, async () => {
      const zero: RefCase = m.cases[0];
      const worst = { states: 0, gate: 0 };
      for (const c of (m.cases as RefCase[]).filter((x) => x.alpha > 0)) {
        const doc = JSON.parse(await run(['modulate', ...args, '--modulator', `field:${SEED}`, '--alpha', String(c.alpha), '--max-new-tokens', '16', '--json']));
        const r = doc.result;
        expect(doc.intervention).toMatchObject({ type: 'field', seed: SEED, clamped: false });
        expect(r.original.ids, 'original = alpha 0').toEqual(zero.generated);
        expect(r.modulated.ids, `alpha ${c.alpha}`).toEqual(c.generated);
        const want = c.final_prompt ?? c.encoder_output!;
        worst.states = Math.max(worst.states, relErr(r.finalStates.modulated.norms, want.token_l2_norms), relErr(r.finalStates.modulated.lastToken, want.last_token));
        const f = r.field;
        expect(f.alphas.flat()).toEqual(c.alphas.flat().map((a: number) => expect.closeTo(a, 9)));
        expect(f.validity.validity).toEqual(c.validity);
        for (const [i, b] of f.perBlock.entries()) worst.gate = Math.max(worst.gate, relErr(b.gateMean, c.gate_mean_per_position[i]));
        const h = c.health!;
        expect(f.health.totalParams).toBe(h.total_params);
        expect(f.health.alphaMean).toBeCloseTo(h.alpha_mean, 9);
        expect(f.health.alphaLayer).toEqual(h.alpha_layer.map((a) => expect.closeTo(a, 9)));
        f.health.experts.forEach((e: { templateVol2: number; regularVol2: number; deformNorm: number; deformWeightNorm: number }, i: number) => {
          expect(e.templateVol2 / h.experts[i].template_vol2).toBeCloseTo(1, 7);
          expect(e.regularVol2).toBeCloseTo(h.experts[i].regular_vol2, 12);
          expect(e.deformNorm).toBeCloseTo(h.experts[i].deform_norm, 7);
          expect(e.deformWeightNorm).toBeCloseTo(h.experts[i].deform_weight_norm, 6);
        });
        expect(f.cv.validFraction).toBe(m.cv_check.valid_fraction);
        expect(f.cv.cv).toBeCloseTo(m.cv_check.cv, 6);
        expect(f.cv.inBand).toBe(m.cv_check.in_band);
      }
      expect(worst.states, 'final states vs float64').toBeLessThan(1e-4);
      expect(worst.gate, 'gate means vs float64').toBeLessThan(1e-5);
      console.log(`${name}: worst final-state error ${worst.states.toExponential(2)}, gate-mean error ${worst.gate.toExponential(2)}`);
    });
  }

  it('clamps alpha to [0.001, 0.35] with a note; the text report; lerp-only options refused', async () => {
    const base = ['--model', STORIES_CKPT, '--tokenizer', STORIES_TOK, '--prompt', 'Once upon a time', '--max-new-tokens', '4'];
    const text = await run([...base, '--modulator', `field:${SEED}`, '--alpha', '0.5', '--layers', '0,2']);
    expect(text).toMatch(/^note: alpha 0.5 clamped to 0.35 \(the field modulator's alphas live in \[0.001, 0.35\]/);
    expect(text).toMatch(/\nfield modulator seed 7 \(experts k = 1, 2, 4, edim 8, 48 active \+ 16 null dims, 4949 params\) at blocks \[0, 2\] of the model; alpha 0.350000/);
    expect(text).toMatch(/\ncv check \(static embedding, 500 pentachora in 8 dims\): cv 2\.3681, valid 0\.99, outside the band 0\.21 ± 0\.05/);
    const doc = JSON.parse(await run([...base, '--modulator', 'field', '--json']));
    expect(doc.intervention).toMatchObject({ seed: 0, requestedAlpha: 0.01, alpha: 0.01, clamped: false, note: null, layers: [0, 1, 2, 3, 4] });
    expect(doc.result.field.health.alphaLayer).toEqual(new Array(5).fill(expect.closeTo(0.01, 8)));
    await expect(run([...base, '--modulator', 'field', '--target', 'random:1'])).rejects.toThrow(/--target belongs to the lerp/);
    await expect(run([...base, '--modulator', 'fields:2'])).rejects.toThrow(/--modulator must be lerp, field or field:SEED/);
    await expect(run([...base, '--modulator', 'field', '--alpha', '0'])).rejects.toThrow(/--alpha must be a number in \(0, 1\]/);
  });
});
