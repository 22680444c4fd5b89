/**
 * Where experiment records live: one small interface, an IndexedDB implementation for the browser
 * (idb-store.ts) and an in-memory one for tests and for browsers without IndexedDB. Every put is its
 * own transaction, so a failed save leaves what was saved before untouched.
 */
import { byRecency, migrateRecord, type ExperimentRecord, type UnreadableRecord } from './records';

export interface ExperimentStore {
  /** every readable record, newest first, and the ones this version cannot read */
  list(): Promise<{ records: ExperimentRecord[]; unreadable: UnreadableRecord[] }>;
  get(id: string): Promise<ExperimentRecord | undefined>;
  put(record: ExperimentRecord): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Migrate and sort raw stored values (shared by every implementation). */
export function readAll(raw: readonly unknown[]): { records: ExperimentRecord[]; unreadable: UnreadableRecord[] } {
  const records: ExperimentRecord[] = [];
  const unreadable: UnreadableRecord[] = [];
  for (const r of raw) {
    const m = migrateRecord(r);
    if (m.ok) records.push(m.record);
    else unreadable.push(m.error);
  }
  return { records: records.sort(byRecency), unreadable };
}

/**
 * Records in a Map, deep-copied on the way in and out with structuredClone, as IndexedDB does, so
 * a test sees the same aliasing rules. `failNext` makes the next put throw (a quota error stand-in).
 */
export class MemoryExperimentStore implements ExperimentStore {
  readonly data = new Map<string, unknown>();
  failNext: Error | null = null;

  async list() {
    return readAll([...this.data.values()].map((v) => structuredClone(v)));
  }

  async get(id: string) {
    const v = this.data.get(id);
    if (v === undefined) return undefined;
    const m = migrateRecord(structuredClone(v));
    return m.ok ? m.record : undefined;
  }

  async put(record: ExperimentRecord) {
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    this.data.set(record.id, structuredClone(record));
  }

  async delete(id: string) {
    this.data.delete(id);
  }
}
