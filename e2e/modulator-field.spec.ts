/**
 * The Modulator view's Geometric Field Modulator on stories260K (local files, WASM): switch the type,
 * set the fixture's weight seed, move the alpha slider and a preset, and compare the shown continuation
 * and health numbers with scripts/reference_gfm.py's numpy reference (fixtures/gfm.reference.json).
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { CKPT, TOK } from './support/lab-page';
import { ModulatorPage } from './support/modulator-page';

interface Case {
  alpha: number;
  generated: number[];
  validity: number[][];
  gate_mean: number[];
  health?: { alpha_mean: number; total_params: number; experts: { k: number; template_vol2: number; deform_norm: number }[] };
}
const ref = JSON.parse(readFileSync('fixtures/gfm.reference.json', 'utf8'));
const M = ref.models.stories260K as { prompt: string; cases: Case[]; cv_check: { cv: number; valid_fraction: number; in_band: boolean } };
const caseOf = (a: number) => M.cases.find((c) => c.alpha === a)!;
const five = (a: number) => [a, a, a, a, a];

async function expectCase(mod: ModulatorPage, c: Case): Promise<void> {
  await mod.waitFor(five(c.alpha));
  expect(await mod.ids('original')).toEqual(caseOf(0).generated);
  expect(await mod.ids('modulated'), `alpha ${c.alpha}`).toEqual(c.generated);
  const diffs = c.generated.filter((t, i) => t !== caseOf(0).generated[i]).length;
  expect(await mod.value('token-diff-count')).toBe(diffs);
  await expect(mod.id('field-health')).toHaveAttribute('data-seed', String(ref.source.seed));
  expect(Math.abs((await mod.value('field-alpha-mean')) - c.health!.alpha_mean)).toBeLessThan(1e-8);
  expect(await mod.value('field-total-params')).toBe(c.health!.total_params);
  for (const e of c.health!.experts) {
    expect((await mod.value(`field-template-vol2-k${e.k}`)) / e.template_vol2).toBeCloseTo(1, 6);
    expect(Math.abs((await mod.value(`field-deform-norm-k${e.k}`)) - e.deform_norm)).toBeLessThan(1e-6);
  }
  expect(await mod.fieldValidity()).toEqual(c.validity);
  for (const [i, g] of c.gate_mean.entries()) expect(Math.abs((await mod.value(`field-gate-mean-${i}`)) - g), `gate mean block ${i}`).toBeLessThan(1e-5);
}

test('modulator field: type switch, slider and preset against the numpy reference, health report', async ({ page }) => {
  const mod = new ModulatorPage(page);
  await mod.lab.open();
  await mod.lab.loadLocal([CKPT, TOK], 'wasm');
  await mod.lab.waitLoaded('wasm');
  await mod.open();
  await mod.waitReady();
  await expect(mod.id('mod-prompt')).toHaveValue(M.prompt);
  await mod.id('mod-max-new-tokens').fill(String(ref.source.new_tokens));

  await mod.fieldModulator(ref.source.seed);
  await expect(mod.id('alpha-range')).toHaveAttribute('data-max', '0.35');
  await expect(mod.id('alpha-slider')).toHaveAttribute('max', '0.35');
  await expect(mod.id('alpha-slider')).toHaveAttribute('min', '0.001');
  // The seed presets above the clamp (0.5) are not offered.
  await expect(page.locator('[data-testid=alpha-preset][data-alpha="0.5"]')).toHaveCount(0);

  await mod.slide(0.2);
  await expectCase(mod, caseOf(0.2));
  await expect(mod.id('field-cv-verdict')).toHaveAttribute('data-value', M.cv_check.in_band ? 'in' : 'out');
  expect(Math.abs((await mod.value('field-cv')) - M.cv_check.cv)).toBeLessThan(1e-6);
  expect(await mod.value('field-cv-valid')).toBe(M.cv_check.valid_fraction);

  await mod.preset(0.29154);
  await expectCase(mod, caseOf(0.29154));
  await mod.preset(0.01);
  await expectCase(mod, caseOf(0.01));

  // Back to the lerp: the health report goes away with the next result.
  await mod.id('modulator-type').selectOption('lerp');
  await expect(mod.id('field-health')).toHaveCount(0, { timeout: 60_000 });
});
