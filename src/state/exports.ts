/**
 * The two exports, built from the state: the experiment spec (model source, measured prompts,
 * parameters; validated by the zod schema) and the results file (manifest + every measurement
 * of this session for the loaded model).
 */
import { parseSpec, type ExperimentSpec, type ModelSource } from '../io/spec';
import { manifestFor, RESULTS_FORMAT, type ResultsFile } from '../io/results';
import type { LabState } from './store';
import { autoOnnx, onnxFiles } from './local-files';
import { parseTokenIds } from './token-ids';
import { ONNX_AUTO_ORDER } from './onnx-candidates';

const REPO_ID = /^[\w.-]+\/[\w.-]+$/;

/** The model source the form describes (what Load will load). */
export function sourceFromForm(s: Pick<LabState, 'sourceKind' | 'hub' | 'hf' | 'local'>): ModelSource {
  if (s.sourceKind === 'hf') {
    const repo = s.hf.repo.trim();
    if (!repo) throw new Error('type a Hugging Face repo id (owner/name, e.g. Xenova/gpt2) or pick one from the list');
    if (!REPO_ID.test(repo)) throw new Error(`'${repo}' is not a Hub repo id: it should look like owner/name (e.g. Xenova/gpt2)`);
    const onnx = s.hf.onnx.trim();
    return { kind: 'hf', location: { hub: { repo, revision: s.hf.revision.trim() || 'main' } }, ...(onnx ? { onnx } : {}) };
  }
  if (s.sourceKind === 'local' && s.local.mode === 'hf') {
    // Resolved here, from the files of this folder: the worker may still hold files of a folder dropped earlier.
    const onnx = s.local.onnx || autoOnnx(s.local.files, ONNX_AUTO_ORDER);
    if (!onnx) throw new Error('the dropped folder has config.json but no ONNX graph (*.onnx): drop a folder exported with Optimum or transformers.js');
    if (!onnxFiles(s.local.files).some((f) => f.name === onnx)) throw new Error(`the dropped folder has no ${onnx}`);
    return { kind: 'hf', location: { local: '' }, onnx };
  }
  if (s.sourceKind === 'hub') {
    const { repo, revision, checkpointPath, tokenizerPath } = s.hub;
    if (!repo.trim() || !checkpointPath.trim() || !tokenizerPath.trim()) {
      throw new Error('fill in the Hub repo and both file paths (checkpoint and tokenizer)');
    }
    const hub = (path: string) => ({ hub: { repo: repo.trim(), revision: revision.trim() || 'main', path: path.trim() } });
    return { kind: 'llama2c', checkpoint: hub(checkpointPath), tokenizer: hub(tokenizerPath) };
  }
  const { checkpoint, tokenizer, files } = s.local;
  if (files.length === 0) throw new Error('drop or pick the two model files first: a llama2.c checkpoint (*.bin) and its tokenizer (tok*.bin)');
  if (!checkpoint || !tokenizer) throw new Error('choose which local file is the checkpoint and which is the tokenizer');
  if (checkpoint === tokenizer) throw new Error('the checkpoint and the tokenizer must be two different files');
  return { kind: 'llama2c', checkpoint: { local: checkpoint }, tokenizer: { local: tokenizer } };
}

/**
 * The inputs measured in this session (text prompts, or token ids for a model without a tokenizer);
 * before any measurement, the prompt being typed.
 */
function specInputs(s: LabState): { prompts?: string[]; ids?: number[][] } {
  const prompts = [...new Set(s.results.flatMap((r) => (r.prompt === null ? [] : [r.prompt])))];
  const byKey = new Map<string, number[]>();
  for (const r of s.results) if (r.prompt === null) byKey.set(r.measurement.ids.join(), r.measurement.ids);
  const ids = [...byKey.values()];
  if (prompts.length || ids.length) return { ...(prompts.length ? { prompts } : {}), ...(ids.length ? { ids } : {}) };
  if (s.model && !s.model.hasTokenizer) return { ids: [parseTokenIds(s.prompt.text)] };
  if (s.prompt.text.length) return { prompts: [s.prompt.text] };
  throw new Error('nothing to export yet: type a prompt (or measure one) first');
}

export function buildSpec(s: LabState): ExperimentSpec {
  const model = s.model?.source ?? sourceFromForm(s);
  const gv = s.generation;
  const g = gv?.result;
  return parseSpec({
    version: 1,
    name: 'residual-lab session',
    model,
    ...specInputs(s),
    measure: {
      gains: true,
      topK: s.measurement?.topK.length || 10,
      ...(gv && g ? { generate: { maxNewTokens: gv.maxNewTokens, temperature: g.temperature, seed: g.seed ?? 0, topP: 1 } } : {}),
    },
    options: s.loadedWith ?? { executionProvider: s.ep, hubBaseUrl: s.hub.baseUrl.trim() || undefined },
  });
}

export function buildResultsFile(s: LabState): ResultsFile {
  const info = s.model;
  if (!info) throw new Error('no model is loaded: load one and measure a prompt before exporting results');
  if (s.results.length === 0) throw new Error('no measurements yet: press Measure before exporting results');
  return { format: RESULTS_FORMAT, manifest: manifestFor(info), spec: buildSpec(s), results: s.results };
}
