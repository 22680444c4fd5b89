import { describe, it, expect } from 'vitest';
import { approxBytes, byRecency, migrateRecord, newRecordId, RECORD_SCHEMA, type ExperimentRecord } from './records';
import { MemoryExperimentStore } from './store';

const rec = (over: Partial<ExperimentRecord> = {}): ExperimentRecord => ({
  schema: RECORD_SCHEMA,
  id: 'a',
  kind: 'sweep',
  name: 'n',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  summary: '',
  payload: { x: [1, 2] },
  ...over,
});

describe('experiment records', () => {
  it('reads a current record unchanged', () => {
    const m = migrateRecord(rec());
    expect(m).toEqual({ ok: true, record: rec() });
  });

  it('reports records it cannot read, with the reason', () => {
    expect(migrateRecord(null)).toMatchObject({ ok: false, error: { reason: 'not an object' } });
    expect(migrateRecord({ ...rec(), schema: RECORD_SCHEMA + 1 })).toMatchObject({ ok: false, error: { id: 'a', reason: expect.stringMatching(/newer version/) } });
    expect(migrateRecord({ ...rec(), kind: 'movie' })).toMatchObject({ ok: false, error: { reason: expect.stringMatching(/^malformed record: kind/) } });
    const { payload: _p, ...noPayload } = rec();
    expect(migrateRecord(noPayload)).toMatchObject({ ok: false, error: { reason: expect.stringMatching(/payload/) } });
    const { schema: _s, ...noSchema } = rec();
    expect(migrateRecord(noSchema)).toMatchObject({ ok: false, error: { reason: expect.stringMatching(/schema/) } });
  });

  it('migrates step by step, and refuses a schema with no path', () => {
    const old = { id: 'b', schema: 0, kind: 'measurement', title: 'old name', createdAt: 't', updatedAt: 't', payload: 1 };
    const steps = { 0: ({ title, ...rest }: Record<string, unknown>) => ({ ...rest, name: title, summary: '' }) };
    const m = migrateRecord(old, steps);
    expect(m.ok && m.record).toMatchObject({ id: 'b', schema: RECORD_SCHEMA, name: 'old name', payload: 1 });
    expect(migrateRecord(old)).toMatchObject({ ok: false, error: { reason: 'record schema 0 has no migration to 1' } });
  });

  it('makes distinct, time-ordered ids', () => {
    const a = newRecordId(new Date(1000), () => 0.5);
    const b = newRecordId(new Date(2000), () => 0.5);
    expect(a < b).toBe(true);
    expect(newRecordId(new Date(1000), () => 0.1)).not.toBe(newRecordId(new Date(1000), () => 0.2));
  });

  it('sorts newest first and sizes records', () => {
    const xs = [rec({ id: 'x', updatedAt: '2026-01-01' }), rec({ id: 'y', updatedAt: '2026-02-01' })].sort(byRecency);
    expect(xs.map((x) => x.id)).toEqual(['y', 'x']);
    expect(approxBytes({ a: 'xy' })).toBe(2 * '{"a":"xy"}'.length);
    expect(approxBytes([NaN, Infinity])).toBe(2 * '[0,0]'.length);
  });
});

describe('in-memory store', () => {
  it('keeps floats bit for bit (NaN, -0, subnormals) and never aliases what it stored', async () => {
    const s = new MemoryExperimentStore();
    const xs = [0.1 + 0.2, -0, NaN, Number.MIN_VALUE, 1 / 3];
    const r = rec({ payload: { xs } });
    await s.put(r);
    xs[0] = 7;
    const back = (await s.get('a'))!.payload as { xs: number[] };
    expect(Object.is(back.xs[1], -0)).toBe(true);
    expect(back.xs).toEqual([0.1 + 0.2, -0, NaN, Number.MIN_VALUE, 1 / 3]);
  });

  it('a failed put loses nothing saved before', async () => {
    const s = new MemoryExperimentStore();
    await s.put(rec({ id: 'a' }));
    s.failNext = new DOMException('quota', 'QuotaExceededError');
    await expect(s.put(rec({ id: 'a', name: 'changed' }))).rejects.toThrow('quota');
    expect((await s.get('a'))!.name).toBe('n');
    expect((await s.list()).records).toHaveLength(1);
  });

  it('lists readable records and counts the rest', async () => {
    const s = new MemoryExperimentStore();
    await s.put(rec({ id: 'a' }));
    s.data.set('z', { id: 'z', schema: 99 });
    const l = await s.list();
    expect(l.records.map((r) => r.id)).toEqual(['a']);
    expect(l.unreadable).toEqual([{ id: 'z', reason: expect.stringMatching(/newer/) }]);
  });
});
