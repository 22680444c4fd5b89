/** Cooperative cancellation: long jobs check their token between steps. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(what = 'job') {
    super(`${what} cancelled`);
  }
}

export class Jobs {
  private cancelled = new Set<string>();

  cancel(jobId: string): void {
    this.cancelled.add(jobId);
  }

  /** Throw CancelledError if the job was cancelled. */
  check(jobId: string | undefined, what?: string): void {
    if (jobId && this.cancelled.has(jobId)) {
      this.cancelled.delete(jobId);
      throw new CancelledError(what);
    }
  }

  done(jobId: string | undefined): void {
    if (jobId) this.cancelled.delete(jobId);
  }
}

export interface Progress {
  /** short machine-readable stage, e.g. "download", "parse", "surgery", "session" */ stage: string;
  /** what the user reads */ message: string;
  /** the file a download step is about (per-file progress bars) */ file?: string;
  /** download rate, bytes per second */ rate?: number;
  /** estimated seconds left in this file's download */ secondsLeft?: number;
  /** 0..1 when known */ fraction?: number;
  loaded?: number;
  total?: number;
}

export type ProgressFn = (p: Progress) => void;

/** Let the event loop run (so a cancel message can arrive) before the next step. */
export const yieldToEvents = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
