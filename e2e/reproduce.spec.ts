/**
 * Issue 8's round trips from the browser: the results and the tidy CSV exported by the Model view
 * hold the same numbers bit for bit, and the exported experiment re-run by the CLI (onnxruntime-node)
 * matches within the stated tolerance; a manifest whose model hash is not the file's is reported.
 */
import { test, expect } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { LabPage } from './support/lab-page';
import { main } from '../cli/main';
import { parseTidyCsv } from '../src/io/tidy';

test('export from the lab, re-import the tidy CSV bit for bit, reproduce in the CLI', async ({ page }, info) => {
  test.setTimeout(120_000);
  const lab = new LabPage(page);
  await lab.open();
  await lab.loadHub('wasm');
  await lab.waitLoaded('wasm');
  for (const p of ['Once upon a time', 'The little dog, "Spot", ran']) await lab.measure(p);

  const [res] = await Promise.all([page.waitForEvent('download'), lab.id('export-results').click()]);
  const resultsPath = info.outputPath('results.json');
  await res.saveAs(resultsPath);
  const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
  const [csv] = await Promise.all([page.waitForEvent('download'), lab.id('export-tidy-csv').click()]);
  const tidy = parseTidyCsv(readFileSync((await csv.path())!, 'utf8'));
  // The same manifest (each export stamps its own creation time).
  expect({ ...(tidy.manifest as object), createdAt: null }).toEqual({ ...results.manifest, createdAt: null });

  // Every number in the tidy file is the results file's number, bit for bit.
  results.results.forEach((r: { measurement: { norms: Record<string, number[]>; blockGains: number[][]; lastToken: { G_hf_last: number }; entropyNats: number } }, pi: number) => {
    const rows = tidy.rows.filter((x) => x.prompt_index === pi);
    for (const [hook, norms] of Object.entries(r.measurement.norms)) norms.forEach((v, t) => expect(rows.find((x) => x.hook === hook && x.token === String(t))!.value).toBe(v));
    r.measurement.blockGains.forEach((perTok, l) => perTok.forEach((v, t) => expect(rows.find((x) => x.definition === 'G_block' && x.layer === l && x.token === String(t))!.value).toBe(v)));
    expect(rows.find((x) => x.definition === 'G_hf_last')!.value).toBe(r.measurement.lastToken.G_hf_last);
    expect(rows.find((x) => x.quantity === 'entropy_nats')!.value).toBe(r.measurement.entropyNats);
  });

  // The CLI re-runs the browser's experiment (same Hub stand-in, onnxruntime-node instead of WASM).
  let out = '';
  expect(await main(['reproduce', resultsPath, '--json'], (s) => (out += s))).toBe(0);
  const rep = JSON.parse(out);
  expect(rep.hashes.ok).toBe(true);
  expect(rep.comparison.ok).toBe(true);
  expect(rep.comparison.compared).toBeGreaterThan(200);
  expect(rep.comparison.maxRelErr).toBeLessThan(rep.comparison.tolerance);

  // A manifest naming other model bytes: reported as a hash mismatch, nothing re-run.
  results.manifest.model.files[0].sha256 = '0'.repeat(64);
  const tampered = info.outputPath('tampered.json');
  writeFileSync(tampered, JSON.stringify(results));
  out = '';
  expect(await main(['reproduce', tampered], (s) => (out += s))).toBe(5);
  expect(out).toMatch(/hash mismatch/);
});
