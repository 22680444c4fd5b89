/**
 * Nothing lost on reload, and shareable state (issue 8, items 4 and 5), in real Chromium:
 * (a) a two-model sweep reloaded while the second model loads keeps the first model's rows, bit for
 * bit, and the second resumes; (b) a deep link opens the same model, prompt and options in a fresh
 * browser context and, loaded, measures the same numbers; a damaged link says so; (c) saved
 * experiments are renamed, duplicated and deleted, and the list survives a reload.
 */
import { test, expect } from '@playwright/test';
import { HUB } from './support/lab-page';
import { ExperimentsPage } from './support/experiments-page';
import { decodeUrlState, encodeUrlState, URL_STATE_PARAM, type UrlState } from '../src/io/url-state';
import { holdRepo } from './support/hold-repo';

const LLAMA2C = 'hf://karpathy/tinyllamas@main/stories260K/stories260K.bin';
const HF = 'hf://residual-lab/stories260K-hf@main';
const PROMPT_FIELDS = ['G_block_last', 'G_hf_last', 'G_hf_penult', 'total', 'entropyNats'];
const GAINS = ['gain-G_hf_last', 'gain-G_hf_penult', 'gain-G_block_last'];

test('a sweep reloaded while its second model loads: the first model\'s rows come back, the second resumes', async ({ page }) => {
  test.setTimeout(300_000);
  const lab = new ExperimentsPage(page);
  await lab.open();
  await lab.waitReady();
  await lab.id('tab-study').click();
  await lab.id('study-preset').selectOption('preset:seed01-canonical');
  await expect(lab.id('study-prompt-count')).toHaveAttribute('data-value', '3');
  await lab.addModel('hub');
  await lab.addModel('hf', 'residual-lab/stories260K-hf');
  await lab.id('study-hub-base-url').fill(HUB);
  await lab.id('study-ep').selectOption('wasm');

  const held = await holdRepo(page, 'residual-lab/stories260K-hf');
  await lab.id('study-run').click();
  await expect(lab.queueItem(HF)).toHaveAttribute('data-status', 'loading', { timeout: 120_000 });
  await expect.poll(held.seen).toBe(true);
  // The first model is done and its rows are on screen (and saved) while the second is still loading.
  await expect(lab.queueItem(LLAMA2C)).toHaveAttribute('data-measured', '3');
  await expect(lab.page.locator(`[data-testid=study-prompt-row][data-model="${LLAMA2C}"]`)).toHaveCount(3);
  const before = await lab.promptTable(LLAMA2C, PROMPT_FIELDS);
  const meanBefore = await lab.row(LLAMA2C).locator('[data-field="G_block_last"]').getAttribute('data-value');
  expect(before.G_block_last.every((v) => Number.isFinite(Number(v)) && v !== '')).toBe(true);
  await lab.openDrawer();
  await expect(lab.experiments('sweep')).toHaveCount(1);
  await expect(lab.experiments('sweep')).toContainText('1 of 2 models done');

  await page.reload();
  held.release();
  await page.unroute(`${HUB}/residual-lab/stories260K-hf/**`);
  await lab.waitReady();
  await expect(lab.id('study-view')).toBeVisible();
  await expect(lab.id('study-notice')).toContainText('Restored the saved sweep');
  await expect(lab.queueItem(LLAMA2C)).toHaveAttribute('data-status', 'done');
  await expect(lab.queueItem(LLAMA2C)).toHaveAttribute('data-measured', '3');
  await expect(lab.queueItem(HF)).toHaveAttribute('data-status', 'cancelled');
  await expect(lab.queueItem(HF)).toHaveAttribute('data-measured', '0');
  expect(await lab.promptTable(LLAMA2C, PROMPT_FIELDS)).toEqual(before);
  expect(await lab.row(LLAMA2C).locator('[data-field="G_block_last"]').getAttribute('data-value')).toBe(meanBefore);
  expect(await lab.plotPoints('study-fig-dist')).toBe(3);
  await expect(lab.id('study-resume')).toBeEnabled();

  // Resume measures only the second model; the first keeps its rows; the saved run follows.
  await lab.id('study-resume').click();
  await expect(lab.queueItem(HF)).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  await expect(lab.id('study-progress')).toBeHidden();
  expect(await lab.promptTable(LLAMA2C, PROMPT_FIELDS)).toEqual(before);
  await lab.openDrawer();
  await expect(lab.experiments('sweep')).toHaveCount(1);
  await expect(lab.experiments('sweep')).toContainText('2 of 2 models done');
});

test('a deep link opens the same model, prompt and options in a fresh context, and measures the same numbers', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const PROMPT = 'Lily and Ben went to the park';
  const lab = new ExperimentsPage(page);
  await lab.open();
  await lab.waitReady();
  await lab.id('source-hf').check();
  await lab.id('hf-repo').fill('residual-lab/stories260K-hf');
  await lab.id('hub-base-url').fill(HUB);
  await lab.id('ep-select').selectOption('wasm');
  await lab.id('prompt-input').fill(PROMPT);
  await lab.id('max-new-tokens').fill('17');

  // The link the UI shows carries what was set (the address bar follows it too).
  let link = '';
  await expect
    .poll(async () => {
      link = await lab.shareLink();
      const p = new URL(link).searchParams.get(URL_STATE_PARAM);
      const d = p ? decodeUrlState(p) : null;
      return d?.ok ? [d.state.lab?.source, d.state.lab?.ep, d.state.lab?.prompt.text, d.state.lab?.prompt.maxNewTokens, d.state.lab?.hubBaseUrl] : null;
    })
    .toEqual([{ kind: 'hf', repo: 'residual-lab/stories260K-hf', revision: 'main', onnx: '' }, 'wasm', PROMPT, 17, HUB]);
  expect(new URL(page.url()).searchParams.get(URL_STATE_PARAM)).toBe(new URL(link).searchParams.get(URL_STATE_PARAM));

  await lab.id('load-button').click();
  await lab.waitLoaded('wasm');
  await lab.measure(PROMPT);
  const here = await Promise.all(GAINS.map((g) => lab.id(g).getAttribute('data-value')));

  const context = await browser.newContext();
  try {
    const other = new ExperimentsPage(await context.newPage());
    await other.page.goto(link);
    await other.waitReady();
    await expect(other.id('source-hf')).toBeChecked();
    await expect(other.id('hf-repo')).toHaveValue('residual-lab/stories260K-hf');
    await expect(other.id('hub-base-url')).toHaveValue(HUB);
    await expect(other.id('ep-select')).toHaveValue('wasm');
    await expect(other.id('prompt-input')).toHaveValue(PROMPT);
    await expect(other.id('max-new-tokens')).toHaveValue('17');
    await expect(other.id('model-status')).toHaveAttribute('data-loaded', 'false');
    await expect(other.id('link-offer')).toContainText('residual-lab/stories260K-hf@main');
    await other.id('link-load').click();
    await other.waitLoaded('wasm');
    await other.measure(PROMPT);
    expect(await Promise.all(GAINS.map((g) => other.id(g).getAttribute('data-value')))).toEqual(here);

    // A damaged or stale link says why, and the lab still opens.
    await other.page.goto('/?s=bm90IGpzb24');
    await expect(other.id('link-error')).toContainText('damaged');
    await expect(other.id('load-button')).toBeVisible();
    await other.page.goto(`/?s=${encodeUrlState({ v: 2 } as unknown as UrlState)}#study`);
    await expect(other.id('link-error')).toContainText('newer version');
    await expect(other.id('study-view')).toBeVisible();
  } finally {
    await context.close();
  }
});

test('saved experiments: a measurement is saved, renamed, duplicated and deleted; the list and the numbers survive a reload', async ({ page }) => {
  test.setTimeout(240_000);
  const lab = new ExperimentsPage(page);
  await lab.open();
  await lab.waitReady();
  await lab.loadHub('wasm');
  await lab.waitLoaded('wasm');
  await lab.measure('Once upon a time');
  const measured = await Promise.all(GAINS.map((g) => lab.id(g).getAttribute('data-value')));
  await lab.openDrawer();
  await expect(lab.experiments('measurement')).toHaveCount(1);
  const first = (await lab.names())[0];

  await lab.rename(first, 'stories run');
  await lab.experiment('stories run').getByTestId('experiment-duplicate').click();
  await expect(lab.experiments()).toHaveCount(2);
  expect((await lab.names()).sort()).toEqual(['stories run', 'stories run (copy)']);
  await lab.remove('stories run');
  expect(await lab.names()).toEqual(['stories run (copy)']);

  // After a reload the list is the same and the Model view shows the saved numbers, saying the model must be loaded again.
  await page.reload();
  await lab.waitReady();
  await lab.openDrawer();
  expect(await lab.names()).toEqual(['stories run (copy)']);
  await expect(lab.id('restored-note')).toContainText('Load the model again');
  await expect(lab.id('model-status')).toHaveAttribute('data-loaded', 'false');
  expect(await Promise.all(GAINS.map((g) => lab.id(g).getAttribute('data-value')))).toEqual(measured);
  await expect(lab.id('prompt-input')).toHaveValue('Once upon a time');

  // Opening it from the Study view comes back to the Model view with the same numbers.
  await lab.id('tab-study').click();
  await lab.experiment('stories run (copy)').getByTestId('experiment-open').click();
  await expect(lab.id('gain-table')).toBeVisible();
  expect(await Promise.all(GAINS.map((g) => lab.id(g).getAttribute('data-value')))).toEqual(measured);
});

test('storage near its quota is said before saves fail; a failed save is reported and loses nothing saved before', async ({ page }) => {
  test.setTimeout(240_000);
  // The browser reports 95% of the quota used, and IndexedDB puts fail while __failPuts is set.
  await page.addInitScript(() => {
    const w = window as unknown as { __failPuts: boolean };
    w.__failPuts = false;
    Object.defineProperty(navigator.storage, 'estimate', { value: async () => ({ usage: 950_000_000, quota: 1_000_000_000 }) });
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (w.__failPuts) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const lab = new ExperimentsPage(page);
  await lab.open();
  await lab.waitReady();
  await lab.loadHub('wasm');
  await lab.waitLoaded('wasm');
  await lab.measure('Once upon a time');
  const first = await Promise.all(GAINS.map((g) => lab.id(g).getAttribute('data-value')));
  await expect(lab.id('storage-warning')).toContainText('95% full');
  await lab.openDrawer();
  await expect(lab.experiments('measurement')).toContainText('1 prompt');

  await page.evaluate(() => ((window as unknown as { __failPuts: boolean }).__failPuts = true));
  await lab.measure('The cat sat on the mat');
  await expect(lab.id('save-error')).toContainText('Could not save');
  await expect(lab.id('save-error')).toContainText('QuotaExceededError');
  await expect(lab.id('save-error')).toContainText('saved before are kept');
  await expect(lab.experiments('measurement')).toContainText('1 prompt');

  await page.reload();
  await lab.waitReady();
  await expect(lab.id('restored-note')).toContainText('1 prompt');
  expect(await Promise.all(GAINS.map((g) => lab.id(g).getAttribute('data-value')))).toEqual(first);
});
