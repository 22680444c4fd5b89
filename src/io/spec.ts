/**
 * Experiment spec: what to load, which prompts, what to measure. The same JSON runs in the
 * browser (exported from the UI) and headless (`residual-lab run SPEC.json`).
 */
import { z } from 'zod';

export const HUB_BASE_URL = 'https://huggingface.co';

export const HubFile = z.object({
  repo: z.string().min(1).describe('Hub repo id, e.g. karpathy/tinyllamas'),
  revision: z.string().min(1).default('main'),
  path: z.string().min(1).describe('file path inside the repo'),
});
export type HubFile = z.infer<typeof HubFile>;

/** A file from the Hub, or a local file: a path for the CLI, the dropped file's name in the browser. */
export const FileRef = z.union([z.object({ hub: HubFile }), z.object({ local: z.string().min(1) })]);
export type FileRef = z.infer<typeof FileRef>;

export const HubRepo = z.object({ repo: z.string().min(1), revision: z.string().min(1).default('main') });

/**
 * A Hugging Face model folder (transformers.js / Optimum layout: config.json, tokenizer.json,
 * onnx/*.onnx): a Hub repo, or a local folder (a path for the CLI; '' for files dropped in the browser).
 * `onnx` picks the graph inside it; without it the lab takes the most exact variant present.
 */
export const HfSource = z.object({
  kind: z.literal('hf'),
  location: z.union([z.object({ hub: HubRepo }), z.object({ local: z.string() })]),
  onnx: z.string().min(1).optional(),
});
export type HfSource = z.infer<typeof HfSource>;

export const ModelSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('llama2c'), checkpoint: FileRef, tokenizer: FileRef }),
  HfSource,
]);
export type ModelSource = z.infer<typeof ModelSource>;

export const ExecutionProviderChoice = z.enum(['auto', 'webgpu', 'wasm']);

export const ExperimentSpec = z.object({
  version: z.literal(1).default(1),
  name: z.string().optional(),
  model: ModelSource,
  prompts: z.array(z.string()).min(1).optional(),
  /** token-id sequences, for models that ship no tokenizer */
  ids: z.array(z.array(z.number().int().min(0)).min(1)).min(1).optional(),
  measure: z
    .object({
      gains: z.boolean().default(true),
      topK: z.number().int().min(1).max(100).default(10),
      generate: z
        .object({
          maxNewTokens: z.number().int().min(1).max(4096),
          temperature: z.number().min(0).default(0),
          seed: z.number().int().default(0),
          topP: z.number().gt(0).max(1).default(1),
        })
        .optional(),
    })
    .default({ gains: true, topK: 10 }),
  options: z
    .object({
      executionProvider: ExecutionProviderChoice.default('auto'),
      hubBaseUrl: z.string().url().default(HUB_BASE_URL),
    })
    .default({ executionProvider: 'auto', hubBaseUrl: HUB_BASE_URL }),
}).refine((s) => s.prompts !== undefined || s.ids !== undefined, { message: 'give prompts (text) or ids (token ids)', path: ['prompts'] });
export type ExperimentSpec = z.infer<typeof ExperimentSpec>;

/** A short label for a model source, for headers and file lists. */
export function sourceLabel(s: ModelSource): string {
  if (s.kind === 'llama2c') return fileRefLabel(s.checkpoint);
  const where = 'hub' in s.location ? `hf://${s.location.hub.repo}@${s.location.hub.revision}` : s.location.local || 'dropped folder';
  return s.onnx ? `${where}/${s.onnx}` : where;
}

/** stories260K as published: karpathy/tinyllamas on the Hub. */
export const STORIES260K = {
  kind: 'llama2c',
  checkpoint: { hub: { repo: 'karpathy/tinyllamas', revision: 'main', path: 'stories260K/stories260K.bin' } },
  tokenizer: { hub: { repo: 'karpathy/tinyllamas', revision: 'main', path: 'stories260K/tok512.bin' } },
} satisfies ModelSource;

export function parseSpec(json: unknown): ExperimentSpec {
  const r = ExperimentSpec.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`invalid experiment spec: ${issues}`);
  }
  return r.data;
}

export function fileRefLabel(f: FileRef): string {
  return 'hub' in f ? `hf://${f.hub.repo}@${f.hub.revision}/${f.hub.path}` : f.local;
}
