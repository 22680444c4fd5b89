/**
 * The list operations on saved experiments, as pure record -> record functions (the store does the
 * I/O): a new record, a payload update that keeps the user's name, rename, and duplicate.
 */
import { newRecordId, RECORD_SCHEMA, type ExperimentKind, type ExperimentRecord } from './records';

export function createRecord<P>(kind: ExperimentKind, name: string, summary: string, payload: P, now = new Date(), id = newRecordId(now)): ExperimentRecord<P> {
  const t = now.toISOString();
  return { schema: RECORD_SCHEMA, id, kind, name, createdAt: t, updatedAt: t, summary, payload };
}

/** New results for an existing record: payload and summary change; id, kind, name and createdAt stay. */
export function updatedRecord<P>(r: ExperimentRecord, summary: string, payload: P, now = new Date()): ExperimentRecord<P> {
  return { ...r, summary, payload, updatedAt: now.toISOString() };
}

export function renamedRecord<P>(r: ExperimentRecord<P>, name: string, now = new Date()): ExperimentRecord<P> {
  const clean = name.trim();
  if (!clean) throw new Error('a saved experiment needs a name');
  return { ...r, name: clean, updatedAt: now.toISOString() };
}

/** A copy under a new id, named "<name> (copy)", "<name> (copy 2)", … so it never shadows another. */
export function duplicatedRecord<P>(r: ExperimentRecord<P>, taken: readonly string[], now = new Date(), id = newRecordId(now)): ExperimentRecord<P> {
  const base = r.name.replace(/ \(copy(?: \d+)?\)$/, '');
  let name = `${base} (copy)`;
  for (let k = 2; taken.includes(name); k++) name = `${base} (copy ${k})`;
  const t = now.toISOString();
  return { ...structuredClone(r), id, name, createdAt: t, updatedAt: t };
}
