/**
 * The gradient of a scalar loss by central finite differences, one coordinate at a time:
 *   g_i = (f(theta + h e_i) - f(theta - h e_i)) / (2 h)
 * 2 n evaluations for n parameters. Used where the loss runs through a frozen onnxruntime graph that
 * gives no gradients (the modulator's alpha training, runtime/train-alpha.ts).
 *
 * Error: the truncation error is h^2 / 6 |f'''| and a loss computed with absolute noise e contributes
 * up to e / h, so the total is smallest near h* = (3 e / |f'''|)^(1/3). The step the alpha training
 * uses (TRAIN_ALPHA_FD_STEP in runtime/train-alpha.ts) comes from measuring both against an exact
 * complex-step gradient (scripts/reference_train_alpha.py).
 */

export interface FdGradient {
  /** [n] the central-difference gradient */ grad: Float64Array;
  /** [n] f(theta + h e_i) */ plus: Float64Array;
  /** [n] f(theta - h e_i) */ minus: Float64Array;
  /** loss evaluations made (2 n) */ evaluations: number;
}

/**
 * Central differences of `loss` at `theta` with step `h` (the same for every coordinate). `theta` is
 * not modified; `loss` receives a fresh copy each call. `signal` is checked between evaluations.
 */
export async function centralDifferenceGradient(
  loss: (theta: Float64Array) => Promise<number>,
  theta: Float64Array,
  h: number,
  signal?: AbortSignal,
): Promise<FdGradient> {
  if (!(h > 0 && Number.isFinite(h))) throw new RangeError(`finite-difference step must be positive, got ${h}`);
  const n = theta.length;
  const grad = new Float64Array(n);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const at = (d: number) => {
      const x = Float64Array.from(theta);
      x[i] += d;
      return x;
    };
    signal?.throwIfAborted();
    plus[i] = await loss(at(h));
    signal?.throwIfAborted();
    minus[i] = await loss(at(-h));
    grad[i] = (plus[i] - minus[i]) / (2 * h);
  }
  return { grad, plus, minus, evaluations: 2 * n };
}
