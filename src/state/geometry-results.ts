/**
 * Complete battery results, outside the store (they hold typed arrays: every singular value,
 * histograms, norms). The store keeps only their ids; panels look them up here.
 */
import { batteryJson, type WeightBatteryResult } from '../runtime/weight-battery';
import type { EmbeddingBatteryResult } from '../runtime/embedding-battery';
import type { Manifest } from '../io/results';
import { sourceLabel } from '../io/spec';

export interface StoredWeights {
  kind: 'weights';
  result: WeightBatteryResult;
  /** the model worker's manifest when the run started (model files, execution provider, versions) */
  manifest: Manifest;
}

export interface StoredEmbedding {
  kind: 'embedding';
  result: EmbeddingBatteryResult;
  manifest: Manifest;
}

export type StoredResult = StoredWeights | StoredEmbedding;

const results = new Map<string, StoredResult>();
let counter = 0;

/** Keep a result and return its id; `replaces` (the previous result's id) is dropped. */
export function keepResult(entry: StoredResult, replaces: string | null): string {
  if (replaces) results.delete(replaces);
  const id = `${entry.kind}-result-${++counter}`;
  results.set(id, entry);
  return id;
}

export function weightsResult(id: string | null): StoredWeights | null {
  const r = id ? results.get(id) : undefined;
  return r?.kind === 'weights' ? r : null;
}

export function embeddingResult(id: string | null): StoredEmbedding | null {
  const r = id ? results.get(id) : undefined;
  return r?.kind === 'embedding' ? r : null;
}

/** The export: the manifest, then the battery's own fields; typed arrays become arrays, non-finite numbers strings. */
export function resultJson(entry: StoredResult): string {
  return batteryJson({ manifest: entry.manifest, ...entry.result }, 1) + '\n';
}

/** File name of the export: `residual-lab-weights-stories260K.json`. */
export function resultFilename(entry: StoredResult): string {
  const label = sourceLabel(entry.manifest.model.source).replace(/\/+$/, '');
  const stem = label.split('/').pop()!.replace(/\.(bin|onnx)$/i, '').replace(/[^\w.@-]+/g, '_').slice(0, 60);
  return `residual-lab-${entry.kind}-${stem || 'model'}.json`;
}
