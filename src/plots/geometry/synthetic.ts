/**
 * Test support: a small synthetic model's weight catalog (3 layers, d_model 16, 2 heads) with
 * seeded Gaussian weights, as a WeightSource and EmbeddingSource, so figure and table tests run
 * the real batteries. Imported by tests only.
 */
import type { ArchitectureCard } from '../../model/card';
import type { WeightKind } from '../../model/weights/catalog';
import type { WeightListing } from '../../runtime/lab';
import type { EmbeddingSource } from '../../runtime/embedding-battery';
import { Rng } from '../../linalg/cpu/rng';

export const SYN = { layers: 3, d: 16, heads: 2, dHead: 8, dMlp: 24, vocab: 64 } as const;

const card: ArchitectureCard = {
  family: 'synthetic', nLayers: SYN.layers, dModel: SYN.d, nHeads: SYN.heads, nKvHeads: SYN.heads, dHead: SYN.dHead, rho: SYN.heads / SYN.dHead,
  normType: 'RMSNorm', residual: 'sequential', tiedEmbeddings: true, positional: 'rope', nParams: 0, vocabSize: SYN.vocab, maxSeqLen: 32, dMlp: SYN.dMlp, normEps: 1e-5,
};

type Entry = WeightListing['entries'][number];
const entry = (kind: WeightKind, layer: number | null, rows: number, cols: number): Entry => ({
  name: layer === null ? kind : `${kind}.${layer}`, kind, layer, stack: '', rows, cols, source: 'synthetic',
});

export function syntheticListing(): WeightListing {
  const { d, dMlp, vocab } = SYN;
  const entries: Entry[] = [entry('embed', null, vocab, d)];
  for (let l = 0; l < SYN.layers; l++) {
    entries.push(entry('wq', l, d, d), entry('wk', l, d, d), entry('wv', l, d, d), entry('wo', l, d, d));
    entries.push(entry('mlp_in', l, dMlp, d), entry('mlp_out', l, d, dMlp), entry('ln_attn', l, 1, d), entry('ln_mlp', l, 1, d));
  }
  entries.push(entry('ln_final', null, 1, d));
  return { layout: 'synthetic', notes: [], card, entries };
}

/** Seeded values for `name`: norm gains near 1, matrices N(0, (0.5 + layer)^2 / cols) so the scale track grows. */
export function syntheticWeight(name: string): Float32Array {
  const e = syntheticListing().entries.find((x) => x.name === name);
  if (!e) throw new Error(`no synthetic weight ${name}`);
  let seed = 7;
  for (const ch of name) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  const rng = new Rng(seed);
  const n = e.rows * e.cols;
  const out = new Float32Array(n);
  const isNorm = e.kind.startsWith('ln_');
  const scale = (0.5 + (e.layer ?? 0)) / Math.sqrt(e.cols);
  for (let i = 0; i < n; i++) out[i] = isNorm ? 1 + 0.2 * rng.normal() : scale * rng.normal();
  return out;
}

/** The synthetic model as a battery source; residual states are seeded noise growing with depth. */
export function syntheticSource(): EmbeddingSource {
  return {
    listing: syntheticListing,
    read: syntheticWeight,
    pieces: () => Array.from({ length: SYN.vocab }, (_, i) => (i < 10 ? String(i) : `t${i}`)),
    residualStates: async ({ prompt }) => {
      const seqLen = Math.max(2, prompt.split(' ').length);
      const rng = new Rng(prompt.length);
      const states = Array.from({ length: SYN.layers + 1 }, (_, b) => Float32Array.from(rng.normals(seqLen * SYN.d), (v) => (1 + b) * v));
      return { seqLen, dModel: SYN.d, states };
    },
  };
}
