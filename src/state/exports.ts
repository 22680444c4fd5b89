/**
 * The two exports, built from the state: the experiment spec (model source, measured prompts,
 * parameters; validated by the zod schema) and the results file (manifest + every measurement
 * of this session for the loaded model).
 */
import { parseSpec, type ExperimentSpec, type ModelSource } from '../io/spec';
import { buildManifest, RESULTS_FORMAT, type ResultsFile } from '../io/results';
import type { LabState } from './store';

/** The model source the form describes (what Load will load). */
export function sourceFromForm(s: Pick<LabState, 'sourceKind' | 'hub' | 'local'>): ModelSource {
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

/** The prompts measured in this session; before any measurement, the prompt being typed. */
function specPrompts(s: LabState): string[] {
  const measured = [...new Set(s.results.flatMap((r) => (r.prompt === null ? [] : [r.prompt])))];
  if (measured.length) return measured;
  if (s.prompt.text.length) return [s.prompt.text];
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
    prompts: specPrompts(s),
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
  const manifest = buildManifest({
    appVersion: info.appVersion,
    source: info.source,
    files: info.files,
    card: info.card,
    ep: info.ep,
    onnxruntime: info.onnxruntime,
    platform: info.platform,
  });
  return { format: RESULTS_FORMAT, manifest, spec: buildSpec(s), results: s.results };
}
