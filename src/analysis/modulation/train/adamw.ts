/**
 * AdamW as PyTorch's torch.optim.AdamW computes it (the seed's optimizer, seed 05 section 9), on a
 * float64 parameter vector: decoupled weight decay first (theta *= 1 - lr * wd), then the
 * bias-corrected Adam step theta -= lr * m_hat / (sqrt(v_hat) + eps). PyTorch's defaults: betas
 * (0.9, 0.999), eps 1e-8; the seed sets weight_decay 0.01.
 */

export interface AdamWOptions {
  /** default 0.9 */ beta1?: number;
  /** default 0.999 */ beta2?: number;
  /** default 1e-8, added to sqrt(v_hat) */ eps?: number;
  /** decoupled weight decay (default 0.01, the seed's; PyTorch's own default is also 0.01) */ weightDecay?: number;
}

/** Optimizer state, one entry per parameter. */
export interface AdamWState {
  /** [n] first-moment estimate */ m: Float64Array;
  /** [n] second-moment estimate */ v: Float64Array;
  /** steps taken so far */ t: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

export function adamwInit(n: number, o: AdamWOptions = {}): AdamWState {
  return { m: new Float64Array(n), v: new Float64Array(n), t: 0, beta1: o.beta1 ?? 0.9, beta2: o.beta2 ?? 0.999, eps: o.eps ?? 1e-8, weightDecay: o.weightDecay ?? 0.01 };
}

/** One AdamW step at learning rate `lr`: updates `theta` and `state` in place. */
export function adamwStep(theta: Float64Array, grad: ArrayLike<number>, state: AdamWState, lr: number): void {
  if (grad.length !== theta.length || state.m.length !== theta.length) throw new Error(`AdamW: theta has ${theta.length} entries, grad ${grad.length}, state ${state.m.length}`);
  const { beta1: b1, beta2: b2, eps } = state;
  state.t += 1;
  const c1 = 1 - b1 ** state.t;
  const c2 = 1 - b2 ** state.t;
  for (let i = 0; i < theta.length; i++) {
    const g = grad[i];
    theta[i] *= 1 - lr * state.weightDecay;
    state.m[i] = b1 * state.m[i] + (1 - b1) * g;
    state.v[i] = b2 * state.v[i] + (1 - b2) * g * g;
    // PyTorch's form: step = lr / c1, denominator sqrt(v) / sqrt(c2) + eps.
    theta[i] -= (lr / c1) * (state.m[i] / (Math.sqrt(state.v[i]) / Math.sqrt(c2) + eps));
  }
}
