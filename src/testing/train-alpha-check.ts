/**
 * The alpha training's gradient check against a complex-step reference (scripts/reference_train_alpha.py),
 * shared by the decoder-only and T5 tests: per reference point the lab's batch loss and its
 * finite-difference gradient, with their errors against the reference's loss and exact gradient.
 */
import { batchLoss, TRAIN_ALPHA_FD_STEP, type AlphaExample, type AlphaTrainable } from '../runtime/train-alpha';
import { centralDifferenceGradient } from '../analysis/modulation/train/fd-gradient';

export interface ReferencePoint {
  theta: number[];
  loss: number;
  /** d loss / d theta by the complex step */ grad: number[];
}

export interface GradientCheck {
  /** alpha = sigmoid(theta) of the point */ alphas: number[];
  /** |loss - reference| / reference */ lossRel: number;
  /** max |FD gradient - reference gradient| */ err: number;
  /** max |reference gradient| */ gmax: number;
}

export async function checkGradients(model: AlphaTrainable, examples: readonly AlphaExample[], batch: readonly number[], points: readonly ReferencePoint[], table: Float32Array): Promise<GradientCheck[]> {
  const target = { kind: 'table' as const, data: table };
  const out: GradientCheck[] = [];
  for (const p of points) {
    const theta = Float64Array.from(p.theta);
    const loss = await batchLoss(model, examples, batch, theta, target);
    const fd = await centralDifferenceGradient((th) => batchLoss(model, examples, batch, th, target), theta, TRAIN_ALPHA_FD_STEP);
    out.push({
      alphas: p.theta.map((t) => 1 / (1 + Math.exp(-t))),
      lossRel: Math.abs(loss - p.loss) / p.loss,
      err: Math.max(...p.grad.map((g, i) => Math.abs(fd.grad[i] - g))),
      gmax: Math.max(...p.grad.map(Math.abs)),
    });
  }
  return out;
}

/** max |a - b| / max |b|: how far a recomputed table is from the committed one. */
export function tableError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return worst / scale;
}
