/**
 * The alpha training section (src/panels/wordnet/TrainAlphaSection.tsx) end to end on stories260K
 * (local llama2.c files, WASM) in the WordNet tab: a short training cancelled after its first step
 * (status cancelled, nothing finished shown), run again to the end, the figures hold every step, the
 * table every block, the validation loss is lower than at the alpha = 0.01 start, and the exported
 * JSON matches the CLI engine's run of the same options (onnxruntime-node, in this process); the tidy
 * CSV carries the same trajectory. Test ids: see TrainAlphaSection.tsx's doc comment.
 */
import { test, expect } from '@playwright/test';
import { CKPT, TOK } from './support/lab-page';
import { WordNetPage } from './support/wordnet-page';
import { nodeLab } from '../cli/node-lab';
import { loadWordNetNode } from '../src/analysis/wordnet/node/load-node';
import { parseTidyCsv } from '../src/io/tidy';
import type { TrainAlphaResult } from '../src/runtime/train-alpha';

const EPOCHS = 2;
const LR = 0.1;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

async function cliRun(): Promise<TrainAlphaResult> {
  const lab = nodeLab();
  try {
    await lab.load({ source: { kind: 'llama2c', checkpoint: { local: CKPT }, tokenizer: { local: TOK } }, ep: 'auto' });
    return await lab.trainAlpha(loadWordNetNode(), { epochs: EPOCHS, lr: LR });
  } finally {
    await lab.unload();
  }
}

let cli: Promise<TrainAlphaResult> | null = null;
const expectedRun = () => (cli ??= cliRun());

test('the model worker trains alpha like the CLI engine and cancels (exposed remote, WordNet from the built asset)', async ({ page }) => {
  test.setTimeout(600_000);
  const expected = expectedRun();
  const lab = new WordNetPage(page);
  await page.goto('/?expose');
  await expect(lab.id('load-button')).toBeEnabled();
  await lab.loadLocal([CKPT, TOK], 'wasm');
  await lab.waitLoaded('wasm');
  const got = await page.evaluate(
    async ([epochs, lr]) => {
      const remote = (globalThis as unknown as { residualLab: import('../src/runtime/client').RemoteLab }).residualLab;
      const url = new URL('wordnet/wordnet-3.1.json.gz', document.baseURI).href;
      const done = await remote.trainAlpha(url, { epochs, lr });
      // A long run cancelled a few seconds in rejects with CancelledError.
      const long = remote.trainAlpha(url, { epochs: 50, lr }, undefined, 'e2e-train-cancel');
      setTimeout(() => void remote.cancel('e2e-train-cancel'), 3000);
      const cancelled = await long.then(() => 'finished', (e: { name?: string }) => e?.name ?? String(e));
      return { done, cancelled };
    },
    [EPOCHS, LR] as const,
  );
  expect(got.cancelled).toBe('CancelledError');
  const want = await expected;
  expect(got.done.split).toEqual(want.split);
  expect(got.done.history).toHaveLength(EPOCHS * 2);
  expect(rel(got.done.initial.valLoss, want.initial.valLoss)).toBeLessThan(1e-5);
  expect(rel(got.done.initial.trainLoss, want.initial.trainLoss)).toBeLessThan(1e-5);
  got.done.final.alphas.forEach((a, i) => expect(rel(a, want.final.alphas[i])).toBeLessThan(1e-3));
  expect(got.done.final.valLoss).toBeLessThan(got.done.initial.valLoss);
  console.log(`train-alpha in the worker (wasm): val ${got.done.initial.valLoss} -> ${got.done.final.valLoss}; alphas ${got.done.final.alphas.join(', ')}; ` +
    `vs CLI: initial val rel ${rel(got.done.initial.valLoss, want.initial.valLoss).toExponential(2)}, ms/step ${got.done.history.map((h) => Math.round(h.msPerStep)).join(', ')}`);
});

test('train alpha in the WordNet tab: cancel after a step, train again, figures, table, exports against the CLI engine', async ({ page }) => {
  test.setTimeout(600_000);
  const expected = expectedRun();
  const lab = new WordNetPage(page);
  await lab.open();
  await lab.loadLocal([CKPT, TOK], 'wasm');
  await lab.waitLoaded('wasm');
  await lab.openWordNet();
  const section = lab.id('train-alpha-section');
  await expect(section).toHaveCount(1);
  await section.scrollIntoViewIfNeeded();
  const status = lab.id('train-alpha-status');

  await lab.id('train-alpha-epochs').fill(String(EPOCHS));
  await lab.id('train-alpha-lr').fill(String(LR));
  await lab.id('train-alpha-run').click();
  await expect(status).toHaveAttribute('data-status', 'running');
  await expect.poll(async () => Number(await status.getAttribute('data-steps')), { timeout: 300_000 }).toBeGreaterThanOrEqual(1);
  await lab.id('train-alpha-cancel').click();
  await expect(status).toHaveAttribute('data-status', 'cancelled', { timeout: 120_000 });
  await expect(lab.id('train-alpha-table')).toHaveCount(0);
  await expect(lab.id('train-alpha-export-json')).toHaveCount(0);

  await lab.id('train-alpha-run').click();
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 480_000 });
  const steps = Number(await status.getAttribute('data-steps'));
  expect(steps).toBe(EPOCHS * 2);

  // alpha figure: 5 blocks x (steps + 1) points, plus the 0.29154 line; loss figure: epochs + 1 points per series.
  expect(await lab.tracePoints('train-alpha-alpha-figure')).toEqual([...new Array(5).fill(steps + 1), 2]);
  expect(await lab.tracePoints('train-alpha-loss-figure')).toEqual([EPOCHS + 1, EPOCHS + 1]);
  await expect(page.getByTestId('train-alpha-row')).toHaveCount(5);

  const summary = lab.id('train-alpha-summary');
  const initialVal = Number(await summary.getAttribute('data-initial-val'));
  const finalVal = Number(await summary.getAttribute('data-final-val'));
  expect(finalVal).toBeLessThan(initialVal);

  const json = await lab.download('train-alpha-export-json');
  expect(json.name).toBe('train-alpha.json');
  const got = JSON.parse(json.text) as TrainAlphaResult & { manifest: { executionProvider: { used: string } } };
  expect(got.format).toBe('residual-lab/train-alpha@1');
  expect(got.manifest.executionProvider.used).toBe('wasm');
  expect(got.history).toHaveLength(steps);

  // The same options in Node: the same split, the same losses at the start (float32 on two engines), and
  // alphas that agree closely after 4 steps (the FD noise differs per engine; Adam normalises it away).
  const want = await expected;
  expect(got.split).toEqual(want.split);
  expect(rel(got.initial.valLoss, want.initial.valLoss)).toBeLessThan(1e-5);
  expect(rel(got.initial.trainLoss, want.initial.trainLoss)).toBeLessThan(1e-5);
  got.final.alphas.forEach((a, i) => expect(rel(a, want.final.alphas[i])).toBeLessThan(1e-3));

  const csv = await lab.download('train-alpha-export-csv');
  expect(csv.name).toBe('train-alpha.csv');
  const tidy = parseTidyCsv(csv.text);
  const last = tidy.rows.filter((r) => r.quantity === 'alpha' && r.prompt_index === steps).map((r) => r.value);
  expect(last).toEqual(got.final.alphas);
});
