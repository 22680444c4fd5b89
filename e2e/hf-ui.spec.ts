/** Hugging Face models through the UI: a local folder, and a Hub repo with download progress and the cache. */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LabPage, SHARED, PUBLISHED_TEXT } from './support/lab-page';

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const stories = JSON.parse(readFileSync('fixtures/stories260K.reference.json', 'utf8'));
const gpt2 = JSON.parse(readFileSync(resolve(SHARED, 'fixtures/hf-tiny/gpt2/reference.json'), 'utf8'));

test('a local Hugging Face folder (stories260K-hf) generates and measures like the llama2.c checkpoint', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.loadFolder(resolve(SHARED, 'models/stories260K-hf'), 'wasm');
  await lab.waitLoaded('wasm');
  await expect(lab.id('card-nKvHeads')).toHaveAttribute('data-value', '4');
  expect(await lab.generate('', 61)).toBe(PUBLISHED_TEXT);
  const p = stories.prompts[1];
  await lab.measure(p.text);
  expect(relErr(await lab.value('gain-G_block_last'), p.gains_last_token.G_block[4])).toBeLessThan(1e-4);
  expect(relErr(await lab.value('gain-G_hf_last'), p.gains_last_token.G_hf_last)).toBeLessThan(1e-4);
  expect(relErr(await lab.value('entropy'), p.entropy_nats)).toBeLessThan(1e-4);
});

test('a Hub repo downloads with per-file progress, is cached, reloads from the cache, and is deleted', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.loadHfRepo('residual-lab/hf-tiny-gpt2');
  await lab.waitLoaded('wasm');
  for (const f of ['config.json', 'onnx/model.onnx']) {
    await expect(lab.fileRow(f)).toHaveAttribute('data-fraction', '1');
    await expect(lab.fileRow(f)).not.toHaveAttribute('data-cached', 'true');
  }
  await expect(lab.cacheRow('residual-lab/hf-tiny-gpt2')).toHaveAttribute('data-bytes', String(709 + 898606));

  // The fixtures ship no tokenizer: the prompt box takes token ids.
  const seq = gpt2.sequences[0];
  await expect(lab.id('ids-mode')).toBeVisible();
  await lab.measure(seq.input_ids.join(','));
  expect(relErr(await lab.value('gain-G_hf_last'), seq.gains_last_token.G_hf_last)).toBeLessThan(1e-4);
  expect(relErr(await lab.value('gain-G_block_last'), seq.gains_last_token.G_block[2])).toBeLessThan(1e-4);

  await lab.id('load-button').click();
  await lab.waitLoaded('wasm');
  await expect(lab.fileRow('onnx/model.onnx')).toHaveAttribute('data-cached', 'true');

  await lab.cacheRow('residual-lab/hf-tiny-gpt2').getByTestId('cache-delete').click();
  await expect(lab.cacheRow('residual-lab/hf-tiny-gpt2')).toHaveCount(0);
});
