/**
 * What a saved experiment holds, per kind, and the pure conversions around it: the payload from the
 * stores' state, its validation on the way back in (zod, loose where the numbers are: a NaN gain is
 * a value, not an error), names and one-line summaries for the list, and the runs a reload restores
 * (a model the page died in the middle of is "cancelled" or "partial", so Resume picks it up).
 */
import { z } from 'zod';
import { ExecutionProviderChoice, ModelSource, sourceLabel } from '../io/spec';
import { ResultsFileSchema, type ResultsFile } from '../io/results';
import type { ModelRun, QueuedModel, RunConfig, StudyState } from './study-store';
import type { HfForm, HubForm, LabState, SourceKind } from './store';
import { statusOf } from './study-resume';
import { shortLabel } from './study-model';

/** A Model-view session: the results file (spec + manifest + every measurement of that model). */
export interface MeasurementPayload {
  file: ResultsFile;
}

/** A Study run: its fixed config, every model's per-prompt rows, the queue and the editor it came from. */
export interface SweepPayload {
  run: RunConfig;
  runs: Record<string, ModelRun>;
  queue: QueuedModel[];
  editor: { presetId: string; setName: string; promptText: string };
}

const Row = z.object({ prompt: z.string() }).passthrough().nullable();
const Status = z.enum(['queued', 'running', 'done', 'partial', 'failed', 'cancelled']);

const SweepPayloadSchema = z.object({
  run: z.object({
    prompts: z.array(z.object({ text: z.string(), category: z.string().optional() })),
    position: z.enum(['last', 'mean']),
    ep: ExecutionProviderChoice,
    hubBaseUrl: z.string(),
    byteIds: z.boolean(),
    setName: z.string(),
  }),
  runs: z.record(z.string(), z.object({ key: z.string(), source: ModelSource, status: Status, rows: z.array(Row) }).passthrough()),
  queue: z.array(z.object({ key: z.string(), source: ModelSource })),
  editor: z.object({ presetId: z.string(), setName: z.string(), promptText: z.string() }),
});

const issues = (e: z.ZodError): string => e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');

export function parseSweepPayload(p: unknown): SweepPayload {
  const r = SweepPayloadSchema.safeParse(p);
  if (!r.success) throw new Error(`the saved sweep is malformed (${issues(r.error)})`);
  return p as SweepPayload;
}

export function parseMeasurementPayload(p: unknown): MeasurementPayload {
  const r = z.object({ file: ResultsFileSchema }).safeParse(p);
  if (!r.success) throw new Error(`the saved measurement is malformed (${issues(r.error)})`);
  return p as MeasurementPayload;
}

export function sweepPayload(s: Pick<StudyState, 'run' | 'runs' | 'queue' | 'presetId' | 'setName' | 'promptText'>): SweepPayload | null {
  if (!s.run) return null;
  return { run: s.run, runs: s.runs, queue: s.queue, editor: { presetId: s.presetId, setName: s.setName, promptText: s.promptText } };
}

const when = (d: Date): string => d.toISOString().slice(0, 16).replace('T', ' ');

export function sweepName(p: SweepPayload, now: Date): string {
  const n = Object.keys(p.runs).length;
  return `${p.run.setName || 'untitled'} · ${n} model${n === 1 ? '' : 's'} · ${when(now)}`;
}

export function sweepSummary(p: SweepPayload): string {
  const runs = Object.values(p.runs);
  const done = runs.filter((r) => r.status === 'done').length;
  const models = runs.map((r) => `${shortLabel(r.key)} (${r.rows.filter((x) => x !== null).length}/${p.run.prompts.length})`).join(', ');
  return `sweep · ${done} of ${runs.length} models done · ${p.run.position} token · ${models}`;
}

export function measurementName(file: ResultsFile, now: Date): string {
  return `${shortLabel(sourceLabel(file.manifest.model.source))} · ${when(now)}`;
}

export function measurementSummary(file: ResultsFile): string {
  const n = file.results.length;
  const last = file.results[n - 1]?.prompt;
  return `measurement · ${n} prompt${n === 1 ? '' : 's'} · ${file.manifest.executionProvider.used.toUpperCase()}${last ? ` · last: ${JSON.stringify(last.length > 40 ? `${last.slice(0, 40)}…` : last)}` : ''}`;
}

/** The model a session measures, by its files' hashes (the same files keep one record). */
export const modelKeyOf = (files: readonly { sha256: string }[]): string => files.map((f) => f.sha256).join(',');

/** Runs as a reload shows them: nothing is running any more; Resume measures what is missing. */
export function restoredRuns(runs: Readonly<Record<string, ModelRun>>): Record<string, ModelRun> {
  return Object.fromEntries(
    Object.entries(runs).map(([k, r]) => [k, r.status === 'running' || r.status === 'queued' ? { ...r, status: statusOf(r.rows, 'cancelled') } : r]),
  );
}

/** The Model view's source form for a saved spec's model (local files cannot come back: null). */
export function formForSource(model: ModelSource, hubBaseUrl: string, hub: HubForm, hf: HfForm): Pick<LabState, 'sourceKind' | 'hub' | 'hf'> | null {
  if (model.kind === 'llama2c') {
    if (!('hub' in model.checkpoint) || !('hub' in model.tokenizer)) return null;
    const c = model.checkpoint.hub;
    return { sourceKind: 'hub' as SourceKind, hub: { repo: c.repo, revision: c.revision, checkpointPath: c.path, tokenizerPath: model.tokenizer.hub.path, baseUrl: hubBaseUrl }, hf };
  }
  if (!('hub' in model.location)) return null;
  return { sourceKind: 'hf', hub: { ...hub, baseUrl: hubBaseUrl }, hf: { repo: model.location.hub.repo, revision: model.location.hub.revision, onnx: model.onnx ?? '' } };
}
