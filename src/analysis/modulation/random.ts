/**
 * The null control: a seeded Gaussian target (seed 05 compares its geometric target with nothing; a
 * random direction of the same size is what a researcher compares with). Entries are N(0, norm^2 / d),
 * so a row's expected squared length is norm^2: at norm = the mean residual norm the target is about as
 * long as the stream it is mixed into, and only its direction carries no structure.
 * The draws come from the lab's Rng (mulberry32 + Box-Muller), which scripts/rng.py mirrors, so
 * scripts/reference_modulate.py rebuilds the same target.
 */
import { Rng } from '../../linalg/cpu/rng';

export interface RandomTargetOptions {
  seed: number;
  dModel: number;
  /** 1 for a [d_model] vector; vocab for a [vocab, d_model] per-token table */ rows: number;
  /** expected L2 norm of each row (e.g. the mean resid_pre norm on the prompt) */ norm: number;
}

/** [rows, d_model] row-major float32: Rng(seed).normals(rows * d) * (norm / sqrt(d)). */
export function randomGaussianTarget(o: RandomTargetOptions): Float32Array {
  if (!(o.norm >= 0) || !Number.isFinite(o.norm)) throw new RangeError(`random target: norm must be finite and >= 0, got ${o.norm}`);
  if (!Number.isInteger(o.rows) || o.rows < 1 || !Number.isInteger(o.dModel) || o.dModel < 1) throw new RangeError(`random target: bad shape [${o.rows}, ${o.dModel}]`);
  const z = new Rng(o.seed).normals(o.rows * o.dModel);
  const scale = o.norm / Math.sqrt(o.dModel);
  return Float32Array.from(z, (v) => v * scale);
}

/** Mean L2 norm of the rows of several [pos, d_model] tensors (the scale of a random target). */
export function meanRowNorm(tensors: readonly Float32Array[], dModel: number): number {
  let sum = 0;
  let count = 0;
  for (const x of tensors) {
    for (let t = 0; t < x.length / dModel; t++) {
      let s = 0;
      for (let j = 0; j < dModel; j++) s += x[t * dModel + j] ** 2;
      sum += Math.sqrt(s);
      count++;
    }
  }
  if (count === 0) throw new Error('meanRowNorm: no rows');
  return sum / count;
}
