/**
 * A sweep step run one model per worker call, so each model's rows reach the page (and are saved)
 * as soon as that model is done, instead of when the whole step ends. The worker's progress of
 * each call ("model 1 of 1 …") is rewritten to the step's numbering, so the queue reads as before.
 * Pure orchestration over a `runOne` function (the worker call), so it is unit-tested with a fake.
 */
import type { Progress } from '../runtime/jobs';
import type { SweepRequest, SweepResult } from '../runtime/sweep';

export type RunOne = (req: SweepRequest, onProgress: (p: Progress) => void) => Promise<SweepResult>;

/** The worker's words for model 1 of 1 as model `i + 1` of `n`, its fraction as a share of the step. */
export function stepProgress(p: Progress, i: number, n: number): Progress {
  const f = p.fraction === undefined ? undefined : (i + p.fraction) / n;
  if (/^sweep (done|cancelled)$/.test(p.message)) return { ...p, message: i + 1 < n ? `model ${i + 1} of ${n}: done` : p.message, fraction: f };
  return { ...p, message: p.message.replace(/^model 1 of 1\b/, `model ${i + 1} of ${n}`), fraction: f };
}

/**
 * Run `req`'s models one call each, in order. `onModelDone(i, one)` gets model i's result (a sweep
 * result of that one model; a model skipped after a cancel comes as cancelled with no rows) before
 * the next model starts; `stopped()` is checked between models
 * (a cancel that lands between two calls must not start the next). The return value is what one
 * call over every model would have returned.
 */
export async function sweepByModel(
  req: SweepRequest,
  runOne: RunOne,
  onProgress: (p: Progress) => void,
  onModelDone: (index: number, one: SweepResult) => void,
  stopped: () => boolean,
): Promise<SweepResult> {
  const out: SweepResult = { position: req.position, prompts: req.prompts, models: [], cancelled: false };
  const n = req.models.length;
  for (const [i, source] of req.models.entries()) {
    if (out.cancelled || stopped()) {
      out.cancelled = true;
      const skipped = { source, status: 'cancelled' as const, rows: [] };
      out.models.push(skipped);
      onModelDone(i, { ...out, models: [skipped] });
      continue;
    }
    const one = await runOne({ ...req, models: [source] }, (p) => onProgress(stepProgress(p, i, n)));
    const r = one.models[0] ?? { source, status: 'cancelled' as const, rows: [] };
    out.models.push(r);
    onModelDone(i, { ...one, models: [r] });
    if (one.cancelled) out.cancelled = true;
  }
  return out;
}
