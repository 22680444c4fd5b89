/**
 * residual-lab CLI: the same engine as the browser, in Node on onnxruntime-node.
 *   residual-lab run SPEC.json [--out RESULTS.json]
  residual-lab import FILE [--json]   (a seed notebook's JSON/CSV result file, read into the lab's table)
  residual-lab reproduce RESULTS.json [--tolerance 1e-4] [--json]   (re-run an exported experiment; exit 4: numbers differ, 5: model files differ)
  residual-lab wordnet similarity|battery|stability|target ...   (seed 05 sections 2, 3, 8 with WordNet; see cli/wordnet.ts)
  residual-lab weights --model ... [--only wq.0,embed] [--json]   (every catalog matrix: singular values, metrics, ESD fit; QK, MLP, norms, null test)
  residual-lab embedding --model ... [--seed N] [--align MODEL [--align-tokenizer TOK] [--align-onnx PATH]] [--json]
  (static embedding geometry and hidden-state evolution, seed 05; --align: cross-model alignment over the shared vocabulary)
  residual-lab modulate --model ... --prompt TEXT|--ids 1,2 --alpha A [--layers 0,2] --target random:SEED|geo:SEED|steer:A.txt,B.txt|FILE [--max-new-tokens N] [--json]
  residual-lab sweep --model A --model B [--prompts PRESET|FILE] [--position last|mean] [--byte-ids] [--json]
  (--byte-ids: a model that ships no tokenizer gets each prompt's UTF-8 bytes as ids, no BOS)
    (PRESET: seed01-canonical, seed02-25 (default), seed03-25; a llama2.c model is CKPT,TOK)
 *   residual-lab generate --model CKPT --tokenizer TOK --prompt TEXT [--max-new-tokens N] [--temperature T] [--seed S]
 *   residual-lab measure --model CKPT --tokenizer TOK --prompt TEXT [--json]
 * --model/--tokenizer take a local path or hf://REPO[@REVISION]/PATH.
 */
import { parseArgs } from 'node:util';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { nodeLab } from './node-lab';
import { parseSpec, HUB_BASE_URL, ExperimentSpec, sourceLabel, type FileRef, type ModelSource } from '../src/io/spec';
import { GAIN_DEFINITIONS } from '../src/analysis/definitions';
import type { Lab } from '../src/runtime/lab';
import type { Measurement } from '../src/runtime/results';
import { runSweep } from '../src/runtime/sweep';
import { batteryJson, runWeightBattery } from '../src/runtime/weight-battery';
import { runEmbeddingBattery } from '../src/runtime/embedding-battery';
import { wordnetCommand } from './wordnet';
import { crossModelAlignment } from '../src/analysis/embedding/alignment';
import { checkHashes, compareResults, REPRODUCE_TOLERANCE } from '../src/io/reproduce';
import { ResultsFileSchema, type ResultsFile } from '../src/io/results';
import { modulateCommand } from './modulate';
import { trainAlphaCommand } from './train-alpha';
import { studyStatistics } from '../src/analysis/study-stats';
import { findPreset, parsePromptText } from '../src/io/prompt-sets';
import { importSeedFile } from '../src/io/seed-import';

const USAGE = `usage:
  residual-lab run SPEC.json [--out RESULTS.json]
  residual-lab generate --model CKPT --tokenizer TOK --prompt TEXT [--max-new-tokens N] [--temperature T] [--seed S]
  residual-lab measure --model CKPT --tokenizer TOK --prompt TEXT [--json]
  residual-lab measure --model DIR|FILE.onnx|OWNER/NAME[@REV] [--onnx PATH] (--prompt TEXT | --ids 3,17,42 [--encoder-ids 5,6,7]) [--json]
  (a T5 decoder_model.onnx loads its encoder_model.onnx too: --ids feed the decoder, --encoder-ids the encoder)
  (llama2.c --model/--tokenizer take a local path or hf://REPO[@REVISION]/PATH; --hub-base-url URL overrides the Hub)
  residual-lab wordnet similarity|battery|stability|target ... [--json]   (WordNet, seed 05 sections 2, 3, 8: residual-lab wordnet --help)
  residual-lab train-alpha --model ... [--epochs N] [--lr X] [--batch N] [--json] [--out trajectory.json]   (seed 05 section 9: train alpha, model frozen)`;

export function fileRef(arg: string): FileRef {
  const m = /^hf:\/\/([^/@]+\/[^/@]+)(?:@([^/]+))?\/(.+)$/.exec(arg);
  return m ? { hub: { repo: m[1], revision: m[2] ?? 'main', path: m[3] } } : { local: arg };
}

/**
 * --model forms: a llama2.c checkpoint (with --tokenizer); a Hugging Face folder (DIR); one ONNX
 * graph (FILE.onnx: its config.json sits beside it or one folder up); a Hub repo (OWNER/NAME[@REV]
 * or hf://OWNER/NAME[@REV]), optionally with --onnx PATH inside it.
 */
export function modelSource(v: Record<string, string | boolean | string[] | undefined>): ModelSource {
  const model = Array.isArray(v.model) ? v.model[0] : v.model;
  if (typeof model !== 'string') throw new Error('--model is required');
  const onnx = typeof v.onnx === 'string' ? v.onnx : undefined;
  if (typeof v.tokenizer === 'string') return { kind: 'llama2c', checkpoint: fileRef(model), tokenizer: fileRef(v.tokenizer) };
  if (existsSync(model)) {
    if (statSync(model).isDirectory()) return { kind: 'hf', location: { local: model }, onnx };
    if (!model.endsWith('.onnx')) throw new Error(`${model}: a llama2.c checkpoint needs --tokenizer; otherwise give a folder, an .onnx file or a Hub repo id`);
    const here = dirname(resolve(model));
    const root = existsSync(join(here, 'config.json')) ? here : dirname(here);
    return { kind: 'hf', location: { local: root }, onnx: relative(root, resolve(model)).split(sep).join('/') };
  }
  const m = /^(?:hf:\/\/)?([\w.-]+\/[\w.-]+)(?:@([\w./-]+))?$/.exec(model);
  if (!m) throw new Error(`${model}: no such file or folder, and not a Hub repo id (OWNER/NAME[@REVISION])`);
  return { kind: 'hf', location: { hub: { repo: m[1], revision: m[2] ?? 'main' } }, onnx };
}

/** A sweep's --model: the forms of modelSource, or CKPT,TOK for a llama2.c checkpoint with its tokenizer. */
function sweepSource(arg: string, v: Record<string, unknown>): ModelSource {
  const [ckpt, tok] = arg.split(',');
  if (tok) return { kind: 'llama2c', checkpoint: fileRef(ckpt), tokenizer: fileRef(tok) };
  return modelSource({ model: arg, onnx: typeof v.onnx === 'string' ? v.onnx : undefined });
}

/** A preset id (seed01-canonical, seed02-25, seed03-25) or a text file, one prompt a line. */
async function promptsFrom(arg: string): Promise<{ text: string; category?: string }[]> {
  const preset = findPreset(arg);
  const entries = preset ? preset.prompts : parsePromptText(await readFile(arg, 'utf8'));
  return entries.map((p) => ({ text: p.text, category: p.category ?? undefined }));
}

/** The options every model-loading command takes (see modelSource); spread into parseArgs' options. */
export const MODEL_OPTIONS = {
  model: { type: 'string' },
  tokenizer: { type: 'string' },
  onnx: { type: 'string' },
  'hub-base-url': { type: 'string' },
} as const;

/** Load the model MODEL_OPTIONS name (the Hub at --hub-base-url, default huggingface.co). */
export async function loadFromArgs(lab: Lab, v: Record<string, string | boolean | string[] | undefined>): Promise<void> {
  await lab.load({
    source: modelSource(v),
    ep: 'auto',
    hubBaseUrl: typeof v['hub-base-url'] === 'string' ? v['hub-base-url'] : HUB_BASE_URL,
  });
}

function parseIds(text: string): number[] {
  const ids = text.split(/[\s,]+/).filter(Boolean).map(Number);
  if (!ids.length || ids.some((i) => !Number.isInteger(i) || i < 0)) throw new Error(`--ids must be non-negative integers separated by commas, got '${text}'`);
  return ids;
}

function describe(m: Measurement): string {
  const g = m.lastToken;
  return [
    `input: ${m.prompt === null ? `ids [${m.ids.join(', ')}]` : JSON.stringify(m.prompt)} (${m.ids.length} tokens), last token`,
    `${GAIN_DEFINITIONS.G_hf_last.label} = ${g.G_hf_last.toFixed(6)}   (${GAIN_DEFINITIONS.G_hf_last.formula})`,
    `${GAIN_DEFINITIONS.G_hf_penult.label} = ${g.G_hf_penult?.toFixed(6) ?? 'undefined (L < 2)'}   (${GAIN_DEFINITIONS.G_hf_penult.formula})`,
    `G_block(L-1) = ${g.G_block[g.G_block.length - 1].toFixed(6)}   (${GAIN_DEFINITIONS.G_block.formula})`,
    `entropy = ${m.entropyNats.toFixed(6)} nats; top: ${m.topK.slice(0, 5).map((t) => `${JSON.stringify(t.token)} ${t.prob.toFixed(4)}`).join(', ')}`,
    '',
  ].join('\n');
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const [command, ...rest] = argv;
  // modulate has its own options (--alpha, --layers, --target): its module parses them.
  if (command === 'modulate') return modulateCommand(rest, out);
  if (command === 'wordnet') return wordnetCommand(rest, out);
  if (command === 'train-alpha') return trainAlphaCommand(rest, out);
  const { values: v, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      model: { type: 'string', multiple: true },
      prompts: { type: 'string' },
      position: { type: 'string' },
      tokenizer: { type: 'string' },
      onnx: { type: 'string' },
      ids: { type: 'string' },
      'encoder-ids': { type: 'string' },
      prompt: { type: 'string' },
      'max-new-tokens': { type: 'string', default: '256' },
      temperature: { type: 'string', default: '0' },
      seed: { type: 'string', default: '0' },
      'top-k': { type: 'string', default: '10' },
      'hub-base-url': { type: 'string' },
      'byte-ids': { type: 'boolean' },
      only: { type: 'string' },
      layer: { type: 'string' },
      seeds: { type: 'string' },
      tolerance: { type: 'string' },
      align: { type: 'string' },
      'align-tokenizer': { type: 'string' },
      'align-onnx': { type: 'string' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const lab = nodeLab();
  try {
    switch (command) {
      case 'run': {
        if (!positionals[0]) throw new Error('run needs a SPEC.json');
        const spec = parseSpec(JSON.parse(await readFile(positionals[0], 'utf8')));
        await lab.load({ source: spec.model, ep: spec.options.executionProvider, hubBaseUrl: spec.options.hubBaseUrl });
        const results = await lab.runSpec(spec);
        const text = JSON.stringify(results, null, 2) + '\n';
        if (v.out) await writeFile(v.out, text);
        else out(text);
        return 0;
      }
      case 'generate': {
        await loadFromArgs(lab, v);
        if (v.prompt === undefined) throw new Error('--prompt is required (use --prompt "" to start from BOS)');
        const g = await lab.generate({ prompt: v.prompt, maxNewTokens: Number(v['max-new-tokens']), temperature: Number(v.temperature), seed: Number(v.seed) });
        out(g.text + '\n');
        return 0;
      }
      case 'measure': {
        await loadFromArgs(lab, v);
        const info = lab.modelInfo()!;
        const ids = typeof v.ids === 'string' ? parseIds(v.ids) : undefined;
        if (!ids && !v.prompt) throw new Error(info.hasTokenizer ? '--prompt TEXT or --ids 1,2,3 is required' : 'this model ships no tokenizer: give --ids 3,17,42');
        const encoderIds = typeof v['encoder-ids'] === 'string' ? parseIds(v['encoder-ids']) : undefined;
        const input: { ids: number[]; encoderIds?: number[] } | { prompt: string } = ids ? { ids, encoderIds } : { prompt: v.prompt as string };
        const taps = await lab.taps(input);
        const m = info.logitsAvailable && info.taps.length ? ('ids' in input ? await lab.measureIds(input.ids, Number(v['top-k']), input.encoderIds) : await lab.measure(input.prompt, Number(v['top-k']))) : null;
        const spec = ExperimentSpec.parse({ model: info.source, ...('ids' in input ? { ids: [input.ids] } : { prompts: [input.prompt] }), measure: { topK: Number(v['top-k']) } });
        if (v.json) {
          const results = { format: 'residual-lab/results@1', manifest: lab.manifest(), spec, taps, results: m ? [{ prompt: m.prompt, measurement: m }] : [] };
          out(JSON.stringify(results, null, 2) + '\n');
        } else if (m) out(describe(m));
        else out(`${Object.keys(taps.taps).length} taps measured (no logits: use --json for the numbers)\n`);
        return 0;
      }
      case 'import': {
        if (!positionals[0]) throw new Error('import needs a FILE (a seed notebook result: JSON or CSV)');
        const imported = importSeedFile(basename(positionals[0]), await readFile(positionals[0], 'utf8'));
        if (v.json) out(JSON.stringify({ ...imported, table: 'residual-lab/imported@1', definitions: GAIN_DEFINITIONS }, null, 2) + '\n');
        else for (const r of imported.rows) out(`${r.model}: ${r.definition} = ${r.gainMean.toFixed(4)}${r.gainStd !== undefined ? ` ± ${r.gainStd.toFixed(4)}` : ''} (${r.source.column})\n`);
        for (const w of imported.warnings) process.stderr.write(`warning: ${w}\n`);
        return 0;
      }
      case 'sweep': {
        const models = ((v.model as string[] | undefined) ?? []).map((m) => sweepSource(m, v));
        if (models.length === 0) throw new Error('sweep needs at least one --model');
        const prompts = await promptsFrom(typeof v.prompts === 'string' ? v.prompts : 'seed02-25');
        const position = v.position === 'mean' ? 'mean' : 'last';
        const sweep = await runSweep(lab, { models, prompts, position, ep: 'auto', hubBaseUrl: typeof v['hub-base-url'] === 'string' ? v['hub-base-url'] : HUB_BASE_URL, tokenizerless: v['byte-ids'] ? 'bytes' : 'fail' }, (p) => v.json || process.stderr.write(`${p.message}\n`));
        const done = sweep.models.filter((m) => m.card && m.rows.length);
        const studyModels = done.map((m) => ({ name: sourceLabel(m.source), rho: m.card!.rho, rows: m.rows }));
        const statistics = (['G_block', 'G_hf_last', 'G_hf_penult'] as const).map((definition) => studyStatistics(studyModels, { definition, position }));
        const report = { format: 'residual-lab/study@1', appVersion: lab.modelInfo()?.appVersion, definitions: GAIN_DEFINITIONS, position, prompts, sweep, statistics };
        if (v.json) out(JSON.stringify(report, null, 2) + '\n');
        else for (const m of sweep.models) out(`${sourceLabel(m.source)}: ${m.status}${m.error ? ` (${m.error})` : ''}${m.summary ? `, G_block(L-1) = ${m.summary.G_block_last.mean.toFixed(4)} ± ${m.summary.G_block_last.std?.toFixed(4) ?? 'n/a'} over ${m.summary.nPrompts} prompts (${position} token)` : ''}\n`);
        return sweep.models.some((m) => m.status === 'failed') ? 3 : 0;
      }
      case 'embedding': {
        await lab.load({ source: modelSource(v), ep: 'auto', hubBaseUrl: typeof v['hub-base-url'] === 'string' ? v['hub-base-url'] : HUB_BASE_URL });
        const info = lab.modelInfo()!;
        const battery = await runEmbeddingBattery(
          { listing: () => lab.weightList(), read: (n) => lab.weight(n), pieces: () => (info.hasTokenizer ? lab.pieces() : null), residualStates: (i) => lab.residualStates(i) },
          { seed: rest.some((a) => a.startsWith('--seed')) ? Number(v.seed) : 42, onProgress: (p) => v.json || process.stderr.write(`${p.message}\n`) },
        );
        // Cross-model alignment (seed 05 13b): the second model's embedding over the shared vocabulary.
        let alignment = null;
        if (typeof v.align === 'string') {
          const a = lab.weight('embed');
          const [vocabA, dA] = [info.card.vocabSize, info.card.dModel];
          await lab.load({ source: modelSource({ model: v.align, tokenizer: v['align-tokenizer'], onnx: v['align-onnx'] }), ep: 'auto', hubBaseUrl: typeof v['hub-base-url'] === 'string' ? v['hub-base-url'] : HUB_BASE_URL });
          const b = lab.weight('embed');
          const dB = lab.modelInfo()!.card.dModel;
          const n = Math.min(vocabA, lab.modelInfo()!.card.vocabSize);
          alignment = { tokens: n, note: 'token ids 0..n-1 of both models are taken to be the same tokens', result: crossModelAlignment(a.subarray(0, n * dA), dA, b.subarray(0, n * dB), dB, n, { seed: 42 }) };
        }
        if (v.json) out(batteryJson({ manifest: lab.manifest(), ...battery, alignment }, 1) + '\n');
        else {
          const g = battery.geometry;
          out(`embedding [${g.vocab} x ${g.dim}]: norm mean ${g.norms.summary.mean.toPrecision(5)}; sampled cosine mean ${g.cosines.summary.mean.toPrecision(4)}; PR ${g.spectrum.participationRatio.toPrecision(4)}\n`);
          if (battery.evolution) for (const l of battery.evolution.layers) out(`boundary ${l.layer}: mean norm ${l.meanNorm.toPrecision(5)}, mean token cosine ${l.meanCos.toPrecision(4)}\n`);
          out('--json for every number\n');
        }
        return 0;
      }
      case 'reproduce': {
        if (!positionals[0]) throw new Error('reproduce needs a RESULTS.json (an exported experiment: spec + manifest + numbers)');
        const stored = ResultsFileSchema.parse(JSON.parse(await readFile(positionals[0], 'utf8'))) as unknown as ResultsFile;
        const spec = parseSpec(stored.spec);
        const tolerance = typeof v.tolerance === 'string' ? Number(v.tolerance) : REPRODUCE_TOLERANCE;
        const info = await lab.load({ source: spec.model, ep: 'auto', hubBaseUrl: spec.options.hubBaseUrl });
        const hashes = checkHashes(stored.manifest.model.files, info.files);
        const report = hashes.ok ? compareResults(stored, await lab.runSpec(spec), tolerance) : null;
        const result = { format: 'residual-lab/reproduce@1', file: positionals[0], hashes, comparison: report, storedManifest: stored.manifest, now: lab.manifest() };
        if (v.json) out(JSON.stringify(result, null, 2) + '\n');
        else if (!hashes.ok) out(`model files differ from the manifest:\n${hashes.problems.map((p) => `  ${p}`).join('\n')}\n`);
        else {
          out(`${report!.ok ? 'reproduced' : 'NOT reproduced'}: ${report!.compared} numbers compared, max relative difference ${report!.maxRelErr.toExponential(2)} (tolerance ${tolerance}), ${report!.over} over it\n`);
          for (const s of report!.structure.slice(0, 20)) out(`  ${s}\n`);
          for (const d of report!.worst.slice(0, report!.ok ? 3 : 20)) out(`  ${d.path}: stored ${d.stored}, now ${d.fresh} (rel ${d.relErr.toExponential(2)})\n`);
        }
        return !hashes.ok ? 5 : report!.ok ? 0 : 4;
      }
      case 'weights': {
        await lab.load({ source: modelSource(v), ep: 'auto', hubBaseUrl: typeof v['hub-base-url'] === 'string' ? v['hub-base-url'] : HUB_BASE_URL });
        const only = typeof v.only === 'string' ? v.only.split(',').map((x) => x.trim()).filter(Boolean) : undefined;
        const battery = await runWeightBattery({ listing: () => lab.weightList(), read: (n) => lab.weight(n) }, { only, onProgress: (p) => v.json || process.stderr.write(`${p.message}\n`) });
        if (v.json) out(batteryJson({ manifest: lab.manifest(), ...battery }, 1) + '\n');
        else {
          for (const m of battery.matrices) {
            const sp = m.report.spectrum;
            const alpha = m.esd.status === 'fitted' ? `alpha ${m.esd.alpha.toFixed(3)}` : `ESD ${m.esd.status}`;
            out(`${m.name.padEnd(18)} ${`${m.rows}x${m.cols}`.padEnd(10)} s_max ${m.report.spectralNorm.toPrecision(5)}  stable rank ${sp ? sp.stableRank.toFixed(2) : 'n/a'}  ${alpha}\n`);
          }
          out(`${battery.matrices.length} matrices (${battery.layout}); singular values in ${(battery.timing.svdMs / 1000).toFixed(2)} s; --json for every number\n`);
        }
        return 0;
      }
      default:
        out(USAGE + '\n');
        return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
    }
  } finally {
    await lab.unload();
  }
}
