/**
 * Resume, as data: which worker sweeps still have to run, and how a sweep's result joins the
 * run. A run keeps, per model, one slot per prompt of its prompt set; Resume re-runs only the
 * empty slots. A model with no rows joins one sweep with every other such model over the whole
 * prompt set; a model cancelled part-way gets a sweep of its own over just its missing prompts
 * (the worker loads it again, then measures only those). Pure, so it is unit-tested.
 */
import type { SweepResult } from '../runtime/sweep';
import type { ModelRun, ModelRunStatus, QueuedModel } from './study-store';

/** One worker sweep: these models (by key) over these prompts (indices into the run's prompt set). */
export interface SweepStep {
  models: string[];
  promptIndex: number[];
}

const missing = (run: ModelRun | undefined, n: number): number[] =>
  Array.from({ length: n }, (_, i) => i).filter((i) => !run || run.rows[i] === null || run.rows[i] === undefined);

/** The sweeps a resume needs: partial models first (each alone), then one sweep of the untouched ones. */
export function planResume(queue: readonly QueuedModel[], runs: Readonly<Record<string, ModelRun>>, nPrompts: number): SweepStep[] {
  const steps: SweepStep[] = [];
  const fresh: string[] = [];
  for (const q of queue) {
    const todo = missing(runs[q.key], nPrompts);
    if (todo.length === 0) continue;
    if (todo.length === nPrompts) fresh.push(q.key);
    else steps.push({ models: [q.key], promptIndex: todo });
  }
  if (fresh.length) steps.push({ models: fresh, promptIndex: Array.from({ length: nPrompts }, (_, i) => i) });
  return steps;
}

/** The first sweep of a run: every queued model over the whole prompt set. */
export function planFresh(queue: readonly QueuedModel[], nPrompts: number): SweepStep[] {
  return queue.length ? [{ models: queue.map((q) => q.key), promptIndex: Array.from({ length: nPrompts }, (_, i) => i) }] : [];
}

/** A run's status from its slots and the worker's word on the last sweep. */
export function statusOf(rows: readonly unknown[], worker: 'done' | 'failed' | 'cancelled'): ModelRunStatus {
  const have = rows.filter((r) => r !== null && r !== undefined).length;
  if (have === rows.length && rows.length > 0) return 'done';
  if (worker === 'failed') return 'failed';
  return have > 0 ? 'partial' : 'cancelled';
}

/**
 * Join a sweep's result into the runs: the k-th row of a model fills slot step.promptIndex[k]
 * (the worker measures the prompts in order and stops at a cancel, so its rows are a prefix).
 */
export function mergeSweep(runs: Readonly<Record<string, ModelRun>>, step: SweepStep, result: SweepResult, nPrompts: number): Record<string, ModelRun> {
  const out = { ...runs };
  step.models.forEach((key, mi) => {
    const r = result.models[mi];
    const old = out[key];
    if (!r || !old) return;
    const rows = Array.from({ length: nPrompts }, (_, i) => old.rows[i] ?? null);
    r.rows.forEach((row, k) => {
      const slot = step.promptIndex[k];
      if (slot !== undefined) rows[slot] = row;
    });
    const status = statusOf(rows, r.status);
    out[key] = {
      ...old,
      rows,
      status,
      ...(status === 'failed' ? { error: r.error ?? 'failed' } : { error: undefined }),
      ...(r.card ? { card: r.card } : {}),
      ...(r.ep ? { ep: r.ep.ep } : {}),
      ...(r.tokenization ? { tokenization: r.tokenization } : {}),
    };
  });
  return out;
}

/** Empty runs for models that are queued but not in the run yet (added after it started). */
export function withQueued(runs: Readonly<Record<string, ModelRun>>, queue: readonly QueuedModel[], nPrompts: number): Record<string, ModelRun> {
  const out = { ...runs };
  for (const q of queue) if (!out[q.key]) out[q.key] = { key: q.key, source: q.source, status: 'queued', rows: Array.from({ length: nPrompts }, () => null) };
  return out;
}
