/**
 * The weight battery end to end in the CLI engine (issue 6 acceptance): the catalog of every model
 * read from its real file, singular values and metrics against scripts/reference_weights.py
 * (numpy, its own reading of the checkpoint and of the ONNX initializers, its own qkv splits).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { nodeLab } from './node-lab';
import { runWeightBattery } from '../src/runtime/weight-battery';
import { SHARED, STORIES_CKPT, STORIES_TOK } from '../src/testing/shared';
import type { ModelSource } from '../src/io/spec';

interface RefMatrix { shape: [number, number]; singular_values: number[]; metrics: { frobenius_norm: number; stable_rank: number; participation_ratio: number; active_fraction: number; rank90_energy: number; condition_number: number | null }; esd: { status: string; alpha?: number } }
interface RefNull { families: Record<string, { mean_cos: number; raw_resid: number; scalar_fit: number; improve_frac: number; scale_track: number[] }>; scale_pca: { families: string[]; explained_fraction: number[] } }
const ref = JSON.parse(readFileSync('fixtures/weights.reference.json', 'utf8')) as { models: Record<string, { matrices: Record<string, RefMatrix>; null_test: Record<string, RefNull> }> };

const MODELS: Record<string, ModelSource> = {
  stories260K: { kind: 'llama2c', checkpoint: { local: STORIES_CKPT }, tokenizer: { local: STORIES_TOK } },
  gpt2: { kind: 'hf', location: { local: resolve(SHARED, 'fixtures/hf-tiny/gpt2') }, onnx: 'opset17/model.onnx' },
  gpt_neox: { kind: 'hf', location: { local: resolve(SHARED, 'fixtures/hf-tiny/gpt_neox') }, onnx: 'opset14/model.onnx' },
  llama: { kind: 'hf', location: { local: resolve(SHARED, 'fixtures/hf-tiny/llama') }, onnx: 'opset14/decoder_model_merged.onnx' },
  t5: { kind: 'hf', location: { local: resolve(SHARED, 'fixtures/hf-tiny/t5') }, onnx: 'opset17/decoder_model.onnx' },
};
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('weight battery vs numpy', () => {
  for (const [model, source] of Object.entries(MODELS)) {
    it(`${model}: the same catalog, singular values to 1e-4 (above 1e-6 s_max), metrics`, async () => {
      const lab = nodeLab();
      await lab.load({ source, ep: 'auto' });
      try {
        const r = await runWeightBattery({ listing: () => lab.weightList(), read: (n) => lab.weight(n) });
        const expected = ref.models[model].matrices;
        expect(r.matrices.map((m) => m.name).sort()).toEqual(Object.keys(expected).sort());
        let worst = 0;
        for (const m of r.matrices) {
          const e = expected[m.name];
          expect([m.rows, m.cols], m.name).toEqual(e.shape);
          const s0 = e.singular_values[0];
          e.singular_values.forEach((s, i) => {
            if (s > 1e-6 * s0) worst = Math.max(worst, rel(m.singularValues[i], s));
          });
          expect(rel(m.report.frobeniusNorm, e.metrics.frobenius_norm), m.name).toBeLessThan(1e-6);
          expect(rel(m.report.spectrum!.stableRank, e.metrics.stable_rank), m.name).toBeLessThan(1e-5);
          expect(rel(m.report.spectrum!.participationRatio, e.metrics.participation_ratio), m.name).toBeLessThan(1e-5);
          expect(m.report.spectrum!.rank90Energy, m.name).toBe(e.metrics.rank90_energy);
          expect(m.esd.status, m.name).toBe(e.esd.status);
          if (m.esd.status === 'fitted') expect(Math.abs(m.esd.alpha - e.esd.alpha!), m.name).toBeLessThan(1e-4);
        }
        expect(worst).toBeLessThan(1e-4);
        // Seed 04's null test for every stack ('model' in the fixture is the lab's '' stack): every family, then the scale-track PCA.
        for (const [stack, e] of Object.entries(ref.models[model].null_test)) {
          const ours = r.nullTestsByStack[stack === 'model' ? '' : stack];
          expect(ours.families.map((f) => f.family), stack).toEqual(Object.keys(e.families));
          for (const f of ours.families) {
            const ef = e.families[f.family];
            expect(rel(f.summary!.meanCos, ef.mean_cos), `${stack} ${f.family}`).toBeLessThan(1e-6);
            expect(rel(f.summary!.scalarFit, ef.scalar_fit)).toBeLessThan(1e-6);
            expect(rel(f.summary!.improveFrac, ef.improve_frac)).toBeLessThan(1e-5);
            f.scaleTrack.forEach((x, l) => expect(rel(x, ef.scale_track[l])).toBeLessThan(1e-6));
          }
          expect(ours.scalePca!.families).toEqual(e.scale_pca.families);
          ours.scalePca!.explainedFraction.forEach((x, i) => expect(Math.abs(x - e.scale_pca.explained_fraction[i])).toBeLessThan(1e-6));
        }
      } finally {
        await lab.unload();
      }
    });
  }
});
