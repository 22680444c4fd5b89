import { nelderMead1d } from './nelder-mead';

/**
 * WeightWatcher's Marchenko-Pastur fit of an ESD (its `mp_fit` with `rescale=True`, the route of
 * `analyze(mp_fit=True)`), step for step, so mp_softrank matches WeightWatcher's:
 * 1. Rescale the eigenvalues so their mean is 1: W_scale = sqrt(M) / sqrt(sum lambda), lambda' = W_scale^2 lambda.
 * 2. Q = N / M (N the larger dimension). For Q = 1 the fit is on sqrt(lambda') against the quarter
 *    circle (1 / (pi sigma^2)) sqrt(4 - x^2), otherwise on lambda' against the MP density.
 * 3. Density of the data: a linear-kernel KDE (bandwidth 0.1, normalised 1 / (n h)) on 1000 points
 *    linspace(0, max + 0.5); points with density <= 0.01 are dropped (WW's "hack to fix fits").
 * 4. Residual for sigma: sum over the kept points of (rho_MP(x; sigma) - KDE(x))^2, with NaN/inf turned
 *    into numbers as numpy's nan_to_num does, and every residual set to 1000 when the MP edges do not
 *    bracket the KDE's peak or the upper edge lies beyond the kept points.
 * 5. Grid search (scipy brute) over sigma in [0.05 s0, 2 s0) step 0.01 s0, s0 = sqrt(lambda'_max / (1 + Q^-1/2)^2),
 *    with the grid built as numpy's arange builds it; the best grid point is polished by Nelder-Mead (fmin).
 * 6. lambda_plus = (sigma (1 + Q^-1/2))^2, soft rank = lambda_plus / lambda'_max; spikes are the
 *    eigenvalues above lambda_plus + sqrt(TW), TW = Q^-1/2 lambda_plus^(2/3) M^(-2/3).
 * Where WeightWatcher calls sklearn's KernelDensity we evaluate the same sum directly (it returns
 * exp(log(.)) of it, an ulp apart). For Q = 1 WeightWatcher's quarter circle does not scale its support
 * with sigma and the edge check is not applied; we keep that as it is, since the point is agreement.
 */

export type MpFit =
  | {
      status: 'fitted';
      /** aspect ratio N / M >= 1 */
      Q: number;
      /** fitted MP scale in the rescaled (mean-1) units */
      sigma: number;
      /** bulk edge in the original eigenvalue units (the units of s^2) */
      lambdaPlus: number;
      /** lambda_plus / lambda_max: WeightWatcher's mp_softrank */
      softRank: number;
      /** eigenvalues above the bulk edge plus the Tracy-Widom allowance */
      numSpikes: number;
    }
  | { status: 'failed'; reason: string };

const BANDWIDTH = 0.1;
const GRID = 1000;
const DENSITY_FLOOR = 0.01;
const LARGEST = 1.7976931348623157e308;

/** numpy.nan_to_num for one value */
function nanToNum(v: number): number {
  if (Number.isNaN(v)) return 0;
  if (v === Infinity) return LARGEST;
  if (v === -Infinity) return -LARGEST;
  return v;
}

/** The KDE of step 3 on its kept points: x and density, ascending x. */
interface KeptDensity {
  x: Float64Array;
  y: Float64Array;
  /** x where y is largest (first such point) */
  xPeak: number;
  /** largest kept x */
  xMax: number;
}

function keptDensity(values: Float64Array): KeptDensity | null {
  let max = -Infinity;
  for (const v of values) max = Math.max(max, v);
  const stop = max + 0.5;
  const step = stop / (GRID - 1);
  const n = values.length;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < GRID; i++) {
    const x = i === GRID - 1 ? stop : i * step;
    let acc = 0;
    for (let j = 0; j < n; j++) {
      const d = Math.abs(x - values[j]);
      if (d < BANDWIDTH) acc += 1 - d / BANDWIDTH;
    }
    const y = acc / (n * BANDWIDTH);
    if (y > DENSITY_FLOOR) {
      xs.push(x);
      ys.push(y);
    }
  }
  if (xs.length === 0) return null;
  let peak = 0;
  for (let i = 1; i < ys.length; i++) if (ys[i] > ys[peak]) peak = i;
  return { x: Float64Array.from(xs), y: Float64Array.from(ys), xPeak: xs[peak], xMax: xs[xs.length - 1] };
}

/** Step 4: the residual WeightWatcher's brute search minimises. */
function residual(sigma: number, kde: KeptDensity, Q: number): number {
  const { x, y } = kde;
  let total = 0;
  if (Q === 1) {
    for (let i = 0; i < x.length; i++) {
      const r = nanToNum((1 / (Math.PI * sigma * sigma)) * Math.sqrt(4 - x[i] ** 2)) - y[i];
      total += r * r;
    }
    return total;
  }
  const yq = 1 / Q;
  const b = (sigma * (1 + Math.sqrt(1 / Q))) ** 2;
  const a = (sigma * (1 - Math.sqrt(1 / Q))) ** 2;
  if (b < kde.xPeak || b > kde.xMax || a > kde.xPeak) return x.length * 1000 * 1000;
  for (let i = 0; i < x.length; i++) {
    const r = nanToNum((1 / (2 * Math.PI * sigma * sigma * x[i] * yq)) * Math.sqrt((b - x[i]) * (x[i] - a))) - y[i];
    total += r * r;
  }
  return total;
}

/**
 * MP fit of the eigenvalues `evals` (= s^2, all min(rows, cols) of them, any order) of a
 * [rows, cols] matrix.
 */
export function marchenkoPasturFit(evals: Float64Array, rows: number, cols: number): MpFit {
  const N = Math.max(rows, cols);
  const M = Math.min(rows, cols);
  const Q = N / M;
  let sum = 0;
  for (const v of evals) sum += v;
  if (!(sum > 0)) return { status: 'failed', reason: 'all eigenvalues are zero' };
  const wscale = Math.sqrt(evals.length) / Math.sqrt(sum);
  const w2 = wscale * wscale;
  const scaled = evals.map((v) => w2 * v);
  let lambdaMax = 0;
  for (const v of scaled) lambdaMax = Math.max(lambdaMax, v);
  const s0 = Math.sqrt(lambdaMax / (1 + 1.0 / Math.sqrt(Q)) ** 2);
  const kde = keptDensity(Q === 1 ? scaled.map(Math.sqrt) : scaled);
  if (!kde) return { status: 'failed', reason: 'the eigenvalue density never exceeds 0.01' };
  const f = (sigma: number): number => residual(sigma, kde, Q);
  // scipy brute: np.mgrid[slice(start, stop, step)] is np.arange, filled as start + i * ((start + step) - start).
  const start = 0.05 * s0;
  const stop = 2.0 * s0;
  const stepSize = 0.01 * s0;
  const count = Math.ceil((stop - start) / stepSize);
  const delta = start + stepSize - start;
  let best = start;
  let bestF = Infinity;
  for (let i = 0; i < count; i++) {
    const sigma = i === 0 ? start : start + i * delta;
    const v = f(sigma);
    if (v < bestF) {
      bestF = v;
      best = sigma;
    }
  }
  const polished = nelderMead1d(f, best);
  const sigma = polished.x;
  const bulkMax = (sigma * (1 + 1 / Math.sqrt(Q))) ** 2;
  const tw = (1 / Math.sqrt(Q)) * Math.pow(bulkMax, 2 / 3) * Math.pow(M, -2 / 3);
  const edge = bulkMax + Math.sqrt(tw);
  let numSpikes = 0;
  for (const v of scaled) if (v > edge) numSpikes++;
  return { status: 'fitted', Q, sigma, lambdaPlus: bulkMax / w2, softRank: bulkMax / lambdaMax, numSpikes };
}
