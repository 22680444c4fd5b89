import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cvCheck, forwardValidity, healthReport } from './health';
import { fieldAlphas, initFieldParams } from './params';
import { fieldConfig } from './config';
import { Rng } from '../../../linalg/cpu/rng';
import { readBytes, STORIES_CKPT } from '../../../testing/shared';

const ref = JSON.parse(readFileSync(resolve(process.cwd(), 'fixtures/gfm.reference.json'), 'utf8'));

describe('field modulator health report', () => {
  it('equals the numpy reference: alpha stats, template vol^2 against the closed form, deform norms, parameter count', () => {
    const c = fieldConfig(64, 5);
    const p = initFieldParams(c, ref.source.seed);
    for (const ci of [1, 3]) {
      const want = ref.models.stories260K.cases[ci].health;
      const h = healthReport(p, fieldAlphas(c, new Array(5).fill(ref.models.stories260K.cases[ci].alpha)));
      expect(h.alphaMean).toBeCloseTo(want.alpha_mean, 8);
      expect(h.alphaStd).toBe(0);
      expect(h.alphaLayer).toEqual(want.alpha_layer.map((v: number) => expect.closeTo(v, 8)));
      expect(h.totalParams).toBe(want.total_params);
      h.experts.forEach((e, i) => {
        expect(e.templateVol2 / want.experts[i].template_vol2).toBeCloseTo(1, 7);
        expect(e.regularVol2).toBeCloseTo(want.experts[i].regular_vol2, 12);
        expect(e.deformNorm).toBeCloseTo(want.experts[i].deform_norm, 7);
      });
    }
  });

  it('alpha stats over the modulated blocks only; std with ddof 1 as torch', () => {
    const c = fieldConfig(64, 3);
    const p = initFieldParams(c, 1);
    const h = healthReport(p, fieldAlphas(c, [0, 0.1, 0.3]));
    const a1 = Math.fround(0.1);
    expect(h.alphaMin).toBeCloseTo(a1, 7);
    expect(h.alphaLayer[0]).toBe(0);
    const vals = [...new Array(3).fill(h.alphas[1][0]), ...new Array(3).fill(h.alphas[2][0])];
    const m = vals.reduce((s, v) => s + v, 0) / 6;
    expect(h.alphaStd).toBeCloseTo(Math.sqrt(vals.reduce((s, v) => s + (v - m) ** 2, 0) / 5), 12);
    expect(h.nActive + h.nNull).toBe(64);
  });

  it('per-forward validity: fraction of vol^2 > 0 per block and expert, gate means', () => {
    const v = forwardValidity([{ vol2: [1, -1, 0.5, 0.5, 0, 2], gateMean: [0.5, 0.7] }, { vol2: [1, 1, 1, 1, 1, 1], gateMean: [1, 1] }], 3);
    expect(v.validity).toEqual([[0.5, 1, 0.5], [1, 1, 1]]);
    expect(v.validityPerExpert).toEqual([0.75, 1, 0.75]);
    expect(v.validityMean).toBeCloseTo(5 / 6, 15);
    expect(v.gateMean).toEqual([0.6, 1]);
  });
});

describe('cv_check', () => {
  it('equals the numpy reference on the static embedding of stories260K (same Rng draws)', () => {
    // llama2.c legacy checkpoint: 7 int32 header values, then the token embedding [vocab 512, dim 64] float32.
    const emb = new Float32Array(readBytes(STORIES_CKPT), 28, 512 * 64);
    const r = cvCheck(initFieldParams(fieldConfig(64, 5), ref.source.seed), emb, 512, 64);
    const want = ref.models.stories260K.cv_check;
    expect(r.validFraction).toBe(want.valid_fraction);
    expect(r.cv).toBeCloseTo(want.cv, 7);
    expect(r.meanVol / want.mean_vol).toBeCloseTo(1, 8);
    expect(r.inBand).toBe(want.in_band);
  });

  it('is scale invariant (volumes scale as c^4) and reports no volumes for coincident points', () => {
    const p = initFieldParams(fieldConfig(64, 2), 0);
    const e = new Rng(2).normals(300 * 64);
    const a = cvCheck(p, e, 300, 64);
    const b = cvCheck(p, e.map((v) => 3 * v), 300, 64);
    expect(b.cv).toBeCloseTo(a.cv, 9);
    expect(b.meanVol / a.meanVol).toBeCloseTo(3 ** 4, 8);
    expect(a.dims).toBe(8);
    const flat = cvCheck(p, new Float64Array(10 * 64), 10, 64, { nSimplices: 20 });
    expect(flat).toMatchObject({ validFraction: 0, meanVol: 0, inBand: false });
  });
});
