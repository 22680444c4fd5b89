/** Progress and cancellation for the long loops of the embedding battery (synchronous, worker-friendly). */
import { throwIfAborted } from '../../linalg/cpu/types';

/** What every long measurement accepts. */
export interface JobOptions {
  /** checked every few thousand units of work; once aborted, the measurement throws an AbortError */
  signal?: AbortSignal;
  /** fraction of the measurement done, in [0, 1]; called at most about 100 times, and with 1 at the end */
  onProgress?: (fraction: number) => void;
}

/**
 * Counts units of work toward a known total, checks the signal every `checkEvery` units (or every
 * 0.5% of the total, if that is sooner) and reports progress in steps of about 1%, so the cost per
 * unit stays a compare and an add.
 */
export class Ticker {
  private done = 0;
  private nextCheck: number;
  private lastReported = -1;

  private readonly checkEvery: number;

  constructor(
    private readonly total: number,
    private readonly opts: JobOptions = {},
    checkEvery = 4096,
  ) {
    throwIfAborted(opts.signal);
    this.checkEvery = Math.max(1, Math.min(checkEvery, Math.ceil(total / 200)));
    this.nextCheck = this.checkEvery;
  }

  /** Adds `n` units of work done. */
  tick(n = 1): void {
    this.done += n;
    if (this.done < this.nextCheck) return;
    this.nextCheck = this.done + this.checkEvery;
    throwIfAborted(this.opts.signal);
    const f = this.total > 0 ? Math.min(1, this.done / this.total) : 1;
    if (this.opts.onProgress && f - this.lastReported >= 0.01) {
      this.lastReported = f;
      this.opts.onProgress(f);
    }
  }

  /** Checks the signal once more and reports 1. */
  finish(): void {
    throwIfAborted(this.opts.signal);
    this.opts.onProgress?.(1);
  }
}

/** Options for one stage of a multi-stage job: its progress is mapped into [from, to] of the parent's. */
export function stage(opts: JobOptions, from: number, to: number): JobOptions {
  const { signal, onProgress } = opts;
  return { signal, onProgress: onProgress && ((f) => onProgress(from + (to - from) * f)) };
}
