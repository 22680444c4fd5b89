/** The Hub path, unmocked: ../shared served on localhost in the Hub's URL layout (e2e/support/hub-server.ts). */
import { test, expect } from '@playwright/test';
import { LabPage, PUBLISHED_TEXT } from './support/lab-page';

test('loads stories260K through the Hub path and reproduces the published text', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await expect(lab.id('hub-repo')).toHaveValue('karpathy/tinyllamas');
  await expect(lab.id('hub-checkpoint-path')).toHaveValue('stories260K/stories260K.bin');
  await expect(lab.id('hub-tokenizer-path')).toHaveValue('stories260K/tok512.bin');
  await lab.loadHub('wasm');
  await lab.waitLoaded('wasm');
  expect(await lab.generate('', 61)).toBe(PUBLISHED_TEXT);
});

test('a Hub file that does not exist is reported with its URL', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.id('source-hub').check();
  await lab.id('hub-checkpoint-path').fill('stories260K/missing.bin');
  await lab.loadHub('wasm');
  expect(await lab.error()).toMatch(/missing\.bin: .* answered HTTP 404/);
});
