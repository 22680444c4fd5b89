/**
 * residual-lab CLI: the same engine as the browser, in Node on onnxruntime-node.
 *   residual-lab run SPEC.json [--out RESULTS.json]
 *   residual-lab generate --model CKPT --tokenizer TOK --prompt TEXT [--max-new-tokens N] [--temperature T] [--seed S]
 *   residual-lab measure --model CKPT --tokenizer TOK --prompt TEXT [--json]
 * --model/--tokenizer take a local path or hf://REPO[@REVISION]/PATH.
 */
import { parseArgs } from 'node:util';
import { readFile, writeFile } from 'node:fs/promises';
import { nodeLab } from './node-lab';
import { parseSpec, HUB_BASE_URL, ExperimentSpec, type FileRef } from '../src/io/spec';
import { GAIN_DEFINITIONS } from '../src/analysis/definitions';
import type { Lab } from '../src/runtime/lab';

const USAGE = `usage:
  residual-lab run SPEC.json [--out RESULTS.json]
  residual-lab generate --model CKPT --tokenizer TOK --prompt TEXT [--max-new-tokens N] [--temperature T] [--seed S]
  residual-lab measure --model CKPT --tokenizer TOK --prompt TEXT [--json]
  (--model and --tokenizer take a local path or hf://REPO[@REVISION]/PATH; --hub-base-url URL overrides the Hub)`;

export function fileRef(arg: string): FileRef {
  const m = /^hf:\/\/([^/@]+\/[^/@]+)(?:@([^/]+))?\/(.+)$/.exec(arg);
  return m ? { hub: { repo: m[1], revision: m[2] ?? 'main', path: m[3] } } : { local: arg };
}

async function loadFromArgs(lab: Lab, v: Record<string, string | boolean | undefined>): Promise<void> {
  if (typeof v.model !== 'string' || typeof v.tokenizer !== 'string') throw new Error('--model and --tokenizer are required');
  await lab.load({
    source: { kind: 'llama2c', checkpoint: fileRef(v.model), tokenizer: fileRef(v.tokenizer) },
    ep: 'auto',
    hubBaseUrl: typeof v['hub-base-url'] === 'string' ? v['hub-base-url'] : HUB_BASE_URL,
  });
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const [command, ...rest] = argv;
  const { values: v, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      tokenizer: { type: 'string' },
      prompt: { type: 'string' },
      'max-new-tokens': { type: 'string', default: '256' },
      temperature: { type: 'string', default: '0' },
      seed: { type: 'string', default: '0' },
      'top-k': { type: 'string', default: '10' },
      'hub-base-url': { type: 'string' },
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
        if (!v.prompt) throw new Error('--prompt is required and must not be empty');
        const m = await lab.measure(v.prompt, Number(v['top-k']));
        const spec = ExperimentSpec.parse({ model: lab.modelInfo()!.source, prompts: [v.prompt], measure: { topK: Number(v['top-k']) } });
        const results = { format: 'residual-lab/results@1', manifest: lab.manifest(), spec, results: [{ prompt: v.prompt, measurement: m }] };
        if (v.json) out(JSON.stringify(results, null, 2) + '\n');
        else {
          const g = m.lastToken;
          out(`prompt: ${JSON.stringify(v.prompt)} (${m.ids.length} tokens), last token\n`);
          out(`${GAIN_DEFINITIONS.G_hf_last.label} = ${g.G_hf_last.toFixed(6)}   (${GAIN_DEFINITIONS.G_hf_last.formula})\n`);
          out(`${GAIN_DEFINITIONS.G_hf_penult.label} = ${g.G_hf_penult?.toFixed(6) ?? 'undefined (L < 2)'}   (${GAIN_DEFINITIONS.G_hf_penult.formula})\n`);
          out(`G_block(L-1) = ${g.G_block[g.G_block.length - 1].toFixed(6)}   (${GAIN_DEFINITIONS.G_block.formula})\n`);
          out(`entropy = ${m.entropyNats.toFixed(6)} nats; top: ${m.topK.slice(0, 5).map((t) => `${JSON.stringify(t.token)} ${t.prob.toFixed(4)}`).join(', ')}\n`);
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
