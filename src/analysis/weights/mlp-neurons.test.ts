import { describe, expect, it } from 'vitest';
import { Rng } from '../../linalg/cpu/rng';
import { lineNorms, mlpNeurons } from './mlp-neurons';
import { maxRel, storiesCatalog, weightsReference } from './test-fixtures';
import type { Matrix } from './types';

function gaussian(rows: number, cols: number, seed: number): Matrix {
  return { data: Float32Array.from(new Rng(seed).normals(rows * cols)), rows, cols };
}

describe('mlpNeurons', () => {
  it('takes row norms of W_in and column norms of W_out', () => {
    const m: Matrix = { data: Float32Array.from([3, 4, 0, 0, 1, 0]), rows: 2, cols: 3 };
    expect(Array.from(lineNorms(m, 'rows'))).toEqual([5, 1]);
    expect(Array.from(lineNorms(m, 'cols'))).toEqual([3, Math.sqrt(17), 0]);
  });

  it('finds a silenced neuron dead and a damped one weak', () => {
    const d = 16;
    const n = 40;
    const win = gaussian(n, d, 1);
    const wout = gaussian(d, n, 2);
    for (let c = 0; c < d; c++) win.data[3 * d + c] *= 1e-4; // neuron 3: input row nearly zero
    for (let r = 0; r < d; r++) wout.data[r * n + 7] *= 0.05; // neuron 7: output column damped
    const res = mlpNeurons(win, wout);
    expect(res.nNeurons).toBe(n);
    expect(res.importance[3]).toBeLessThan(0.01 * res.meanImportance);
    expect(res.importance[7]).toBeLessThan(0.1 * res.meanImportance);
    expect(res.importance[7]).toBeGreaterThan(0.01 * res.meanImportance);
    expect(res.dead).toBe(1);
    expect(res.weak).toBeGreaterThanOrEqual(2); // weak includes dead
    expect(res.weakFraction).toBe(res.weak / n);
    expect(res.gateNorms).toBeNull();
  });

  it('multiplies in the gate norm for a gated MLP', () => {
    const win = gaussian(10, 6, 3);
    const wout = gaussian(6, 10, 4);
    const gate = gaussian(10, 6, 5);
    const plain = mlpNeurons(win, wout);
    const gated = mlpNeurons(win, wout, gate);
    for (let j = 0; j < 10; j++) expect(gated.importance[j]).toBeCloseTo(plain.importance[j] * gated.gateNorms![j], 12);
    expect(gated.gateSummary).not.toBeNull();
  });

  it('is unchanged in its dead/weak counts when the whole MLP is rescaled', () => {
    const win = gaussian(30, 8, 6);
    const wout = gaussian(8, 30, 7);
    const a = mlpNeurons(win, wout);
    const b = mlpNeurons({ ...win, data: win.data.map((v) => 5 * v) }, wout);
    expect([b.dead, b.weak]).toEqual([a.dead, a.weak]);
    expect(b.meanImportance / a.meanImportance).toBeCloseTo(5, 6);
  });

  it('rejects matrices that do not form one MLP', () => {
    expect(() => mlpNeurons(gaussian(10, 6, 1), gaussian(6, 9, 2))).toThrow(/do not form one MLP/);
  });
});

describe('stories260K MLP neurons against numpy', () => {
  it('matches importance, counts and norm summaries per layer (SwiGLU: gate * up * down)', () => {
    const ref = weightsReference().models.stories260K.mlp;
    const { matrices } = storiesCatalog();
    let worst = 0;
    for (const layer of ref) {
      const res = mlpNeurons(matrices[layer.in], matrices[layer.out], layer.gate ? matrices[layer.gate] : null);
      expect([res.nNeurons, res.dead, res.weak]).toEqual([layer.d_mlp, layer.dead, layer.weak]);
      worst = Math.max(
        worst,
        maxRel(res.importance, layer.importance),
        maxRel([res.meanImportance], [layer.mean_importance]),
        maxRel(Object.values(res.inSummary), Object.values(layer.up_norms)),
        maxRel(Object.values(res.outSummary), Object.values(layer.down_norms)),
        maxRel(Object.values(res.gateSummary!), Object.values(layer.gate_norms!)),
      );
    }
    expect(worst).toBeLessThan(1e-8); // observed ~1e-10 (the fixture keeps 10 significant digits)
  });
});
