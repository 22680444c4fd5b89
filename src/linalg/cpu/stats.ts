/** Small descriptive statistics over typed arrays, matching numpy's defaults (float64 arithmetic). */

/**
 * The p-th percentile (p in [0, 100]) of an ascending-sorted array, numpy's default 'linear'
 * method: virtual index h = (n - 1) p / 100, interpolated between its neighbours the way
 * numpy's _lerp does (from the upper neighbour when the weight is >= 0.5) so results agree to the ulp.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile: p must be in [0, 100], got ${p}`);
  const h = (n - 1) * (p / 100);
  const lo = Math.min(Math.floor(h), n - 1);
  const hi = Math.min(lo + 1, n - 1);
  const t = h - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Sorted float64 copy (ascending; NaN last), for percentile(). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Arithmetic mean (NaN for an empty array); pairwise summation keeps it close to numpy's. */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  return n === 0 ? NaN : pairwiseSum(values, 0, n) / n;
}

/** Standard deviation with `ddof` delta degrees of freedom (numpy's np.std default ddof = 0). */
export function std(values: ArrayLike<number>, ddof = 0): number {
  const n = values.length;
  if (n - ddof <= 0) return NaN;
  const m = mean(values);
  const dev = new Float64Array(n);
  for (let i = 0; i < n; i++) dev[i] = (values[i] - m) * (values[i] - m);
  return Math.sqrt(pairwiseSum(dev, 0, n) / (n - ddof));
}

/** Sum of values[lo, hi) by recursive halving, error ~ eps log n like numpy's np.sum. */
function pairwiseSum(values: ArrayLike<number>, lo: number, hi: number): number {
  if (hi - lo <= 128) {
    let s = 0;
    for (let i = lo; i < hi; i++) s += values[i];
    return s;
  }
  const mid = lo + ((hi - lo) >> 1);
  return pairwiseSum(values, lo, mid) + pairwiseSum(values, mid, hi);
}

export interface Histogram {
  /** [bins + 1] bin edges, ascending; bin i is [edges[i], edges[i+1]), the last bin also includes its right edge. */
  edges: Float64Array;
  /** [bins] number of values in each bin. */
  counts: Float64Array;
}

/**
 * numpy.histogram with `bins` equal-width bins over `range` (default [min, max], widened by 0.5
 * each side when min = max). Values outside the range (and NaN) are not counted. Edges follow
 * np.linspace (start + i * step, last edge exactly `range[1]`); computed in float64, so it matches
 * numpy bit for bit on float64 input.
 */
export function histogram(values: ArrayLike<number>, bins: number, range?: [number, number]): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`histogram: bins must be a positive integer, got ${bins}`);
  let first: number;
  let last: number;
  if (range) {
    [first, last] = range;
    if (!(first <= last) || !Number.isFinite(first) || !Number.isFinite(last)) throw new Error(`histogram: bad range [${first}, ${last}]`);
  } else if (values.length === 0) {
    first = 0;
    last = 1;
  } else {
    first = Infinity;
    last = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v < first) first = v;
      if (v > last) last = v;
    }
    if (!Number.isFinite(first) || !Number.isFinite(last)) throw new Error('histogram: autodetected range is not finite');
  }
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const edges = new Float64Array(bins + 1);
  const step = (last - first) / bins;
  for (let i = 0; i <= bins; i++) edges[i] = i * step + first;
  edges[bins] = last;
  const counts = new Float64Array(bins);
  const denom = last - first;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= first && v <= last)) continue;
    let k = Math.trunc(((v - first) / denom) * bins);
    if (k === bins) k--;
    // The index formula can be off by one within an ulp of an edge; numpy corrects against the edges.
    if (v < edges[k]) k--;
    if (v >= edges[k + 1] && k !== bins - 1) k++;
    counts[k]++;
  }
  return { edges, counts };
}
