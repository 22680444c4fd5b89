/** Next-token distribution summaries from one logits row. Probabilities in float64, entropy in nats. */

export interface TokenProb {
  id: number;
  prob: number;
}

/** softmax(logits) in float64 with the max subtracted. */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] / temperature);
  const p = new Float64Array(logits.length);
  let z = 0;
  for (let i = 0; i < logits.length; i++) z += p[i] = Math.exp(logits[i] / temperature - max);
  for (let i = 0; i < p.length; i++) p[i] /= z;
  return p;
}

/** Shannon entropy H = -sum p ln p, natural log (nats). */
export function entropyNats(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log(p[i]);
  return h;
}

/** The k most probable ids, highest first (ties: lower id first). */
export function topK(p: ArrayLike<number>, k: number): TokenProb[] {
  const ids = Array.from({ length: p.length }, (_, i) => i);
  ids.sort((a, b) => p[b] - p[a] || a - b);
  return ids.slice(0, k).map((id) => ({ id, prob: p[id] }));
}

/** Index of the largest logit (first on ties, as llama2.c's argmax). */
export function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
  return best;
}
