import { describe, expect, it } from 'vitest';
import { evaluateH25, H25_DEFAULT_THRESHOLD, type H25Model } from './h25';

const model = (name: string, rho: number, gain: number): H25Model => ({ name, rho, gain: { definition: 'G_block', value: gain } });

// Pythia head densities (n_heads / d_head) with made-up last-block gains.
const pythia: H25Model[] = [
  model('pythia-70m', 8 / 64, 1.03), // predicts expand, expands: agree
  model('pythia-160m', 12 / 64, 0.97), // predicts expand, dampens: disagree
  model('pythia-410m', 16 / 64, 0.94), // predicts dampen, dampens: agree
  model('pythia-1b', 8 / 256, 1.08), // predicts expand, expands: agree
  model('pythia-2.8b', 32 / 80, 0.9), // predicts dampen, dampens: agree
  model('pythia-6.9b', 32 / 128, 1.01), // predicts dampen, expands: disagree
];

describe('H25 verdict', () => {
  it('counts predictions against observations in a confusion table', () => {
    const r = evaluateH25(pythia);
    if (!r.ok) throw new Error(r.reason);
    expect(r.threshold).toBe(H25_DEFAULT_THRESHOLD);
    expect(r.confusion).toEqual({
      predictedDampenObservedDampen: 2,
      predictedDampenObservedExpand: 1,
      predictedExpandObservedDampen: 1,
      predictedExpandObservedExpand: 2,
    });
    expect([r.agree, r.disagree, r.total]).toEqual([4, 2, 6]);
    expect(r.accuracy).toBeCloseTo(4 / 6, 15);
    expect(r.verdict).toBe('partially validated');
    expect(r.rows.filter((row) => !row.agrees).map((row) => row.name)).toEqual(['pythia-160m', 'pythia-6.9b']);
    expect([r.highRhoDampenRate, r.lowRhoExpandRate]).toEqual([2 / 3, 2 / 3]);
  });

  it('names the gain definition and the rule in the verdict text', () => {
    const r = evaluateH25(pythia);
    if (!r.ok) throw new Error(r.reason);
    expect(r.gainDefinition).toBe('G_block');
    expect(r.gainFormula).toBe('||resid_post(i)|| / ||resid_pre(i)||');
    expect(r.verdictText).toBe(
      "H25 (rho >= 0.2 predicts G_block(i) < 1): 4/6 models agree (66.7%), so partially validated by seed 01's rule " +
        '(>= 75.0% validated, >= 50.0% partially validated). Gain: G_block(i) = ||resid_post(i)|| / ||resid_pre(i)||.',
    );
  });

  it('the threshold is inclusive and configurable', () => {
    // rho = 0.25 exactly on the threshold predicts dampening.
    const atThreshold = evaluateH25([model('a', 0.25, 0.9)], { threshold: 0.25 });
    expect(atThreshold.ok && atThreshold.rows[0].predictsDampening).toBe(true);
    // Raising the threshold to 0.3 turns 410m and 6.9b into "predicts expand": 160m, 410m and 6.9b disagree.
    const r = evaluateH25(pythia, { threshold: 0.3 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.confusion).toEqual({
      predictedDampenObservedDampen: 1,
      predictedDampenObservedExpand: 0,
      predictedExpandObservedDampen: 2,
      predictedExpandObservedExpand: 3,
    });
    expect([r.agree, r.total, r.verdict]).toEqual([4, 6, 'partially validated']);
    expect(r.verdictText).toMatch(/^H25 \(rho >= 0.3 predicts/);
  });

  it("seed 01's accuracy rule: 75% validated, 50% partially, below falsified; G = 1 does not dampen", () => {
    const all = evaluateH25([model('a', 0.3, 0.9), model('b', 0.1, 1.1), model('c', 0.1, 1.0), model('d', 0.3, 1.2)]);
    expect(all.ok && [all.agree, all.verdict]).toEqual([3, 'validated']);
    const none = evaluateH25([model('a', 0.3, 1.1), model('b', 0.1, 0.9)]);
    expect(none.ok && [none.agree, none.verdict, none.seed02Verdict]).toEqual([0, 'falsified', 'inconclusive']);
    const strict = evaluateH25(pythia, { validatedAt: 0.6 });
    expect(strict.ok && strict.verdict).toBe('validated');
  });

  it("seed 02's rule: high-rho dampening rate above 50% or r(rho, G) < -0.3 with 3 or more models", () => {
    const r = evaluateH25(pythia);
    if (!r.ok || !r.rhoGainCorrelation.ok) throw new Error('undefined');
    expect(r.rhoGainCorrelation.r).toBeLessThan(-0.3);
    expect(r.seed02Verdict).toBe('validated');
    const flat = evaluateH25([model('a', 0.1, 1.1), model('b', 0.2, 1.2), model('c', 0.3, 1.3)]);
    expect(flat.ok && [flat.highRhoDampenRate, flat.seed02Verdict]).toEqual([0, 'not validated']);
    const lowOnly = evaluateH25([model('a', 0.1, 1.1), model('b', 0.15, 1.0), model('c', 0.05, 1.2)]);
    expect(lowOnly.ok && [lowOnly.highRhoDampenRate, lowOnly.lowRhoExpandRate]).toEqual([null, 1]);
  });

  it('excludes non-finite models with a reason, and refuses mixed definitions or no models', () => {
    const r = evaluateH25([...pythia, model('broken', NaN, 0.9), model('failed', 0.3, Infinity)]);
    expect(r.ok && [r.total, r.excluded]).toEqual([
      6,
      [
        { name: 'broken', reason: 'rho is NaN' },
        { name: 'failed', reason: 'gain is Infinity' },
      ],
    ]);
    const mixed = evaluateH25([model('a', 0.3, 0.9), { name: 'b', rho: 0.1, gain: { definition: 'G_hf_last', value: 0.8 } }]);
    expect(mixed).toEqual({ ok: false, reason: 'mixed gain definitions (G_block, G_hf_last): H25 compares one definition across models' });
    expect(evaluateH25([])).toEqual({ ok: false, reason: 'no models' });
    expect(evaluateH25([model('x', NaN, 1)])).toEqual({ ok: false, reason: 'no model has a finite rho and gain (1 excluded)' });
    expect(evaluateH25(pythia, { threshold: NaN }).ok).toBe(false);
  });

  it('correlation with two models is undefined, not NaN', () => {
    const r = evaluateH25([model('a', 0.1, 1.1), model('b', 0.3, 0.9)]);
    expect(r.ok && r.rhoGainCorrelation).toEqual({ ok: false, reason: expect.stringMatching(/^n = 2: /) });
  });
});
