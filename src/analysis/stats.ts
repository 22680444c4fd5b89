import tCdf from '@stdlib/stats-base-dists-t-cdf';

/**
 * Descriptive statistics and the tests of the residual-gain studies, matching scipy.stats
 * (checked against fixtures/stats.reference.json, written by scripts/reference_stats.py).
 *
 * Conventions: inputs are any `ArrayLike<number>` (number[], Float32Array, Float64Array); all
 * arithmetic is float64. A statistic that is mathematically undefined (too few points, zero
 * variance, a non-finite input) is returned as `{ ok: false, reason }`, never as NaN, so the UI
 * can show the reason (t = ±Infinity only for an exact fit, |r| = 1, whose p = 0 is exact). Mismatched x/y lengths are a caller bug and throw a RangeError.
 * Student-t probabilities come from @stdlib/stats-base-dists-t-cdf (regularised incomplete beta).
 */

/** 'less': H1 is statistic < null; 'greater': H1 is statistic > null; 'two-sided': either (scipy's `alternative`). */
export type Alternative = 'less' | 'greater' | 'two-sided';

/** A statistic that does not exist for these data, with the reason in words. */
export type Undefined = { ok: false; reason: string };

/** Mean, spread and range of one sample. */
export interface Description {
  ok: true;
  n: number;
  mean: number;
  /** sample standard deviation, ddof = 1 (divides by n - 1; numpy std(ddof=1), pandas .std()); null when n < 2 */
  stdSample: number | null;
  /** population standard deviation, ddof = 0 (divides by n; numpy std() default) */
  stdPopulation: number;
  min: number;
  max: number;
}

/** One-sample Student t-test of mean(xs) against mu0. */
export interface TTestResult {
  ok: true;
  n: number;
  /** degrees of freedom, n - 1 */
  df: number;
  mean: number;
  mu0: number;
  /** sample standard deviation, ddof = 1 */
  stdSample: number;
  /** stdSample / sqrt(n) */
  standardError: number;
  /** (mean - mu0) / standardError */
  t: number;
  p: number;
  alternative: Alternative;
}

/** A correlation coefficient with its t-test (n - 2 degrees of freedom). */
export interface CorrelationResult {
  ok: true;
  n: number;
  /** degrees of freedom, n - 2 */
  df: number;
  /** Pearson r, or Spearman's rho (Pearson r of the average ranks) */
  r: number;
  /** r * sqrt(df / ((1 - r)(1 + r))); ±Infinity when |r| = 1 */
  t: number;
  p: number;
  alternative: Alternative;
}

/** Spearman's rank correlation: `r` is rho; tie counts say how much averaging happened. */
export interface SpearmanResult extends CorrelationResult {
  /** same number as `r`, under its usual name */
  rho: number;
  /** values of x (resp. y) that share their value with another one, so got an average rank */
  tiedX: number;
  tiedY: number;
}

/** Inference of a least-squares line; needs n >= 3 and variance in y. */
export interface RegressionInference {
  ok: true;
  /** degrees of freedom, n - 2 */
  df: number;
  /** Pearson r of x and y */
  r: number;
  /** r squared: the fraction of the variance of y explained by the line */
  rSquared: number;
  /** t statistic of the slope against 0 (= slope / stderr) */
  t: number;
  /** p-value of the slope against 0 (same as Pearson's p) */
  p: number;
  alternative: Alternative;
  /** standard error of the slope: sqrt((1 - r^2) * Syy / Sxx / df) */
  stderr: number;
  /** standard error of the intercept: stderr * sqrt(Sxx / n + mean(x)^2) */
  interceptStderr: number;
}

/** Least-squares line y = slope * x + intercept (scipy.stats.linregress). */
export interface LineFit {
  ok: true;
  n: number;
  slope: number;
  intercept: number;
  /** r, p and standard errors, or why they do not exist (n = 2, constant y) */
  inference: RegressionInference | Undefined;
}

const undef = (reason: string): Undefined => ({ ok: false, reason });

function firstNonFinite(xs: ArrayLike<number>, name: string): Undefined | null {
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i])) return undef(`non-finite value ${xs[i]} in ${name} at index ${i}`);
  }
  return null;
}

function isConstant(xs: ArrayLike<number>): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i] !== xs[0]) return false;
  return true;
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Sum of squared deviations from the mean (two-pass, as numpy). */
function sumSquares(xs: ArrayLike<number>, m: number): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) * (xs[i] - m);
  return s;
}

const checkPair = (x: ArrayLike<number>, y: ArrayLike<number>): void => {
  if (x.length !== y.length) throw new RangeError(`x has ${x.length} values but y has ${y.length}`);
};

/**
 * p-value of a Student t statistic with `df` degrees of freedom: 'less' = P(T <= t),
 * 'greater' = P(T >= t), 'two-sided' = 2 P(T >= |t|). Upper tails are taken as lower tails of -t,
 * so small p-values keep their relative precision. t = ±Infinity gives 0 or 1.
 */
export function tPValue(t: number, df: number, alternative: Alternative): number {
  if (alternative === 'less') return tCdf(t, df);
  if (alternative === 'greater') return tCdf(-t, df);
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/** n, mean, std with ddof = 1 (`stdSample`) and ddof = 0 (`stdPopulation`), min, max. Undefined for n = 0. */
export function describe(xs: ArrayLike<number>): Description | Undefined {
  const n = xs.length;
  if (n === 0) return undef('n = 0: no values to describe');
  const bad = firstNonFinite(xs, 'xs');
  if (bad) return bad;
  const m = mean(xs);
  const ss = sumSquares(xs, m);
  let [min, max] = [xs[0], xs[0]];
  for (let i = 1; i < n; i++) [min, max] = [Math.min(min, xs[i]), Math.max(max, xs[i])];
  return { ok: true, n, mean: m, stdSample: n > 1 ? Math.sqrt(ss / (n - 1)) : null, stdPopulation: Math.sqrt(ss / n), min, max };
}

/**
 * One-sample t-test of mean(xs) against mu0 (scipy.stats.ttest_1samp(xs, mu0, alternative)), with
 * the sample std (ddof = 1) and df = n - 1. For "do the last layers dampen?" test the gains with
 * mu0 = 1 and alternative 'less'. Defined from n = 2 (df = 1). Undefined for n < 2 and for
 * constant data, where scipy returns nan (data = mu0) or ±inf (otherwise) or, when the float mean
 * misses the constant by an ulp, a meaningless t near ±1e16.
 */
export function tTestOneSample(xs: ArrayLike<number>, mu0: number, alternative: Alternative = 'two-sided'): TTestResult | Undefined {
  const n = xs.length;
  if (n < 2) return undef(`n = ${n}: a t-test needs at least 2 values (df = n - 1)`);
  const bad = firstNonFinite(xs, 'xs') ?? firstNonFinite([mu0], 'mu0');
  if (bad) return bad;
  if (isConstant(xs)) return undef(`zero variance: all ${n} values equal ${xs[0]}, so the t statistic is undefined`);
  const m = mean(xs);
  const stdSample = Math.sqrt(sumSquares(xs, m) / (n - 1));
  const standardError = stdSample / Math.sqrt(n);
  const t = (m - mu0) / standardError;
  return { ok: true, n, df: n - 1, mean: m, mu0, stdSample, standardError, t, p: tPValue(t, n - 1, alternative), alternative };
}

/** means, and sums of squared / crossed deviations from them */
type Moments = { n: number; mx: number; my: number; sxx: number; syy: number; sxy: number };

function moments(x: ArrayLike<number>, y: ArrayLike<number>): Moments {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  for (let i = 0; i < x.length; i++) sxy += (x[i] - mx) * (y[i] - my);
  return { n: x.length, mx, my, sxx: sumSquares(x, mx), syy: sumSquares(y, my), sxy };
}

/** r clipped to [-1, 1] (rounding can overshoot), and its t statistic with n - 2 df. */
function rAndT(m: Moments): { r: number; t: number } {
  // sqrt(Sxx Syy) rounds once less than sqrt(Sxx) sqrt(Syy), so exact lines give |r| = 1 exactly.
  const product = m.sxx * m.syy;
  const norm = Number.isFinite(product) && product > 0 ? Math.sqrt(product) : Math.sqrt(m.sxx) * Math.sqrt(m.syy);
  const r = Math.max(-1, Math.min(1, m.sxy / norm));
  const oneMinusR2 = (1 - r) * (1 + r);
  const t = oneMinusR2 === 0 ? (r > 0 ? Infinity : -Infinity) : r * Math.sqrt((m.n - 2) / oneMinusR2);
  return { r, t };
}

/** The undefined cases shared by Pearson and Spearman, or null when r and its p exist. */
function correlationUndefined(x: ArrayLike<number>, y: ArrayLike<number>): Undefined | null {
  checkPair(x, y);
  const n = x.length;
  if (n < 2) return undef(`n = ${n}: a correlation needs at least 3 points`);
  if (n === 2)
    return undef('n = 2: two points always lie on a line, so r = ±1 says nothing and has no test (df = 0); scipy returns r = ±1 with p = 1 (pearsonr) or nan (spearmanr)');
  const bad = firstNonFinite(x, 'x') ?? firstNonFinite(y, 'y');
  if (bad) return bad;
  if (isConstant(x)) return undef('zero variance in x: the correlation is undefined');
  if (isConstant(y)) return undef('zero variance in y: the correlation is undefined');
  return null;
}

/**
 * Pearson r with its p-value from Student t with n - 2 df (scipy.stats.pearsonr; scipy's beta
 * form of the null distribution is the same distribution). Undefined for n <= 2 (scipy: r = ±1,
 * p = 1 at n = 2) and for constant x or y (scipy: nan).
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>, alternative: Alternative = 'two-sided'): CorrelationResult | Undefined {
  const u = correlationUndefined(x, y);
  if (u) return u;
  const m = moments(x, y);
  const { r, t } = rAndT(m);
  return { ok: true, n: m.n, df: m.n - 2, r, t, p: tPValue(t, m.n - 2, alternative), alternative };
}

/**
 * Ranks 1..n with ties given the average of the ranks they span (scipy.stats.rankdata,
 * method 'average'): [10, 20, 20, 30] -> [1, 2.5, 2.5, 4].
 */
export function averageRanks(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const ranks = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && xs[order[end]] === xs[order[start]]) end++;
    const rank = (start + 1 + end) / 2; // mean of the 1-based ranks start+1 .. end
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}

function tiedCount(xs: ArrayLike<number>): number {
  const seen = new Map<number, number>();
  for (let i = 0; i < xs.length; i++) seen.set(xs[i], (seen.get(xs[i]) ?? 0) + 1);
  let tied = 0;
  for (const c of seen.values()) if (c > 1) tied += c;
  return tied;
}

/**
 * Spearman's rho: Pearson r of the average ranks (ties share the mean of their ranks), p from
 * Student t with n - 2 df and no tie correction, as scipy.stats.spearmanr. Invariant under any
 * strictly increasing transform of x or y. Undefined for n <= 2 and for constant x or y.
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>, alternative: Alternative = 'two-sided'): SpearmanResult | Undefined {
  const u = correlationUndefined(x, y);
  if (u) return u;
  const m = moments(averageRanks(x), averageRanks(y));
  const { r, t } = rAndT(m);
  const df = m.n - 2;
  return { ok: true, n: m.n, df, r, rho: r, t, p: tPValue(t, df, alternative), alternative, tiedX: tiedCount(x), tiedY: tiedCount(y) };
}

/**
 * Least-squares line of y on x (scipy.stats.linregress(x, y, alternative)). The line exists for
 * n >= 2 with variance in x (scipy raises otherwise). Its inference (r, p of the slope against 0,
 * standard errors) needs n >= 3 and variance in y: at n = 2 scipy returns p = 0 or 1 and stderr 0
 * by convention, for constant y it returns nan; here both are `inference: { ok: false }`. An exact
 * fit (|r| = 1) gives t = ±Infinity and p = 0 (scipy adds 1e-20 to 1 ± r, so its p is tiny, not 0).
 */
export function linregress(x: ArrayLike<number>, y: ArrayLike<number>, alternative: Alternative = 'two-sided'): LineFit | Undefined {
  checkPair(x, y);
  const n = x.length;
  if (n < 2) return undef(`n = ${n}: a line needs at least 2 points`);
  const bad = firstNonFinite(x, 'x') ?? firstNonFinite(y, 'y');
  if (bad) return bad;
  if (isConstant(x)) return undef('zero variance in x: the slope is undefined');
  const m = moments(x, y);
  const slope = m.sxy / m.sxx;
  const intercept = m.my - slope * m.mx;
  let inference: RegressionInference | Undefined;
  if (n === 2) inference = undef('n = 2: the line passes through both points (df = 0), so r = ±1 and p and the standard errors are undefined');
  else if (isConstant(y)) inference = undef('zero variance in y: r is undefined (the line is flat and fits exactly)');
  else {
    const df = n - 2;
    const { r, t } = rAndT(m);
    const stderr = Math.sqrt(Math.max(0, (1 - r) * (1 + r)) * (m.syy / m.sxx) / df);
    const interceptStderr = stderr * Math.sqrt(m.sxx / n + m.mx * m.mx);
    inference = { ok: true, df, r, rSquared: r * r, t, p: tPValue(t, df, alternative), alternative, stderr, interceptStderr };
  }
  return { ok: true, n, slope, intercept, inference };
}
