/**
 * Integration: seed 05 section 13b alignment of the hf-tiny llama embedding (ONNX initializer
 * `model.embed_tokens.weight` [256, 64], read with the lab's decodeModel) onto stories260K's first
 * 256 embedding rows, against fixtures/embedding.reference.json. A mechanics test: the two models
 * share no real vocabulary (the rows are mostly stories260K's barely trained byte tokens).
 * The arithmetic differs (PCA by covariance eigenvectors vs numpy SVD; Procrustes by the lab's
 * Jacobi SVD vs scipy's LAPACK), so the stated tolerance is 1e-6 relative on every number.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLlama2cCheckpoint } from '../../model/llama2c/checkpoint';
import { decodeModel, toNum } from '../../onnx/proto';
import { readBytes, SHARED, STORIES_CKPT } from '../../testing/shared';
import { crossModelAlignment } from './alignment';
import { embeddingReference, expectAllClose, expectClose, expectDistribution, type ErrorLog } from './testing/reference-fixture';

const TOL = 1e-6;
const ref = embeddingReference().alignment;
const log: ErrorLog = {};

function hfTinyLlamaEmbedding(): { e: Float32Array; rows: number; cols: number } {
  const path = resolve(SHARED, 'fixtures/hf-tiny/llama/opset14/model.onnx');
  const model = decodeModel(readFileSync(path), path);
  const t = model.graph!.initializer!.find((i) => i.name === 'model.embed_tokens.weight')!;
  const [rows, cols] = t.dims!.map(toNum);
  const raw = t.rawData!;
  // Copy: the raw bytes are a view into the file at an offset that need not be a multiple of 4
  // (and a Node Buffer's slice() is a view too, not a copy).
  const bytes = new Uint8Array(raw.byteLength);
  bytes.set(raw);
  const e = new Float32Array(bytes.buffer, 0, rows * cols);
  return { e, rows, cols };
}

afterAll(() => {
  const worst = Object.entries(log).sort((a, b) => b[1] - a[1]).slice(0, 6);
  console.log('alignment vs numpy/scipy, largest relative errors:', worst.map(([k, v]) => `${k} ${v.toExponential(1)}`).join('; '));
});

describe('cross-model alignment (13b): hf-tiny llama -> stories260K[:256]', () => {
  const stories = readLlama2cCheckpoint(readBytes(STORIES_CKPT), 'stories260K.bin');
  const b = hfTinyLlamaEmbedding();
  const n = b.rows;
  const d = stories.config.dim;
  const a = stories.weights.tokenEmbedding.subarray(0, n * d);
  const r = crossModelAlignment(a, d, b.e, b.cols, n, { seed: 42 });

  it('uses the same shapes, split and draws as the script', () => {
    expect([r.tokens, r.source, r.sourceDim, r.targetDim, r.pcaRows]).toEqual([ref.tokens, ref.source, ref.source_dim, ref.target_dim, ref.pca_rows]);
    expect(Array.from(r.anchorIds)).toEqual(ref.anchor_ids);
    expect(Array.from(r.heldOutIds)).toEqual(ref.held_out_ids);
  });

  it('variance retained, Procrustes scale, held-out and all-token cosines, distances and relational structure', () => {
    expectClose(log, 'varianceRetained', r.varianceRetained, ref.variance_retained, TOL);
    expectClose(log, 'procrustesScale', r.procrustesScale, ref.procrustes_scale, TOL);
    expectDistribution(log, 'heldOutCos', r.heldOutCos, ref.held_out_cos, TOL);
    expectDistribution(log, 'heldOutDistance', r.heldOutDistance, ref.held_out_distance, TOL);
    expectDistribution(log, 'allCos', r.allCos, ref.all_cos, TOL);
    expectClose(log, 'relationalCorrelation', r.relationalCorrelation!, ref.relational_correlation, TOL);
    expectClose(log, 'relationalMeanAbsDiff', r.relationalMeanAbsDiff, ref.relational_mean_abs_diff, TOL);
    expect(r.allCosAbove.map((x) => x.threshold)).toEqual(ref.all_cos_above.map((x) => x.threshold));
    expectAllClose(log, 'allCosAbove', r.allCosAbove.map((x) => x.fraction), ref.all_cos_above.map((x) => x.fraction), TOL);
  });
});
