/**
 * Results JSON: the numbers plus a manifest saying exactly what produced them
 * (app version, model source and file hashes, execution provider, definitions, time).
 */
import { z } from 'zod';
import { ExperimentSpec, ModelSource } from './spec';
import { GAIN_DEFINITIONS, NORM_CONVENTION } from '../analysis/definitions';
import type { ArchitectureCard } from '../model/card';
import type { FileDigest } from '../model/prepared';
import type { EpDecision } from '../runtime/ep';
import type { ModelInfo } from '../runtime/lab';
import type { Measurement, Generation } from '../runtime/results';

export const RESULTS_FORMAT = 'residual-lab/results@1';

export interface Manifest {
  app: 'residual-lab';
  appVersion: string;
  createdAt: string;
  model: { source: ModelSource; files: FileDigest[]; card: ArchitectureCard };
  executionProvider: { requested: string; used: string; reason: string; adapter: EpDecision['adapter'] };
  runtime: { onnxruntime: string; platform: string };
  definitions: typeof GAIN_DEFINITIONS;
  normConvention: string;
  tokenPosition: string;
}

export interface PromptResult {
  /** null for a token-id input */
  prompt: string | null;
  measurement: Measurement;
  generation?: Generation;
}

export interface ResultsFile {
  format: typeof RESULTS_FORMAT;
  manifest: Manifest;
  spec: ExperimentSpec;
  results: PromptResult[];
}

export function buildManifest(a: {
  appVersion: string;
  source: ModelSource;
  files: FileDigest[];
  card: ArchitectureCard;
  ep: EpDecision;
  onnxruntime: string;
  platform: string;
}): Manifest {
  return {
    app: 'residual-lab',
    appVersion: a.appVersion,
    createdAt: new Date().toISOString(),
    model: { source: a.source, files: a.files, card: a.card },
    executionProvider: { requested: a.ep.requested, used: a.ep.ep, reason: a.ep.reason, adapter: a.ep.adapter },
    runtime: { onnxruntime: a.onnxruntime, platform: a.platform },
    definitions: GAIN_DEFINITIONS,
    normConvention: NORM_CONVENTION,
    tokenPosition: 'lastToken: the last prompt position; gainsPerToken and blockGains: every position',
  };
}

/** The manifest of whatever a loaded model (its ModelInfo) produces. */
export function manifestFor(info: Pick<ModelInfo, 'appVersion' | 'source' | 'files' | 'card' | 'ep' | 'onnxruntime' | 'platform'>): Manifest {
  return buildManifest({ appVersion: info.appVersion, source: info.source, files: info.files, card: info.card, ep: info.ep, onnxruntime: info.onnxruntime, platform: info.platform });
}

/** A loose structural check used when reading a results file back (import, tests). */
export const ResultsFileSchema = z.object({
  format: z.literal(RESULTS_FORMAT),
  manifest: z.object({
    app: z.literal('residual-lab'),
    appVersion: z.string(),
    createdAt: z.string(),
    model: z.object({ source: ModelSource, files: z.array(z.object({ name: z.string(), bytes: z.number(), sha256: z.string().length(64) })) }).passthrough(),
    executionProvider: z.object({ requested: z.string(), used: z.string(), reason: z.string() }).passthrough(),
  }).passthrough(),
  spec: z.unknown(),
  results: z.array(z.object({ prompt: z.string().nullable(), measurement: z.object({ ids: z.array(z.number()), norms: z.record(z.string(), z.array(z.number())) }).passthrough() }).passthrough()),
});
