import { describe, it, expect } from 'vitest';
import { createRecord, duplicatedRecord, renamedRecord, updatedRecord } from './experiments';
import { MemoryExperimentStore } from './store';

const t0 = new Date('2026-03-01T10:00:00Z');
const t1 = new Date('2026-03-01T11:00:00Z');

describe('experiment list operations', () => {
  it('creates, updates (keeping the name), renames', () => {
    const r = createRecord('sweep', 'run 1', '2 models', { rows: [1] }, t0, 'id1');
    expect(r).toMatchObject({ id: 'id1', kind: 'sweep', name: 'run 1', createdAt: t0.toISOString(), updatedAt: t0.toISOString() });
    const named = renamedRecord(r, '  my sweep ', t1);
    const u = updatedRecord(named, '2 models, done', { rows: [1, 2] }, t1);
    expect(u).toMatchObject({ id: 'id1', name: 'my sweep', createdAt: t0.toISOString(), updatedAt: t1.toISOString(), payload: { rows: [1, 2] } });
    expect(() => renamedRecord(r, '   ')).toThrow(/needs a name/);
  });

  it('duplicates under a free name, deep-copied', () => {
    const r = createRecord('measurement', 'gpt2', '', { xs: [1, 2] }, t0, 'a');
    const d1 = duplicatedRecord(r, ['gpt2'], t1, 'b');
    expect(d1).toMatchObject({ id: 'b', name: 'gpt2 (copy)', createdAt: t1.toISOString() });
    expect(d1.payload).toEqual(r.payload);
    expect(d1.payload).not.toBe(r.payload);
    expect(duplicatedRecord(d1, ['gpt2', 'gpt2 (copy)'], t1, 'c').name).toBe('gpt2 (copy 2)');
    expect(duplicatedRecord(r, ['gpt2', 'gpt2 (copy)', 'gpt2 (copy 2)'], t1, 'd').name).toBe('gpt2 (copy 3)');
  });

  it('round-trips through a store: rename, duplicate, delete', async () => {
    const s = new MemoryExperimentStore();
    const r = createRecord('sweep', 'x', '', { v: 0.1 + 0.2 }, t0, 'a');
    await s.put(r);
    await s.put(renamedRecord((await s.get('a'))!, 'y', t1));
    await s.put(duplicatedRecord((await s.get('a'))!, ['y'], t1, 'b'));
    expect((await s.list()).records.map((x) => [x.id, x.name])).toEqual([['b', 'y (copy)'], ['a', 'y']]);
    await s.delete('a');
    const left = (await s.list()).records;
    expect(left.map((x) => x.id)).toEqual(['b']);
    expect((left[0].payload as { v: number }).v).toBe(0.1 + 0.2);
  });
});
