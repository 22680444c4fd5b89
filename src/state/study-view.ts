/**
 * What the Study panels read: selectors of the study store and memoised derivations (models,
 * statistics, figure inputs). Panels never compute; they call these hooks.
 */
import { useMemo } from 'react';
import { useStudy, type StudyState } from './study-store';
import { fromRun, type StudyModel } from './study-model';
import { acrossModels, modelStats, perLayer, summarizeField, type AcrossModels, type ModelStats } from './study-stats';
import { FIELD_INFO, type GainField } from './study-fields';
import { findPreset, type PromptEntry, parsePromptText } from '../io/prompt-sets';
import type { StudyFigureInput } from '../plots/study/types';

export const selectStudySweep = (s: StudyState) => s.sweep;
export const selectStudyQueue = (s: StudyState) => s.queue;
export const selectStudyRun = (s: StudyState) => s.run;
export const selectStudyRuns = (s: StudyState) => s.runs;
export const selectStudyError = (s: StudyState) => s.error;
export const selectStudyNotice = (s: StudyState) => s.notice;
export const selectStatField = (s: StudyState) => s.statField;
export const selectThreshold = (s: StudyState) => s.h25Threshold;

/** Every model of the study: the run's models in queue order, then the imported ones. */
export function useStudyModels(): StudyModel[] {
  const run = useStudy(selectStudyRun);
  const runs = useStudy(selectStudyRuns);
  const imported = useStudy((s) => s.imported);
  return useMemo(() => [...(run ? Object.values(runs).map((r) => fromRun(r, run)) : []), ...imported], [run, runs, imported]);
}

/** The editor's prompt set, parsed (or the parse error naming the line). */
export function usePromptSet(): { prompts: PromptEntry[]; categories: { category: string; count: number }[]; error: string | null; presetName: string | null } {
  const text = useStudy((s) => s.promptText);
  const presetId = useStudy((s) => s.presetId);
  return useMemo(() => {
    const presetName = presetId ? (findPreset(presetId)?.name ?? null) : null;
    if (!text.trim()) return { prompts: [], categories: [], error: null, presetName };
    try {
      const prompts = parsePromptText(text);
      const counts = new Map<string, number>();
      for (const p of prompts) if (p.category) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
      return { prompts, categories: [...counts].map(([category, count]) => ({ category, count })), error: null, presetName };
    } catch (e) {
      return { prompts: [], categories: [], error: (e as Error).message, presetName };
    }
  }, [text, presetId]);
}

export function useStudyStats(models: readonly StudyModel[]): { perModel: ModelStats[]; across: AcrossModels; field: GainField } {
  const field = useStudy(selectStatField);
  const threshold = useStudy(selectThreshold);
  return useMemo(() => ({ field, perModel: models.map((m) => modelStats(m, field)), across: acrossModels(models, field, threshold) }), [models, field, threshold]);
}

/** "the last prompt token" / "the mean over the prompt's tokens", with imported files' convention. */
export function positionText(models: readonly StudyModel[]): string {
  const pos = new Set(models.filter((m) => m.origin.kind === 'sweep').map((m) => m.position));
  const words = [...pos].map((p) => (p === 'mean' ? "the mean over the prompt's tokens" : 'the last prompt token'));
  const imported = models.some((m) => m.origin.kind === 'import');
  const main = words.length ? words.join(' / ') : 'the last prompt token';
  return imported ? `${main} (imported files: the last token, as the seed notebooks measure)` : main;
}

export function useFigureInput(models: readonly StudyModel[], across: AcrossModels): StudyFigureInput {
  const field = across.field;
  const threshold = useStudy(selectThreshold);
  return useMemo(() => {
    const reg = across.regression;
    const regression = !reg.ok
      ? { reason: reg.reason }
      : { slope: reg.slope, intercept: reg.intercept, r: reg.inference.ok ? reg.inference.r : null, p: reg.inference.ok ? reg.inference.p : null };
    return {
      definition: { label: FIELD_INFO[field].label, formula: FIELD_INFO[field].formula },
      position: positionText(models),
      threshold,
      regression,
      models: models.map((m) => {
        const s = summarizeField(m, field);
        return {
          key: m.key,
          label: m.label,
          imported: m.origin.kind === 'import',
          rho: m.arch.rho,
          normType: m.arch.normType,
          prompts: m.prompts.flatMap((p) => (p[field] === null ? [] : [{ prompt: p.prompt, category: p.category, value: p[field] as number, entropy: p.entropyNats }])),
          mean: s.ok ? s.mean : null,
          std: s.ok ? s.std : null,
          perLayer: perLayer(m),
          layerCurve: m.layerCurve,
        };
      }),
    };
  }, [models, across, field, threshold]);
}

/** One line of the queue: where the model stands in the run and in the sweep now running. */
export interface QueueLine {
  key: string;
  status: string;
  /** prompts measured (kept in the run plus the current sweep's progress) of `total` */
  measured: number;
  total: number;
  current: boolean;
  error: string | null;
  ep: string | null;
}

export function queueLines(s: Pick<StudyState, 'queue' | 'run' | 'runs' | 'sweep'>): QueueLine[] {
  const total = s.run?.prompts.length ?? 0;
  return s.queue.map((q) => {
    const r = s.runs[q.key];
    const kept = r ? r.rows.filter((x) => x !== null).length : 0;
    const at = s.sweep ? s.sweep.models.indexOf(q.key) : -1;
    const current = s.sweep !== null && at === s.sweep.modelAt;
    // A model the sweep has moved past measured the prompts it started (its rows arrive when the sweep ends).
    const live = s.sweep && at >= 0 ? (at < s.sweep.modelAt ? (s.sweep.started[at] ?? 0) : current ? s.sweep.promptsDone : 0) : 0;
    const phase = !s.sweep || at < 0 ? null : current ? (s.sweep.loading ? 'loading' : 'measuring') : at > s.sweep.modelAt ? 'waiting' : 'finished';
    const status = !r ? 'not run' : (phase ?? r.status);
    return { key: q.key, status, measured: Math.min(total, kept + live), total, current, error: r?.error ?? null, ep: r?.ep ?? null };
  });
}
