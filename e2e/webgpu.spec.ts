/** The WebGPU execution provider, checked by what onnxruntime placed on it (SwiftShader here). */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { LabPage, CKPT, TOK, PUBLISHED_TEXT } from './support/lab-page';

const ref = JSON.parse(readFileSync('fixtures/stories260K.reference.json', 'utf8'));
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

test('greedy generation on WebGPU reproduces the published text; measurements match the reference', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.loadLocal([CKPT, TOK], 'webgpu');
  await lab.waitLoaded('webgpu');
  // The reason quotes onnxruntime's node-placement log: nodes really ran on the WebGPU EP.
  await expect(lab.id('ep-reason')).toContainText(/observed: onnxruntime's WebGPU device is live .*\d+ on WebGpu/);
  expect(await lab.generate('', 61)).toBe(PUBLISHED_TEXT);
  const p = ref.prompts[2];
  await lab.measure(p.text);
  expect(relErr(await lab.value('gain-G_block_last'), p.gains_last_token.G_block[4])).toBeLessThan(1e-4);
  expect(relErr(await lab.value('entropy'), p.entropy_nats)).toBeLessThan(1e-4);
});

test('Auto on a software adapter picks WASM and says why', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.loadLocal([CKPT, TOK], 'auto');
  await lab.waitLoaded();
  const ep = await lab.id('model-status').getAttribute('data-ep');
  const reason = (await lab.id('ep-reason').textContent()) ?? '';
  // SwiftShader (this machine) -> WASM with the reason; a hardware adapter -> WebGPU.
  if (/software fallback/.test(reason)) expect(ep).toBe('wasm');
  else expect(reason).toMatch(/Auto: (hardware WebGPU adapter|no WebGPU adapter)/);
});
