/**
 * Saved experiments, as stored: a small header every list shows (id, kind, name, times, a one-line
 * summary) and a payload whose shape the kind names. The header is validated with zod on the way in,
 * older schema versions are migrated here, and a record this version cannot read is reported, never
 * guessed at. Payloads are plain data (IndexedDB's structured clone keeps every float bit for bit).
 */
import { z } from 'zod';

/** The record layout this version writes. */
export const RECORD_SCHEMA = 1;

/** 'measurement': a Model-view session (spec + manifest + results); 'sweep': a Study run. */
export const ExperimentKind = z.enum(['measurement', 'sweep']);
export type ExperimentKind = z.infer<typeof ExperimentKind>;

export const RecordHeader = z.object({
  schema: z.literal(RECORD_SCHEMA),
  id: z.string().min(1),
  kind: ExperimentKind,
  name: z.string(),
  /** ISO times */
  createdAt: z.string(),
  updatedAt: z.string(),
  /** one line for the list: model(s), prompts, status */
  summary: z.string(),
});
export type RecordHeader = z.infer<typeof RecordHeader>;

export interface ExperimentRecord<P = unknown> extends RecordHeader {
  payload: P;
}

/** A record that could not be read, with the reason (kept in the database; shown as a count). */
export interface UnreadableRecord {
  id: string;
  reason: string;
}

/** One migration step: a record of schema n (the key) to schema n + 1. */
export type MigrationStep = (v: Record<string, unknown>) => Record<string, unknown>;

/** Schema 1 is the first stored layout, so there is nothing to migrate yet; a layout change adds a step here. */
export const MIGRATIONS: Readonly<Record<number, MigrationStep>> = {};

/**
 * A stored value as a current record: migrated step by step from its schema, then its header
 * validated. A record from a newer lab, or one with no migration path, is reported with the reason.
 */
export function migrateRecord(
  raw: unknown,
  steps: Readonly<Record<number, MigrationStep>> = MIGRATIONS,
): { ok: true; record: ExperimentRecord } | { ok: false; error: UnreadableRecord } {
  if (typeof raw !== 'object' || raw === null) return { ok: false, error: { id: '?', reason: 'not an object' } };
  let v = raw as Record<string, unknown>;
  const id = typeof v.id === 'string' ? v.id : '?';
  const schema = v.schema;
  const current = RECORD_SCHEMA;
  if (typeof schema !== 'number' || !Number.isInteger(schema)) return { ok: false, error: { id, reason: 'malformed record: schema: missing' } };
  if (schema > current) return { ok: false, error: { id, reason: `saved by a newer version of the lab (record schema ${schema}; this one reads up to ${current})` } };
  for (let n = schema; n < current; n++) {
    const step = steps[n];
    if (!step) return { ok: false, error: { id, reason: `record schema ${n} has no migration to ${n + 1}` } };
    v = { ...step(v), schema: n + 1 };
  }
  const header = RecordHeader.safeParse(v);
  if (!header.success) {
    const why = header.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, error: { id, reason: `malformed record: ${why}` } };
  }
  if (!('payload' in v)) return { ok: false, error: { id, reason: 'malformed record: payload: missing' } };
  return { ok: true, record: { ...header.data, payload: v.payload } };
}

/** A new, unique enough id: time first so ids sort by creation. */
export function newRecordId(now: Date = new Date(), random: () => number = Math.random): string {
  return `${now.getTime().toString(36).padStart(9, '0')}-${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
}

/**
 * Bytes a record takes, roughly: its JSON length in UTF-16 code units x 2 (what browsers' storage
 * estimates are close to for structured-cloned strings and numbers). Used only for the quota check.
 */
export function approxBytes(value: unknown): number {
  return 2 * JSON.stringify(value, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? 0 : x)).length;
}

/** Newest first (updatedAt, then id). */
export function byRecency(a: RecordHeader, b: RecordHeader): number {
  return b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id);
}
