/// <reference lib="webworker" />
/** Model worker: a thin Comlink adapter around a Lab running onnxruntime-web (WebGPU build, WASM inside). */
import * as Comlink from 'comlink';
import * as ort from 'onnxruntime-web/webgpu';
import { installConsoleTap } from '../src/runtime/session';
import { Lab } from '../src/runtime/lab';
import { browserPlatform } from '../src/runtime/browser-platform';
import { NotFoundError } from '../src/model/sources';
import { listCached, deleteCached } from '../src/model/cache';
import { runSweep, type SweepRequest } from '../src/runtime/sweep';
import type { ProgressFn } from '../src/runtime/jobs';
import { benchGpt2SmallSvd } from '../src/linalg/bench/gpt2-small';

// @huggingface/transformers (the tokenizers) points onnxruntime at a CDN when it is imported; the lab
// serves onnxruntime's own files and reaches no network but the Hub, so undo that.
ort.env.wasm.wasmPaths = undefined;
// Before onnxruntime's WASM module starts (at the first session), so its log can be read.
installConsoleTap();
// No cross-origin isolation here, so no SharedArrayBuffer: one WASM thread, said plainly.
ort.env.wasm.numThreads = 1;
// Verbose at the environment so a session can ask for its placement log; sessions default to errors only.
ort.env.logLevel = 'verbose';

const dropped = new Map<string, File>();
const lab = new Lab(ort, browserPlatform(ort.env, __APP_VERSION__), async (name) => {
  const f = dropped.get(name);
  if (!f) throw new NotFoundError(`no local file named '${name}' was given: drop it on the page again`);
  return f.arrayBuffer();
});

const sweepsCancelled = new Set<string>();

const api = {
  /** Local files the user dropped or picked, addressed by name in model sources. */
  addFiles(files: (File | { path: string; file: File })[], replace = false): string[] {
    // A new folder replaces the old one: a file it lacks must not be read from an earlier drop.
    if (replace) dropped.clear();
    // A dropped folder gives paths relative to it (config.json, onnx/model.onnx): those name the files.
    for (const f of files) {
      if (f instanceof File) dropped.set(f.name, f);
      else dropped.set(f.path, f.file);
    }
    return [...dropped.keys()];
  },
  probe: () => lab.probe(),
  load: (...a: Parameters<Lab['load']>) => lab.load(...a),
  cancel: (jobId: string) => lab.cancel(jobId),
  tokenize: (text: string) => lab.tokenize(text),
  measure: (...a: Parameters<Lab['measure']>) => lab.measure(...a),
  generate: (...a: Parameters<Lab['generate']>) => lab.generate(...a),
  runSpec: (...a: Parameters<Lab['runSpec']>) => lab.runSpec(...a),
  modelInfo: () => lab.modelInfo(),
  manifest: () => lab.manifest(),
  unload: () => lab.unload(),
  taps: (...a: Parameters<Lab['taps']>) => lab.taps(...a),
  measureIds: (...a: Parameters<Lab['measureIds']>) => lab.measureIds(...a),
  generateIds: (...a: Parameters<Lab['generateIds']>) => lab.generateIds(...a),
  /** Original vs modulated continuation (issue 7); a newer call cancels the stale one. */
  modulate: (...a: Parameters<Lab['modulate']>) => lab.modulate(...a),
  modulatedStates: (...a: Parameters<Lab['modulatedStates']>) => lab.modulatedStates(...a),
  residualStats: (...a: Parameters<Lab['residualStats']>) => lab.residualStats(...a),
  modulatorShape: () => lab.modulatorShape(),
  geometricTarget: (...a: Parameters<Lab['geometricTarget']>) => lab.geometricTarget(...a),
  listCached: () => listCached(),
  deleteCached: (repo: string, revision?: string) => deleteCached(repo, revision),
  /** A sweep over several models (see src/runtime/sweep.ts); cancel with cancelSweep(jobId). */
  runSweep: (req: SweepRequest, onProgress?: ProgressFn, jobId?: string) =>
    runSweep(lab, req, onProgress, () => jobId !== undefined && sweepsCancelled.has(jobId)).finally(() => jobId && sweepsCancelled.delete(jobId)),
  cancelSweep: (jobId: string) => {
    sweepsCancelled.add(jobId);
  },
  benchForward: (...a: Parameters<Lab['benchForward']>) => lab.benchForward(...a),
  /** The benchmark's CPU singular-value workload (GPT-2-small shapes), run in this worker. */
  benchSvd: (seed?: number, limit?: number) => benchGpt2SmallSvd(seed, limit),
};

export type ModelWorkerApi = typeof api;
Comlink.expose(api);
