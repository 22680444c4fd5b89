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

export const ModelSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('llama2c'), checkpoint: FileRef, tokenizer: FileRef }),
]);
export type ModelSource = z.infer<typeof ModelSource>;

export const ExecutionProviderChoice = z.enum(['auto', 'webgpu', 'wasm']);

export const ExperimentSpec = z.object({
  version: z.literal(1).default(1),
  name: z.string().optional(),
  model: ModelSource,
  prompts: z.array(z.string()).min(1),
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
});
export type ExperimentSpec = z.infer<typeof ExperimentSpec>;

/** stories260K as published: karpathy/tinyllamas on the Hub. */
export const STORIES260K: ModelSource = {
  kind: 'llama2c',
  checkpoint: { hub: { repo: 'karpathy/tinyllamas', revision: 'main', path: 'stories260K/stories260K.bin' } },
  tokenizer: { hub: { repo: 'karpathy/tinyllamas', revision: 'main', path: 'stories260K/tok512.bin' } },
};

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
