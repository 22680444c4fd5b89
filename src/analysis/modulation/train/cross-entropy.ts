/**
 * The training loss of the alpha training: cross-entropy (natural log, nats) of one label per
 * example against that example's last-position logits, torch.nn.functional.cross_entropy's
 * mean reduction. Accumulated in float64 from the float32 logits, with a max-shifted log-sum-exp.
 */

export interface CrossEntropy {
  /** [batch] -log softmax(logits_b)[label_b], nats */ perExample: Float64Array;
  /** mean over the batch, nats */ mean: number;
}

/** logits: [batch, vocab] row-major; labels: [batch] ids in [0, vocab). */
export function crossEntropy(logits: ArrayLike<number>, vocab: number, labels: ArrayLike<number>): CrossEntropy {
  const B = labels.length;
  if (logits.length !== B * vocab) throw new Error(`cross-entropy: logits hold ${logits.length} values, want batch ${B} x vocab ${vocab}`);
  const perExample = new Float64Array(B);
  let sum = 0;
  for (let b = 0; b < B; b++) {
    const y = labels[b];
    if (!(Number.isInteger(y) && y >= 0 && y < vocab)) throw new RangeError(`cross-entropy: label ${y} is not in [0, ${vocab})`);
    const o = b * vocab;
    let max = -Infinity;
    for (let v = 0; v < vocab; v++) max = Math.max(max, logits[o + v]);
    let s = 0;
    for (let v = 0; v < vocab; v++) s += Math.exp(logits[o + v] - max);
    perExample[b] = max + Math.log(s) - logits[o + y];
    sum += perExample[b];
  }
  return { perExample, mean: B ? sum / B : NaN };
}

export interface LabelCrossEntropy {
  /** per example, [labels] -log softmax(logits_t)[label_t], nats */ perToken: Float64Array[];
  /** label tokens over the whole batch */ tokens: number;
  /** mean over every label token of the batch (not the mean of per-example means), nats */ mean: number;
}

/**
 * The seed's T5 loss: F.cross_entropy over the flattened [batch * label_len] labels with padding
 * ignored, i.e. the mean over every real label token of the batch, so a longer label weighs more.
 * rows[b]: [labels[b].length, vocab] row-major logits of example b, row t predicting labels[b][t].
 */
export function labelCrossEntropy(rows: readonly ArrayLike<number>[], vocab: number, labels: readonly ArrayLike<number>[]): LabelCrossEntropy {
  if (rows.length !== labels.length) throw new Error(`cross-entropy: ${rows.length} logit blocks for ${labels.length} label lists`);
  let sum = 0;
  let tokens = 0;
  const perToken = rows.map((r, b) => {
    const ce = crossEntropy(r, vocab, labels[b]).perExample;
    for (const x of ce) sum += x;
    tokens += ce.length;
    return ce;
  });
  return { perToken, tokens, mean: tokens ? sum / tokens : NaN };
}
