/**
 * The Geometry view end to end on stories260K (local llama2.c files, WASM): the weight battery
 * cancelled midway (nothing half-done shown), run again to completion, its exported JSON checked
 * against numpy (fixtures/weights.reference.json); the embedding battery's export checked against
 * fixtures/embedding.reference.json (same seed, same sentences); every figure holds data.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { CKPT, TOK } from './support/lab-page';
import { GeometryPage } from './support/geometry-page';

const wref = JSON.parse(readFileSync('fixtures/weights.reference.json', 'utf8')).models.stories260K;
const eref = JSON.parse(readFileSync('fixtures/embedding.reference.json', 'utf8'));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

/** Largest relative error per check, printed at the end (the report's error figures). */
const worst: Record<string, number> = {};
function close(label: string, a: number, b: number, tol: number): void {
  const e = rel(a, b);
  worst[label] = Math.max(worst[label] ?? 0, e);
  expect(e, `${label}: ${a} vs ${b}`).toBeLessThan(tol);
}

test.afterAll(() => console.log('geometry e2e, largest relative errors:', JSON.stringify(worst)));

test('weight battery: cancel midway, run again, export checked against numpy; embedding battery export against numpy', async ({ page }) => {
  test.setTimeout(300_000);
  const lab = new GeometryPage(page);
  // Every setTimeout in the analysis worker waits >= 150 ms, so 36 matrices take >= 5 s: time for a cancel to land midway.
  await lab.paceAnalysisWorker(150);
  await lab.open();
  await lab.openGeometry();
  await expect(lab.id('geometry-no-model')).toBeVisible();
  await expect(lab.id('weights-run')).toBeDisabled();

  await lab.id('tab-model').click();
  await lab.loadLocal([CKPT, TOK], 'wasm');
  await lab.waitLoaded('wasm');
  await lab.openGeometry();
  await expect(lab.id('geometry-model')).toContainText('stories260K');

  // Cancel as soon as the progress names one of the first 20 matrices (polled every frame: expect's backoff can miss the window).
  await lab.id('weights-run').click();
  await page.waitForFunction(
    () => /singular values of \S+ \(\d+x\d+\), ([1-9]|1\d|20) of 36/.test(document.querySelector('[data-testid=weights-message]')?.textContent ?? ''),
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  await lab.id('weights-cancel').click();
  await expect(lab.status('weights')).toHaveAttribute('data-status', 'cancelled', { timeout: 60_000 });
  await expect(lab.id('weights-note')).toContainText('cancelled');
  await expect(lab.id('weights-result')).toHaveCount(0);
  await expect(lab.id('weights-table')).toHaveCount(0);
  await expect(lab.id('weights-download')).toBeDisabled();

  await lab.runToEnd('weights');
  await expect(lab.id('weights-note')).toHaveCount(0);
  await expect(page.getByTestId('weights-row')).toHaveCount(36);
  close('table.sMax', await lab.matrixCell('wq.0', 'sMax'), wref.matrices['wq.0'].metrics.spectral_norm, 1e-4);
  close('table.stableRank', await lab.matrixCell('mlp_out.4', 'stableRank'), wref.matrices['mlp_out.4'].metrics.stable_rank, 1e-5);

  const wdl = await lab.download('weights-download');
  expect(wdl.name).toBe('residual-lab-weights-stories260K.json');
  const w = JSON.parse(wdl.text);
  expect(w.format).toBe('residual-lab/weights@1');
  expect(w.manifest.executionProvider.used).toBe('wasm');
  expect(w.manifest.model.files[0].sha256).toBe('b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696');
  expect(w.matrices.map((m: { name: string }) => m.name).sort()).toEqual(Object.keys(wref.matrices).sort());
  for (const m of w.matrices) {
    const e = wref.matrices[m.name];
    expect([m.rows, m.cols], m.name).toEqual(e.shape);
    expect(m.singularValues).toHaveLength(e.singular_values.length);
    e.singular_values.forEach((s: number, i: number) => {
      if (s > 1e-6 * e.singular_values[0]) close('singularValues', m.singularValues[i], s, 1e-4);
    });
    close('frobeniusNorm', m.report.frobeniusNorm, e.metrics.frobenius_norm, 1e-6);
    close('stableRank', m.report.spectrum.stableRank, e.metrics.stable_rank, 1e-5);
    close('participationRatio', m.report.spectrum.participationRatio, e.metrics.participation_ratio, 1e-5);
    expect(m.report.spectrum.rank90Energy, m.name).toBe(e.metrics.rank90_energy);
    expect(m.report.spectrum.activeFraction, m.name).toBe(e.metrics.active_fraction);
    if (e.metrics.condition_number !== null) close('conditionNumber', m.report.spectrum.conditionNumber, e.metrics.condition_number, 1e-3);
    expect(m.esd.status, m.name).toBe(e.esd.status);
    if (e.esd.status === 'fitted') close('esd.alpha', m.esd.alpha, e.esd.alpha, 1e-4);
  }
  for (const [name, g] of Object.entries(w.norms) as [string, { mean: number; std: number; nHigh: number; nLow: number }][]) {
    const e = wref.norms[name];
    close('norms.mean', g.mean, e.mean, 1e-6);
    close('norms.std', g.std, e.std, 1e-6);
    expect([g.nHigh, g.nLow], name).toEqual([e.n_high, e.n_low]);
  }
  for (const [i, m] of w.mlp.entries()) {
    expect([m.result.dead, m.result.weak]).toEqual([wref.mlp[i].dead, wref.mlp[i].weak]);
    close('mlp.meanImportance', m.result.meanImportance, wref.mlp[i].mean_importance, 1e-6);
  }
  for (const [i, q] of w.qk.entries()) {
    q.result.heads.forEach((h: { stableRank: number; symmetryDeviation: number; nPositive: number; nNegative: number }, k: number) => {
      const e = wref.qk[i].heads[k];
      close('qk.stableRank', h.stableRank, e.stable_rank, 1e-5);
      close('qk.symmetryDeviation', h.symmetryDeviation, e.symmetry_deviation, 1e-5);
      expect([h.nPositive, h.nNegative]).toEqual([e.n_positive, e.n_negative]);
    });
  }
  for (const f of w.nullTest.families) {
    const e = wref.null_test.model.families[f.family];
    close('nullTest.meanCos', f.summary.meanCos, e.mean_cos, 1e-6);
    close('nullTest.rawResid', f.summary.rawResid, e.raw_resid, 1e-6);
    close('nullTest.scalarFit', f.summary.scalarFit, e.scalar_fit, 1e-6);
    f.scaleTrack.forEach((v: number, l: number) => close('nullTest.scaleTrack', v, e.scale_track[l], 1e-6));
  }

  // Figures: every singular value of the chosen kind, every eigenvalue in the ESD bars, the layer x layer heatmap, the scale track.
  await lab.id('geo-spectra-kind').selectOption('mlp_in');
  await expect.poll(() => lab.tracePoints('geo-fig-spectra')).toEqual([64, 64, 64, 64, 64]);
  await lab.id('geo-esd-matrix').selectOption('embed');
  await expect.poll(async () => (await lab.tracePoints('geo-fig-esd')).length).toBe(2);
  expect((await lab.tracePoints('geo-fig-null-cosine'))[0]).toBe(25);
  expect(await lab.tracePoints('geo-fig-scale-track')).toEqual(Array(w.nullTest.families.length).fill(5));
  const svg = await lab.exportFigure('geo-fig-spectra', 'svg');
  expect(svg.name).toBe('weights-spectra-mlp_in.svg');
  expect(svg.text).toContain('<svg');

  // The embedding battery, seed 42 as the reference.
  await expect(lab.id('embedding-seed')).toHaveValue(String(eref.rng_seed));
  await lab.runToEnd('embedding');
  const edl = await lab.download('embedding-download');
  const em = JSON.parse(edl.text);
  const S = eref.stories260K;
  const g = em.geometry;
  expect(em.format).toBe('residual-lab/embedding@1');
  expect([g.vocab, g.dim, g.seed]).toEqual([S.vocab, S.dim, eref.rng_seed]);
  for (const k of ['mean', 'std', 'min', 'max', 'median'] as const) close(`norms.${k}`, g.norms.summary[k], S.norms.summary[k], 1e-6);
  expect(g.norms.summary.histogram.counts).toEqual(S.norms.summary.histogram.counts);
  expect(g.cosines.nPairs).toBe(S.cosines.n_pairs);
  close('cosines.mean', g.cosines.summary.mean, S.cosines.summary.mean, 1e-6);
  close('cosines.std', g.cosines.summary.std, S.cosines.summary.std, 1e-6);
  close('spectrum.PR', g.spectrum.participationRatio, S.spectrum.participation_ratio, 1e-6);
  expect(g.spectrum.dimsFor).toEqual(S.spectrum.dims_for);
  close('simplices.ratio', g.simplices.ratio, S.simplices.ratio, 1e-6);
  expect(g.digits.ids).toEqual(S.digits.ids);
  close('digits.correlation', g.digits.correlation, S.digits.correlation, 1e-6);
  close('digits.gap', g.digits.gap, S.digits.gap, 1e-6);
  close('table.pr', await lab.embeddingCell('pr'), S.spectrum.participation_ratio, 1e-6);
  // Hidden states: the reference's boundaries are HF's hidden_states, [k] = resid_pre(k) for k < L and
  // [L] = ln_final's output; the lab has resid_pre(0..L-1), resid_post(L-1), ln_final (its forward on WASM vs PyTorch).
  const L = S.evolution.layers.length - 1;
  expect(em.sentences).toEqual(S.evolution.sentences.map((s: { text: string }) => s.text));
  expect(em.evolutionHooks).toEqual([...Array.from({ length: L }, (_, i) => `blocks.${i}.hook_resid_pre`), `blocks.${L - 1}.hook_resid_post`, 'ln_final.hook_normalized']);
  for (const l of S.evolution.layers) {
    const mine = em.evolution.layers[l.layer < L ? l.layer : L + 1];
    close('evolution.meanNorm', mine.meanNorm, l.mean_norm, 1e-4);
    close('evolution.meanCos', mine.meanCos, l.mean_cos, 1e-4);
  }

  const vocab = S.vocab;
  expect((await lab.tracePoints('geo-fig-emb-norms'))[0]).toBe(S.norms.summary.histogram.counts.length);
  expect((await lab.tracePoints('geo-fig-emb-cosines'))[0]).toBeGreaterThan(0);
  expect(await lab.tracePoints('geo-fig-emb-covariance')).toEqual([S.dim]);
  expect(await lab.tracePoints('geo-fig-hidden-norm')).toEqual([L + 2]);
  expect(await lab.tracePoints('geo-fig-hidden-cos')).toEqual([L + 2]);
  const normsSum = await lab.id('geo-fig-emb-norms').evaluate((el) => ((el as HTMLElement & { data: { y: number[] }[] }).data[0].y).reduce((a, b) => a + b, 0));
  expect(normsSum).toBe(vocab);
  const png = await lab.exportFigure('geo-fig-emb-norms', 'png');
  expect(png.name).toBe('embedding-norms.png');
});
