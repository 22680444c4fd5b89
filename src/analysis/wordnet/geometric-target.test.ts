/**
 * The WordNet geometric target's invariants on WordNet synsets with synthetic vectors: the similarity
 * matrix is NLTK's Wu-Palmer, the table is the geometric rows through the projection, rotating the
 * contextual vectors rotates the table, scaling them scales it, and an anchor set whose contextual
 * vectors span fewer dimensions than nGeo is flagged. (Against numpy on real models: cli/wordnet-models.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../linalg/cpu/rng';
import { loadWordNetNode } from './node/load-node';
import { wordnetGeometricTarget, wupMatrix, type WordNetTargetInput } from './geometric-target';
import { wupSimilarity } from './wup';
import type { WordNet } from './wordnet';

const N = 30;
const VOCAB = 60;
const D = 8;

function input(wn: WordNet, context?: Float64Array): WordNetTargetInput {
  const rng = new Rng(9);
  const synsets = Array.from({ length: N }, (_, i) => wn.synset(['dog.n.01', 'cat.n.01', 'run.v.01', 'tree.n.01', 'car.n.01', 'red.n.01'][i % 6]) + Math.floor(i / 6));
  return {
    wn,
    synsets,
    tokenIds: Array.from({ length: N }, (_, i) => 2 * i),
    embedding: rng.normals(VOCAB * D),
    vocab: VOCAB,
    dEmb: D,
    contextReps: context ?? rng.normals(N * D),
    dModel: D,
  };
}

/** [D, D] a rotation from Gram-Schmidt on Gaussian rows. */
function rotation(seed: number): Float64Array {
  const q = new Rng(seed).normals(D * D);
  for (let i = 0; i < D; i++) {
    for (let p = 0; p < i; p++) {
      let dot = 0;
      for (let c = 0; c < D; c++) dot += q[i * D + c] * q[p * D + c];
      for (let c = 0; c < D; c++) q[i * D + c] -= dot * q[p * D + c];
    }
    const n = Math.hypot(...q.subarray(i * D, (i + 1) * D));
    for (let c = 0; c < D; c++) q[i * D + c] /= n;
  }
  return q;
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

describe('WordNet geometric target', () => {
  let wn: WordNet;
  beforeAll(() => {
    wn = loadWordNetNode();
  });

  it('builds its similarity from NLTK Wu-Palmer: symmetric, 1 on the diagonal', () => {
    const ids = ['dog.n.01', 'cat.n.01', 'run.v.01', 'good.a.01'].map((n) => wn.synset(n));
    const s = wupMatrix(wn, ids);
    for (let i = 0; i < 4; i++) {
      expect(s[i * 4 + i]).toBe(1);
      for (let j = i + 1; j < 4; j++) {
        expect(s[i * 4 + j]).toBe(s[j * 4 + i]);
        expect(s[i * 4 + j]).toBe(wupSimilarity(wn, ids[i], ids[j]) ?? 0);
      }
    }
  });

  it('is the geometric rows through the projection, anchors drawn by the seeded Rng', () => {
    const inp = input(wn);
    const t = wordnetGeometricTarget(inp, { seed: 3, nAnchor: 20, nGeo: 4 });
    expect(t.anchorEntries).toEqual(Array.from(new Rng(3).sample(N, 20)));
    expect(t.anchorTokens).toEqual(t.anchorEntries.map((e) => 2 * e));
    expect(t.warning).toBeNull();
    for (let v = 0; v < VOCAB; v++) {
      expect(Math.hypot(...t.geo.subarray(v * 4, v * 4 + 4))).toBeCloseTo(1, 6);
      for (let c = 0; c < D; c++) {
        let s = 0;
        for (let i = 0; i < 4; i++) s += t.projection.proj[c * 4 + i] * t.geo[v * 4 + i];
        expect(t.table[v * D + c]).toBeCloseTo(s, 5);
      }
    }
  });

  it('rotates with the contextual vectors and scales with them', () => {
    const base = input(wn);
    const x = Float64Array.from(base.contextReps);
    const q = rotation(4);
    const rotated = new Float64Array(N * D);
    for (let r = 0; r < N; r++) for (let j = 0; j < D; j++) for (let k = 0; k < D; k++) rotated[r * D + j] += x[r * D + k] * q[k * D + j];
    const t = wordnetGeometricTarget(base, { seed: 5, nGeo: 4 });
    const tr = wordnetGeometricTarget(input(wn, rotated), { seed: 5, nGeo: 4 });
    const expected = new Float64Array(VOCAB * D);
    for (let v = 0; v < VOCAB; v++) for (let j = 0; j < D; j++) for (let k = 0; k < D; k++) expected[v * D + j] += t.table[v * D + k] * q[k * D + j];
    expect(maxAbsDiff(tr.table, expected)).toBeLessThan(1e-5);
    expect(tr.projection.alignmentCos).toBeCloseTo(t.projection.alignmentCos, 10);
    const ts = wordnetGeometricTarget(input(wn, x.map((v) => 3 * v)), { seed: 5, nGeo: 4 });
    expect(maxAbsDiff(ts.table, t.table.map((v) => 3 * v))).toBeLessThan(1e-5);
  });

  it('warns when nGeo reaches the span of the anchors\' distinct contextual vectors', () => {
    const rng = new Rng(2);
    const five = rng.normals(5 * D);
    const dup = Float64Array.from({ length: N * D }, (_, k) => five[(Math.floor(k / D) % 5) * D + (k % D)]); // 5 distinct rows
    expect(wordnetGeometricTarget(input(wn, dup), { seed: 1, nGeo: 4 }).warning).toMatch(/only 5 distinct contextual vectors/);
    expect(wordnetGeometricTarget(input(wn, dup), { seed: 1, nGeo: 3 }).warning).toBeNull();
  });
});
