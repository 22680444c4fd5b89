import { describe, expect, it } from 'vitest';
import { mergeSweep, planFresh, planResume, statusOf, withQueued } from './study-resume';
import type { ModelRun, QueuedModel } from './study-store';
import type { PromptRow } from '../analysis/aggregate';
import type { SweepResult } from '../runtime/sweep';

const src = (name: string) => ({ kind: 'hf' as const, location: { hub: { repo: `o/${name}`, revision: 'main' } } });
const q = (name: string): QueuedModel => ({ key: name, source: src(name) });
const row = (prompt: string, g = 1): PromptRow => ({
  prompt, category: null, position: 'last', G_hf_last: g, G_hf_penult: g, G_block_last: g, G_block: [g], total: g, entropyNats: 1, topToken: 'x', topProb: 0.5,
});
const run = (key: string, rows: (PromptRow | null)[], status: ModelRun['status'] = 'partial'): ModelRun => ({ key, source: src(key), status, rows });

describe('resume planning', () => {
  const queue = [q('a'), q('b'), q('c'), q('d')];
  const runs = {
    a: run('a', [row('p0'), row('p1'), row('p2')], 'done'),
    b: run('b', [row('p0'), null, null]),
    c: run('c', [null, null, null], 'cancelled'),
    d: run('d', [null, null, null], 'failed'),
  };

  it('skips done models, resumes partial ones alone on their missing prompts, then the untouched together', () => {
    expect(planResume(queue, runs, 3)).toEqual([
      { models: ['b'], promptIndex: [1, 2] },
      { models: ['c', 'd'], promptIndex: [0, 1, 2] },
    ]);
  });

  it('plans nothing when every pair is measured, and a fresh run sweeps all models over all prompts', () => {
    expect(planResume([q('a')], runs, 3)).toEqual([]);
    expect(planFresh(queue, 2)).toEqual([{ models: ['a', 'b', 'c', 'd'], promptIndex: [0, 1] }]);
    expect(planFresh([], 2)).toEqual([]);
  });

  it('a model queued after the run started gets empty slots and a full sweep', () => {
    const more = withQueued(runs, [...queue, q('e')], 3);
    expect(more.e.rows).toEqual([null, null, null]);
    expect(planResume([q('e')], more, 3)).toEqual([{ models: ['e'], promptIndex: [0, 1, 2] }]);
  });
});

describe('merging a sweep into the run', () => {
  it('puts the k-th row of a resumed model into the k-th missing slot and recomputes its status', () => {
    const runs = { b: run('b', [row('p0', 1), null, null]) };
    const result: SweepResult = { position: 'last', prompts: [], cancelled: false, models: [{ source: src('b'), status: 'done', rows: [row('p1', 2), row('p2', 3)] }] };
    const out = mergeSweep(runs, { models: ['b'], promptIndex: [1, 2] }, result, 3);
    expect(out.b.rows.map((r) => r?.G_block_last)).toEqual([1, 2, 3]);
    expect(out.b.status).toBe('done');
    expect(runs.b.rows[1]).toBeNull();
  });

  it('a cancel keeps the prefix measured; a failure keeps its error', () => {
    const runs = { a: run('a', [null, null, null], 'running'), b: run('b', [null, null, null], 'running') };
    const result: SweepResult = {
      position: 'last', prompts: [], cancelled: true,
      models: [{ source: src('a'), status: 'failed', error: 'HTTP 404', rows: [] }, { source: src('b'), status: 'cancelled', rows: [row('p0')] }],
    };
    const out = mergeSweep(runs, { models: ['a', 'b'], promptIndex: [0, 1, 2] }, result, 3);
    expect(out.a).toMatchObject({ status: 'failed', error: 'HTTP 404' });
    expect(out.b.status).toBe('partial');
    expect(out.b.rows.filter(Boolean)).toHaveLength(1);
  });

  it('status: complete rows are done whatever the worker said; otherwise failed, partial or cancelled', () => {
    expect(statusOf([1, 2], 'cancelled')).toBe('done');
    expect(statusOf([1, null], 'failed')).toBe('failed');
    expect(statusOf([1, null], 'cancelled')).toBe('partial');
    expect(statusOf([null, null], 'cancelled')).toBe('cancelled');
  });
});
