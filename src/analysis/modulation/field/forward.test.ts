import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fieldForward } from './forward';
import { initFieldParams } from './params';
import { fieldConfig } from './config';
import { Rng } from '../../../linalg/cpu/rng';

const ref = JSON.parse(readFileSync(resolve(process.cwd(), 'fixtures/gfm.reference.json'), 'utf8'));
const p = initFieldParams(fieldConfig(64, 5), ref.source.seed);
const x = new Rng(11).normals(4 * 64).map((v) => v * 2);

describe('field modulator forward (float64)', () => {
  it('equals the numpy reference on one block (out, gate means, expert volumes)', () => {
    const u = ref.unit;
    const f = fieldForward(p, x, 4, u.alphas);
    let err = 0;
    f.out.forEach((v, i) => (err = Math.max(err, Math.abs(v - u.out[i]) / (1e-6 + Math.abs(u.out[i])))));
    expect(err).toBeLessThan(1e-7);
    f.gateMean.forEach((v, i) => expect(v).toBeCloseTo(u.gate_mean[i], 8));
    for (let e = 0; e < 3; e++) for (let s = 0; s < 4; s++) expect(f.vol2[e * 4 + s] / u.vol2[e][s]).toBeCloseTo(1, 7);
  });

  it('alpha 0 is the identity exactly; the null (tail) dims are never touched', () => {
    const zero = fieldForward(p, x, 4, [0, 0, 0]);
    expect(Array.from(zero.out)).toEqual(Array.from(x));
    expect(Array.from(zero.gateMean)).toEqual([1, 1, 1, 1]);
    const on = fieldForward(p, x, 4, [0.35, 0.35, 0.35]);
    for (let s = 0; s < 4; s++) for (let j = 48; j < 64; j++) expect(on.out[s * 64 + j]).toBe(x[s * 64 + j]);
  });

  it('each blended gate lies in [1 - alpha, 1]: the product of three in [(1 - alpha)^3, 1], elementwise', () => {
    const a = 0.35;
    const on = fieldForward(p, x, 4, [a, a, a]);
    for (let s = 0; s < 4; s++) {
      for (let j = 0; j < 48; j++) {
        const g = on.out[s * 64 + j] / x[s * 64 + j];
        expect(g).toBeGreaterThanOrEqual((1 - a) ** 3 - 1e-12);
        expect(g).toBeLessThanOrEqual(1 + 1e-12);
      }
      expect(on.gateMean[s]).toBeGreaterThan((1 - a) ** 3);
    }
  });

  it('positions are independent: reordering rows reorders the output; vol^2 does not depend on alpha', () => {
    const swapped = Float64Array.from([...x.subarray(64, 128), ...x.subarray(0, 64), ...x.subarray(128)]);
    const a = fieldForward(p, x, 4, [0.2, 0.2, 0.2]);
    const b = fieldForward(p, swapped, 4, [0.2, 0.2, 0.2]);
    expect(Array.from(b.out.subarray(0, 64))).toEqual(Array.from(a.out.subarray(64, 128)));
    expect(Array.from(fieldForward(p, x, 4, [0.01, 0.3, 0.1]).vol2)).toEqual(Array.from(a.vol2));
    expect(() => fieldForward(p, x, 3, [0, 0, 0])).toThrow(/\[3, 64\]/);
  });
});
