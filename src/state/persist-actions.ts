/**
 * Named actions that put saved or linked state back into the Model and Study stores (declared with
 * their stores' action factories, so they show in lastAction like every other change).
 */
import { action, type LabState } from './store';
import { studyAction, type StudyState } from './study-store';
import type { PromptResult } from '../io/results';
import type { SweepPayload } from './persist-payloads';
import { restoredRuns } from './persist-payloads';

/** A saved Model-view session: its numbers on screen (no model is loaded), and the form that made them. */
export const labSessionRestored = action('labSessionRestored', (s, results: PromptResult[], form: Partial<Pick<LabState, 'sourceKind' | 'hub' | 'hf' | 'ep'>>): Partial<LabState> => {
  const last = results[results.length - 1];
  if (!last) return {};
  return { ...form, results, measurement: last.measurement, generation: null, prompt: last.prompt === null ? s.prompt : { ...s.prompt, text: last.prompt } };
});

/** A saved Study run: its config, rows and queue; nothing is running, so Resume picks up the rest. */
export const studyRunRestored = studyAction('studyRunRestored', (_s, p: SweepPayload, notice: string): Partial<StudyState> => ({
  run: p.run,
  runs: restoredRuns(p.runs),
  queue: p.queue,
  position: p.run.position,
  ep: p.run.ep,
  hubBaseUrl: p.run.hubBaseUrl,
  byteIds: p.run.byteIds,
  presetId: p.editor.presetId,
  setName: p.editor.setName,
  promptText: p.editor.promptText,
  sweep: null,
  notice,
  error: null,
}));

/** The queue a deep link names (its models replace the queue; a run on screen stays until Run). */
export const queueFromLink = studyAction('queueFromLink', (_s, queue: StudyState['queue']) => ({ queue }));
