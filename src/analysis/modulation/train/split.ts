/**
 * The seed's data handling for the alpha training (seed 05 section 9), with the lab's seeded Rng
 * (src/linalg/cpu/rng.ts, mirrored by scripts/rng.py) in place of np.random.default_rng(42):
 * - split: perm = rng.permutation(n); the first floor(0.9 n) indices train, the rest validate;
 * - every epoch: the same rng draws a permutation of the training indices, cut into batches of
 *   `batchSize` in order (the last one may be smaller);
 * - validation batches: the validation indices in split order, cut the same way.
 */
import type { Rng } from '../../../linalg/cpu/rng';

export interface Split {
  /** example indices that train */ train: number[];
  /** example indices that validate */ val: number[];
}

export function splitExamples(n: number, rng: Rng, trainFraction = 0.9): Split {
  const perm = Array.from(rng.permutation(n));
  const nTrain = Math.floor(n * trainFraction);
  return { train: perm.slice(0, nTrain), val: perm.slice(nTrain) };
}

/** `indices` cut into consecutive batches of at most `batchSize`. */
export function batches(indices: readonly number[], batchSize: number): number[][] {
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  const out: number[][] = [];
  for (let s = 0; s < indices.length; s += batchSize) out.push(indices.slice(s, s + batchSize));
  return out;
}

/** One epoch's training batches: train[rng.permutation(train.length)], then cut. */
export function epochBatches(train: readonly number[], batchSize: number, rng: Rng): number[][] {
  const perm = rng.permutation(train.length);
  return batches(Array.from(perm, (i) => train[i]), batchSize);
}
