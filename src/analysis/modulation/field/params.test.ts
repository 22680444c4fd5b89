import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { alphaIsClamped, effectiveAlpha, fieldAlphas, fieldParamCount, initFieldParams } from './params';
import { activeDims, fieldConfig, geoDim } from './config';

const ref = JSON.parse(readFileSync(resolve(process.cwd(), 'fixtures/gfm.reference.json'), 'utf8'));

describe('field modulator parameters', () => {
  it("the seed's self-test size: d_model 512, 6 layers -> 38,552 parameters, 384 active dims", () => {
    const p = initFieldParams(fieldConfig(512, 6), 0);
    expect(fieldParamCount(p)).toBe(38552);
    expect(ref.source.param_count_d512_l6).toBe(38552);
    expect(activeDims(p.config)).toBe(384);
    expect(p.experts.map((e) => [e.deformW.length, e.gateW.length, geoDim(e.k)])).toEqual([
      [16 * 384, 384 * 2, 2],
      [24 * 384, 384 * 4, 4],
      [40 * 384, 384 * 11, 11],
    ]);
  });

  it('PyTorch default init bounds, LayerNorm ones/zeros, float32 values, deterministic per seed', () => {
    const p = initFieldParams(fieldConfig(64, 5), 7);
    for (const e of p.experts) {
      const inBound = (x: Float32Array, fanIn: number) => x.every((v) => Math.abs(v) <= 1 / Math.sqrt(fanIn) && Math.fround(v) === v);
      expect(inBound(e.deformW, 48) && inBound(e.deformB, 48) && inBound(e.gateW, geoDim(e.k)) && inBound(e.gateB, geoDim(e.k))).toBe(true);
      expect(Array.from(e.normGamma).every((v) => v === 1) && Array.from(e.normBeta).every((v) => v === 0)).toBe(true);
      // a uniform on [-b, b] has standard deviation b / sqrt(3)
      const sd = Math.sqrt(e.deformW.reduce((s, v) => s + v * v, 0) / e.deformW.length);
      expect(sd * Math.sqrt(3) * Math.sqrt(48)).toBeCloseTo(1, 1);
    }
    expect(initFieldParams(fieldConfig(64, 5), 7).experts[2].gateW).toEqual(p.experts[2].gateW);
    expect(initFieldParams(fieldConfig(64, 5), 8).experts[0].deformW[0]).not.toBe(p.experts[0].deformW[0]);
  });

  it('the same draws as scripts/reference_gfm.py (norms of every deform weight and bias)', () => {
    const p = initFieldParams(fieldConfig(64, 5), ref.source.seed);
    const h = ref.models.stories260K.cases[1].health;
    const norm = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0));
    p.experts.forEach((e, i) => {
      expect(norm(e.deformW)).toBeCloseTo(h.experts[i].deform_weight_norm, 7);
      expect(norm(e.deformB)).toBeCloseTo(h.experts[i].deform_norm, 7);
    });
  });

  it("alphas: the seed's logit -> sigmoid -> clamp [0.001, 0.35] in float32; 0 stays off", () => {
    const c = fieldConfig(64, 2);
    expect(effectiveAlpha(c, 0)).toBe(0);
    expect(effectiveAlpha(c, 0.5)).toBe(Math.fround(0.35));
    expect(effectiveAlpha(c, 1)).toBe(Math.fround(0.35));
    expect(effectiveAlpha(c, 1e-4)).toBe(Math.fround(0.001));
    expect(Math.abs(effectiveAlpha(c, 0.01) - 0.01)).toBeLessThan(1e-8);
    expect(effectiveAlpha(c, 0.01)).toBeCloseTo(ref.models.stories260K.cases[1].alphas[0][0], 10);
    expect(alphaIsClamped(c, 0.5) && alphaIsClamped(c, 0.0005) && !alphaIsClamped(c, 0) && !alphaIsClamped(c, 0.35)).toBe(true);
    expect(Array.from(fieldAlphas(c, [0, 0.1]))).toEqual([0, 0, 0, effectiveAlpha(c, 0.1), effectiveAlpha(c, 0.1), effectiveAlpha(c, 0.1)]);
    expect(Array.from(fieldAlphas(c, [0, 0], [[0, 0.2, 0], [0.9, 0, 0]]))).toEqual([0, effectiveAlpha(c, 0.2), 0, effectiveAlpha(c, 0.9), 0, 0]);
    expect(() => fieldAlphas(c, [0.1])).toThrow(/one value per block/);
    expect(() => effectiveAlpha(c, -0.1)).toThrow(/\[0, 1\]/);
  });
});
