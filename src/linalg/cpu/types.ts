/** A dense matrix or vector as the lab passes it around: row-major values, float32 or float64. */
export type Mat = Float32Array | Float64Array;

/** Throws when `a` does not hold exactly `rows * cols` values, naming the caller. */
export function checkShape(name: string, a: ArrayLike<number>, rows: number, cols: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new Error(`${name}: bad shape ${rows}x${cols}`);
  }
  if (a.length !== rows * cols) throw new Error(`${name}: expected ${rows}x${cols}=${rows * cols} values, got ${a.length}`);
}

/** Thrown (and recognised) when a long computation is cancelled through an AbortSignal. */
export function abortError(): Error {
  if (typeof DOMException !== 'undefined') return new DOMException('cancelled', 'AbortError');
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

/** Throws an AbortError when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}
