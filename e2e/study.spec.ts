/**
 * The Study view end to end: two models (stories260K from the llama2.c Hub source, and the same
 * model converted to the Hugging Face layout as a Hub repo) over the seed 02 preset, a sweep
 * cancelled between the models and resumed, every figure with data, and the table's numbers
 * checked against the per-prompt rows, against each other and against the Model view's Measure.
 */
import { test, expect } from '@playwright/test';
import { HUB } from './support/lab-page';
import { StudyPage } from './support/study-page';
import { holdRepo } from './support/hold-repo';

const LLAMA2C = `hf://karpathy/tinyllamas@main/stories260K/stories260K.bin`;
const HF = 'hf://residual-lab/stories260K-hf@main';
const FIGURES = ['study-fig-rho', 'study-fig-layers', 'study-fig-dist', 'study-fig-category', 'study-fig-entropy', 'study-fig-norm'];

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

test('a two-model sweep over the seed 02 preset: cancel, resume, table, statistics and figures', async ({ page }) => {
  test.setTimeout(300_000);
  const lab = new StudyPage(page);
  await lab.open();
  await lab.id('tab-study').click();
  await expect(lab.id('study-view')).toBeVisible();

  await lab.id('study-preset').selectOption('preset:seed02-25');
  await expect(lab.id('study-prompt-count')).toHaveAttribute('data-value', '25');
  await expect(lab.id('study-prompt-count')).toHaveAttribute('data-categories', 'Factual|Syntactic|Cliche|Novel|Nonsense');

  await lab.addModel('hub');
  await lab.addModel('hf', 'residual-lab/stories260K-hf');
  await expect(lab.page.getByTestId('study-queue-item')).toHaveCount(2);
  await lab.id('study-hub-base-url').fill(HUB);
  await lab.id('study-ep').selectOption('wasm');

  // Cancel while the second model loads: its files are held at the Hub until the cancel is in.
  const held = await holdRepo(page, 'residual-lab/stories260K-hf');
  await lab.id('study-run').click();
  await expect(lab.queueItem(HF)).toHaveAttribute('data-status', 'loading', { timeout: 120_000 });
  await expect.poll(held.seen).toBe(true);
  await expect(lab.queueItem(LLAMA2C)).toHaveAttribute('data-measured', '25');
  await lab.id('study-cancel').click();
  held.release();
  await expect(lab.id('study-progress')).toBeHidden({ timeout: 120_000 });
  await page.unroute(`${HUB}/residual-lab/stories260K-hf/**`);
  await expect(lab.queueItem(LLAMA2C)).toHaveAttribute('data-status', 'done');
  await expect(lab.queueItem(HF)).toHaveAttribute('data-status', 'cancelled');
  await expect(lab.queueItem(HF)).toHaveAttribute('data-measured', '0');
  await expect(lab.id('study-notice')).toContainText('cancelled');
  const before = await lab.promptValues(LLAMA2C, 'G_block_last');
  expect(before).toHaveLength(25);

  // Resume runs only the second model; the first keeps its rows.
  await lab.id('study-resume').click();
  await expect(lab.queueItem(HF)).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  await expect(lab.id('study-progress')).toBeHidden();
  await expect(lab.queueItem(LLAMA2C)).toHaveAttribute('data-status', 'done');
  expect(await lab.promptValues(LLAMA2C, 'G_block_last')).toEqual(before);

  // The table: one row per model, means equal the per-prompt rows, the two conversions agree.
  await expect(lab.page.getByTestId('study-row')).toHaveCount(2);
  const means: number[] = [];
  for (const model of [LLAMA2C, HF]) {
    await expect(lab.row(model)).toHaveAttribute('data-status', 'done');
    expect(await lab.cell(model, 'nPrompts')).toBe(25);
    expect(await lab.cell(model, 'nLayers')).toBe(5);
    for (const field of ['G_block_last', 'G_hf_last', 'G_hf_penult', 'total', 'entropyNats']) {
      const xs = await lab.promptValues(model, field);
      expect(xs).toHaveLength(25);
      expect(xs.every(Number.isFinite)).toBe(true);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(rel(await lab.cell(model, field), mean)).toBeLessThan(1e-12);
    }
    means.push(await lab.cell(model, 'G_block_last'));
  }
  expect(rel(means[0], means[1])).toBeLessThan(1e-5);

  // Statistics: t-tests per model; both models share rho, so the regression says why it is undefined.
  await expect(lab.page.getByTestId('study-stat-row')).toHaveCount(2);
  const p = Number(await lab.page.locator(`[data-testid=study-stat-row][data-model="${LLAMA2C}"] [data-field="tLess.p"]`).getAttribute('data-value'));
  expect(p).toBeGreaterThanOrEqual(0);
  expect(p).toBeLessThanOrEqual(1);
  await expect(lab.id('study-regression')).toContainText('zero variance in x');
  await expect(lab.id('study-h25')).toHaveAttribute('data-total', '2');
  await expect(lab.id('study-view')).not.toContainText('NaN');

  // Every figure holds data; each caption names the definition and the token position.
  for (const fig of FIGURES) {
    expect(await lab.plotPoints(fig), fig).toBeGreaterThan(0);
    const caption = await lab.page.locator('figure', { has: lab.id(fig) }).locator('figcaption').textContent();
    expect(caption, fig).toContain('last prompt token');
    expect(caption, fig).toMatch(/G_block/);
  }
  expect(await lab.plotPoints('study-fig-dist')).toBe(25);
  expect(await lab.plotPoints('study-fig-layers')).toBe(5);

  // One prompt's value equals the single-prompt Measure of the Model view.
  const prompts = await lab.page.locator(`[data-testid=study-prompt-row][data-model="${LLAMA2C}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-prompt') ?? ''));
  const k = 6;
  await lab.id('tab-model').click();
  await lab.loadHub('wasm');
  await lab.waitLoaded('wasm');
  await lab.measure(prompts[k]);
  const single = await lab.value('gain-G_block_last');
  const singleHfLast = await lab.value('gain-G_hf_last');
  await lab.id('tab-study').click();
  expect(rel((await lab.promptValues(LLAMA2C, 'G_block_last'))[k], single)).toBeLessThan(1e-9);
  expect(rel((await lab.promptValues(LLAMA2C, 'G_hf_last'))[k], singleHfLast)).toBeLessThan(1e-9);
});

test('seed files import into the table; a malformed one names its line and field', async ({ page }) => {
  const lab = new StudyPage(page);
  await lab.open();
  await lab.id('tab-study').click();
  const header = 'Model,Norm_Type,Params,Role,Category,Complexity,Prompt,Prompt_Short,Entropy,Last_Gain,Total_Amp,Top_Token,Top_Prob,N_Layers';
  const rows = [
    'GPT2-XL,LayerNorm,1.5B,LayerNorm Validation (Large),Factual,1,The capital city of France is,The capital city of France is...,3.5,0.9,12.5, the,0.2,48',
    'GPT2-XL,LayerNorm,1.5B,LayerNorm Validation (Large),Cliche,2,Time heals all,Time heals all...,1.5,0.8,11.5, wounds,0.7,48',
  ];
  const csv = (lines: string[]) => ({ name: 'gpt2_layernorm_validation_20260105_120000.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
  await lab.id('study-import').setInputFiles(csv([header, ...rows]));
  const key = 'gpt2_layernorm_validation_20260105_120000.csv#GPT2-XL';
  await expect(lab.row(key)).toHaveAttribute('data-origin', 'import');
  expect(await lab.cell(key, 'G_block_last')).toBeCloseTo(0.85, 12);
  expect(await lab.cell(key, 'entropyNats')).toBeCloseTo(2.5, 12);
  expect(await lab.cell(key, 'rho')).toBeCloseTo(25 / 64, 12);
  expect(await lab.plotPoints('study-fig-entropy')).toBe(2);

  await lab.id('study-import').setInputFiles(csv([header, rows[0], rows[1].replace(',0.8,', ',lots,')]));
  await expect(lab.id('study-import-error')).toContainText('line 3');
  await expect(lab.id('study-import-error')).toContainText('Last_Gain');
});
