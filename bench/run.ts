/**
 * `npm run bench`: forward-with-taps latency of stories260K at sequence length 64, median of
 * repeated runs, in Chromium (WebGPU and WASM, through the built app's worker) and in the CLI
 * engine (onnxruntime-node). Writes bench/report.json. Nothing here is asserted by tests.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, arch } from 'node:os';
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { nodeLab } from '../cli/node-lab';
import { resolve } from 'node:path';
import { decodeModel } from '../src/onnx/proto';
import { addTaps, findResidualStructure } from '../src/onnx/taps';
import { gainHooks } from '../src/model/hooks';
import { STORIES260K } from '../src/io/spec';
import { chromiumLaunch } from '../playwright.config';
import { startHubServer, HUB_URL } from '../e2e/support/hub-server';
import { svdBench } from './svd';
import { benchSlider } from './slider';
import { benchWordNet } from './wordnet';
import { benchTrainAlpha } from './train-alpha';
import { median } from './median';

const SEQ = 64;
const REPEATS = { cli: 50, wasm: 30, webgpu: 5 };
const APP = 'http://localhost:5173';

async function cli(report: Record<string, unknown>) {
  const lab = nodeLab();
  await lab.load({ source: STORIES260K, ep: 'auto', hubBaseUrl: HUB_URL });
  report.forward_taps_ms_cli = median(await lab.benchForward(SEQ, true, REPEATS.cli));
  report.forward_plain_ms_cli = median(await lab.benchForward(SEQ, false, REPEATS.cli));
  // Alpha training: median ms per optimizer step (batch 32, 11 batch losses), the CLI engine.
  await lab.load({ source: STORIES260K, ep: 'auto', hubBaseUrl: HUB_URL });
  const ta = await benchTrainAlpha(lab);
  report.train_alpha_step_ms_stories260k = ta.metrics.train_alpha_step_ms_stories260k;
  trainAlphaMeta = ta.meta;
  await lab.unload();
}

let trainAlphaMeta: unknown = null;

/** The hf-tiny fixture graphs: forward with taps (CLI engine, 16 tokens) and the surgery itself. */
const FIXTURES = ['gpt2/opset14/model.onnx', 'gpt2/opset17/model.onnx', 'gpt_neox/opset14/model.onnx', 'gpt_neox/opset17/model.onnx', 'llama/opset14/model.onnx', 'llama/opset14/decoder_model_merged.onnx', 't5/opset14/encoder_model.onnx', 't5/opset14/decoder_model.onnx'];

async function fixtures(report: Record<string, unknown>) {
  const dir = resolve(process.cwd(), '../shared/fixtures/hf-tiny');
  for (const f of FIXTURES) {
    const key = f.replace(/\.onnx$/, '').replace(/[/.]/g, '_');
    const model = decodeModel(readFileSync(resolve(dir, f)));
    const times: number[] = [];
    for (let r = 0; r < 20; r++) {
      const t0 = performance.now();
      addTaps(model, findResidualStructure(model), gainHooks(findResidualStructure(model).blocks.length));
      times.push(performance.now() - t0);
    }
    report[`surgery_ms_${key}`] = median(times);
    const lab = nodeLab();
    await lab.load({ source: { kind: 'hf', location: { local: resolve(dir, f.split('/')[0]) }, onnx: f.slice(f.indexOf('/') + 1) }, ep: 'auto' });
    report[`forward_taps_ms_${key}`] = median(await lab.benchForward(16, true, REPEATS.cli));
    await lab.unload();
  }
}

async function waitFor(url: string, ms = 60_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

async function browser(report: Record<string, unknown>, meta: Record<string, unknown>) {
  const preview = spawn('npx', ['vite', 'preview', '--port', '5173', '--strictPort'], { stdio: 'ignore', detached: true });
  try {
    await waitFor(APP);
    const b = await chromium.launch(chromiumLaunch);
    meta.browser = `chromium ${b.version()}`;
    const page = await b.newPage();
    await page.goto(`${APP}/?expose`);
    await page.waitForFunction(() => 'residualLab' in globalThis);
    for (const ep of ['wasm', 'webgpu'] as const) {
      const r = await page.evaluate(
        async ({ ep, source, hub, seq, repeats }) => {
          const lab = (globalThis as unknown as { residualLab: import('../src/runtime/client').RemoteLab }).residualLab;
          const info = await lab.load({ source, ep, hubBaseUrl: hub });
          const taps = await lab.benchForward(seq, true, repeats);
          const plain = await lab.benchForward(seq, false, repeats);
          return { taps, plain, used: info.ep.ep, reason: info.ep.reason, adapter: info.ep.adapter };
        },
        { ep, source: STORIES260K, hub: HUB_URL, seq: SEQ, repeats: REPEATS[ep] },
      );
      if (r.used !== ep) throw new Error(`asked for ${ep}, ran on ${r.used}`);
      report[`forward_taps_ms_${ep}`] = median(r.taps);
      report[`forward_plain_ms_${ep}`] = median(r.plain);
      meta[`ep_${ep}`] = r.reason;
      if (r.adapter) meta.webgpu_adapter = r.adapter;
    }
    // Slider latency of the Modulator view (new alpha to the 32-token modulated continuation on screen).
    for (const ep of ['wasm', 'webgpu'] as const) {
      // 50 moves on both (the count); on SwiftShader a WebGPU move takes seconds, so its warm-up is short.
      const r = await benchSlider(page, { ep, hubBaseUrl: HUB_URL, moves: 50, warmup: ep === 'webgpu' ? 2 : 10 });
      Object.assign(report, r.metrics);
      meta[`slider_${ep}`] = r.meta;
    }
    // WordNet battery (one seed, warm: asset and lemma ids cached), Run click to result on screen.
    const wn = await benchWordNet(page, { hubBaseUrl: HUB_URL });
    Object.assign(report, wn.metrics);
    meta.wordnet_battery = wn.meta;
    await page.goto(`${APP}/?expose`);
    await page.waitForFunction(() => 'residualLab' in globalThis);
    await svdBench(page, report, meta);
    await b.close();
  } finally {
    if (preview.pid) process.kill(-preview.pid);
  }
}

const report: Record<string, unknown> = {};
const installed = (name: string) => (JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
const meta: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: `${platform()}-${arch()}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  node: process.version,
  versions: { app: (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version, 'onnxruntime-web': installed('onnxruntime-web'), 'onnxruntime-node': installed('onnxruntime-node'), playwright: installed('@playwright/test') },
  model: 'stories260K (llama2.c, 5 layers, d_model 64)',
  sequence_length: SEQ,
  repeats: REPEATS,
  statistic: 'median ms per forward pass after one warm-up run',
  fixtures: 'forward_taps_ms_<fixture>: hf-tiny graph, 16 tokens, CLI engine (onnxruntime-node CPU); surgery_ms_<fixture>: structure search + adding the gain taps (median of 20)',
  taps: 'forward_taps_*: the 6 residual boundaries + final-norm output + logits as outputs; forward_plain_*: logits only',
};
const hub = await startHubServer();
try {
  await cli(report);
  meta.train_alpha = trainAlphaMeta;
  await fixtures(report);
  await browser(report, meta);
} finally {
  hub.close();
}
writeFileSync(new URL('./report.json', import.meta.url), JSON.stringify({ ...report, meta }, null, 2) + '\n');
console.log(JSON.stringify({ ...report, meta }, null, 2));
