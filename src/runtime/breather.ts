/** A throttled yield for long loops of short async steps (the Modulator's decode steps). */
import { yieldToEvents } from './jobs';

/**
 * A function that lets queued messages in (a newer slider value, a cancel) between decode steps, but
 * at most every `minMs`: a timer yield per step costs 1-4 ms (browsers clamp nested timeouts), a whole
 * 32-token continuation of a small model takes tens of ms, and a stale run may finish one more step anyway.
 */
export function breather(minMs = 8): () => Promise<void> {
  let last = 0;
  return async () => {
    if (performance.now() - last < minMs) return;
    await yieldToEvents();
    last = performance.now();
  };
}
