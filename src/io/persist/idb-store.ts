/**
 * The experiment store in IndexedDB (database "residual-lab", object store "experiments" keyed by
 * id, with an index on updatedAt). Schema changes go in `upgrade`, one step per database version;
 * record layouts migrate in records.ts when read.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { readAll, type ExperimentStore } from './store';
import { migrateRecord, type ExperimentRecord } from './records';

export const DB_NAME = 'residual-lab';
export const DB_VERSION = 1;

interface LabDb extends DBSchema {
  experiments: { key: string; value: ExperimentRecord; indexes: { updatedAt: string } };
}

export async function openIdbStore(name = DB_NAME): Promise<ExperimentStore> {
  const db: IDBPDatabase<LabDb> = await openDB<LabDb>(name, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore('experiments', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
    },
    // Another tab opened a newer version: close so its upgrade can go on (this tab reloads to follow).
    blocking() {
      db.close();
    },
  });
  return {
    list: async () => readAll(await db.getAll('experiments')),
    get: async (id) => {
      const v: unknown = await db.get('experiments', id);
      if (v === undefined) return undefined;
      const m = migrateRecord(v);
      return m.ok ? m.record : undefined;
    },
    put: async (record) => {
      await db.put('experiments', record);
    },
    delete: async (id) => {
      await db.delete('experiments', id);
    },
  };
}
