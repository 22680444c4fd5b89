/**
 * A researcher's session, driven as a user would: load stories260K from ../shared, generate,
 * measure, export; the exported numbers are checked against the numpy reference.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { LabPage, CKPT, TOK, PUBLISHED_TEXT } from './support/lab-page';

const ref = JSON.parse(readFileSync('fixtures/stories260K.reference.json', 'utf8'));
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

test('load local files on WASM, generate the published text, measure, export results and spec', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.loadLocal([CKPT, TOK], 'wasm');
  await lab.waitLoaded('wasm');
  await expect(lab.id('card-nLayers')).toHaveAttribute('data-value', '5');
  await expect(lab.id('card-rho')).toHaveAttribute('data-value', '1');

  expect(await lab.generate('', 61)).toBe(PUBLISHED_TEXT);

  for (const p of ref.prompts.slice(0, 2)) {
    await lab.measure(p.text);
    const L = 5;
    expect(relErr(await lab.value('gain-G_hf_last'), p.gains_last_token.G_hf_last)).toBeLessThan(1e-4);
    expect(relErr(await lab.value('gain-G_hf_penult'), p.gains_last_token.G_hf_penult)).toBeLessThan(1e-4);
    expect(relErr(await lab.value('gain-G_block_last'), p.gains_last_token.G_block[L - 1])).toBeLessThan(1e-4);
    expect(relErr(await lab.value('entropy'), p.entropy_nats)).toBeLessThan(1e-4);
    // One point per boundary (L + 1) in the norm plot, one per layer in the gain plot, tokens x layers in the heatmap.
    expect(await lab.plotPoints('plot-norms')).toBe(L + 1);
    expect(await lab.plotPoints('plot-block-gains')).toBe(L);
    await expect.poll(() => lab.plotPoints('plot-heatmap')).toBe(p.ids.length);
  }

  const [download] = await Promise.all([page.waitForEvent('download'), lab.id('export-results').click()]);
  const results = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(results.format).toBe('residual-lab/results@1');
  expect(results.manifest.executionProvider.used).toBe('wasm');
  expect(results.manifest.model.files.map((f: { sha256: string }) => f.sha256)).toEqual([
    'b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696',
    '037cb335abb25d1fa9e8ecae30ed2a3a8ace9302862ebcdc05d51a6bbb10c312',
  ]);
  expect(Object.keys(results.manifest.definitions).sort()).toEqual(['G_block', 'G_hf_last', 'G_hf_penult']);
  const measured = results.results.filter((r: { measurement?: unknown }) => r.measurement);
  expect(measured.length).toBeGreaterThanOrEqual(2);
  for (const [i, p] of ref.prompts.slice(0, 2).entries()) {
    const m = measured.find((r: { prompt: string }) => r.prompt === p.text).measurement;
    expect(m.ids).toEqual(p.ids);
    for (const h of [...m.boundaryHooks, 'ln_final.hook_normalized']) {
      m.norms[h].forEach((v: number, t: number) => expect(relErr(v, p.norms[h][t]), `${i} ${h} ${t}`).toBeLessThan(1e-4));
    }
    m.blockGains.forEach((row: number[], l: number) => row.forEach((v, t) => expect(relErr(v, p.block_gains[l][t])).toBeLessThan(1e-4)));
    expect(relErr(m.entropyNats, p.entropy_nats)).toBeLessThan(1e-4);
  }

  const [specDl] = await Promise.all([page.waitForEvent('download'), lab.id('export-spec').click()]);
  const spec = JSON.parse(readFileSync((await specDl.path())!, 'utf8'));
  expect(spec.model.kind).toBe('llama2c');
  expect(spec.prompts).toEqual(expect.arrayContaining([ref.prompts[0].text, ref.prompts[1].text]));
});

test('generation can be cancelled and the page stays usable', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.loadLocal([CKPT, TOK], 'wasm');
  await lab.waitLoaded('wasm');
  await lab.id('prompt-input').fill('Once upon a time');
  await lab.id('max-new-tokens').fill('400');
  await lab.id('temperature').fill('0');
  await lab.id('generate-button').click();
  await expect(lab.id('generation-output')).toContainText('Lily');
  await lab.id('cancel-button').click();
  await expect(lab.id('generate-button')).toBeEnabled();
  await lab.measure('Once upon a time');
  expect(relErr(await lab.value('gain-G_hf_last'), ref.prompts[0].gains_last_token.G_hf_last)).toBeLessThan(1e-4);
});
