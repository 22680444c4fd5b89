/** Seeded sampling for reproducible generation: the same seed gives the same text on every machine. */
import { softmax } from './logits';

/** mulberry32: a small, well-distributed 32-bit PRNG; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sample an id from softmax(logits / temperature), optionally restricted to the nucleus of mass topP. */
export function sampleToken(logits: ArrayLike<number>, temperature: number, rand: () => number, topP = 1): number {
  const p = softmax(logits, temperature);
  const order = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
  let keep = order.length;
  if (topP < 1) {
    let mass = 0;
    for (let i = 0; i < order.length; i++) {
      mass += p[order[i]];
      if (mass >= topP) {
        keep = i + 1;
        break;
      }
    }
  }
  let total = 0;
  for (let i = 0; i < keep; i++) total += p[order[i]];
  let r = rand() * total;
  for (let i = 0; i < keep; i++) {
    r -= p[order[i]];
    if (r <= 0) return order[i];
  }
  return order[keep - 1];
}
