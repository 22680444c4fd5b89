/**
 * Test support: fixtures/embedding.reference.json (written by scripts/reference_embedding.py) and
 * comparisons of the battery's results against it. Imported by tests only.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { Distribution } from '../distribution';

export const EMBEDDING_REFERENCE = resolve(process.cwd(), 'fixtures/embedding.reference.json');

export interface RefDistribution {
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  median: number;
  percentiles: { p: number; value: number }[];
  histogram: { edges: number[]; counts: number[] };
}

export interface RefVolumeSet {
  valid: number;
  volumes: number[];
  summary: RefDistribution;
  cv: number;
}

export interface RefCategories {
  global_mean_cos: number;
  categories: { name: string; n: number; ids: number[]; words: string[]; skipped_words: string[]; skipped: boolean; intra_cos: number | null; intra_std: number | null; lift: number | null }[];
  centroid_names: string[];
  centroid_cosines: number[];
}

export interface RefSpectrum {
  rows: number;
  divisor: number;
  eigenvalues: number[];
  total_variance: number;
  top_fraction: number;
  participation_ratio: number;
  participation_per_dim: number;
  cumulative: number[];
  dims_for: { fraction: number; dims: number }[];
}

export interface EmbeddingReference {
  rng_seed: number;
  stories260K: {
    vocab: number;
    dim: number;
    norms: { summary: RefDistribution; argmin: number; argmax: number; zero_count: number; norms_head: number[] };
    cosines: { sample_tokens: number; n_pairs: number; summary: RefDistribution; marks: { value: number; fraction: number }[] };
    spectrum: RefSpectrum;
    spectrum_ddof0: RefSpectrum;
    simplices: { requested: number; points: number; embedding: RefVolumeSet; gaussian: RefVolumeSet; per_dim_std: number[]; ratio: number };
    digits: { ids: number[]; pieces: string[]; cosines: number[]; correlation: number; adjacent_mean: number; non_adjacent_mean: number; gap: number };
    categories: RefCategories;
    vocab_categories: RefCategories;
    evolution: {
      boundaries: string;
      /** each boundary's [S, d] float32 block starts at states_f32_offsets[k] in fixtures/embedding-states.f32le */
      sentences: { text: string; ids: number[]; states_f32_offsets: number[] }[];
      layers: { layer: number; mean_norm: number; std_norm: number; mean_cos: number; std_cos: number }[];
      sentence_mean_norm: number[][];
      sentence_mean_cos: number[][];
    };
  };
  alignment: {
    tokens: number;
    source: 'a' | 'b';
    source_dim: number;
    target_dim: number;
    pca_rows: number;
    variance_retained: number;
    anchor_ids: number[];
    held_out_ids: number[];
    procrustes_scale: number;
    held_out_cos: RefDistribution;
    held_out_distance: RefDistribution;
    relational_correlation: number;
    relational_mean_abs_diff: number;
    all_cos: RefDistribution;
    all_cos_above: { threshold: number; fraction: number }[];
  };
}

export function embeddingReference(): EmbeddingReference {
  return JSON.parse(readFileSync(EMBEDDING_REFERENCE, 'utf8')) as EmbeddingReference;
}

export const EMBEDDING_STATES = resolve(process.cwd(), 'fixtures/embedding-states.f32le');

/** The stored hidden states (raw little-endian float32) as one Float32Array; slice it with a sentence's offsets. */
export function embeddingStates(): Float32Array {
  const b = readFileSync(EMBEDDING_STATES);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** Largest relative error seen per check, printed by the tests that collect them. */
export type ErrorLog = Record<string, number>;

/** |a - b| / max(|b|, floor); the floor keeps values that are ~0 in both from dividing by ~0. */
export function relErr(a: number, b: number, floor = 1e-12): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), floor);
}

/** Expects a close to b (relative), and records the error under `label`. */
export function expectClose(log: ErrorLog, label: string, a: number, b: number, tol: number, floor = 1e-12): void {
  const e = relErr(a, b, floor);
  log[label] = Math.max(log[label] ?? 0, e);
  expect(e, `${label}: ${a} vs ${b}`).toBeLessThan(tol);
}

/** Element-wise expectClose over two arrays of equal length. */
export function expectAllClose(log: ErrorLog, label: string, a: ArrayLike<number>, b: ArrayLike<number>, tol: number, floor = 1e-12): void {
  expect(a.length, `${label} length`).toBe(b.length);
  for (let i = 0; i < a.length; i++) expectClose(log, label, a[i], b[i], tol, floor);
}

/** A Distribution against its numpy summary: moments and percentiles to `tol`, histogram counts exactly. */
export function expectDistribution(log: ErrorLog, label: string, d: Distribution, ref: RefDistribution, tol: number): void {
  expect(d.n, `${label}.n`).toBe(ref.n);
  for (const k of ['mean', 'std', 'min', 'max', 'median'] as const) expectClose(log, `${label}.${k}`, d[k], ref[k], tol);
  expect(d.percentiles.map((p) => p.p)).toEqual(ref.percentiles.map((p) => p.p));
  expectAllClose(log, `${label}.percentiles`, d.percentiles.map((p) => p.value), ref.percentiles.map((p) => p.value), tol);
  // An edge can sit at ~0 while the range is O(1): measure edge errors relative to the range.
  expectAllClose(log, `${label}.histogram.edges`, d.histogram.edges, ref.histogram.edges, tol, Math.abs(ref.max - ref.min) || 1);
  expect(Array.from(d.histogram.counts), `${label}.histogram.counts`).toEqual(ref.histogram.counts);
}
