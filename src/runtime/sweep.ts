/**
 * Sweeps: several models over one prompt set. Each model loads, runs every prompt, releases its
 * memory, and the next starts; a model that fails is reported and the sweep goes on. Progress is
 * per model and per prompt; a cancel stops between prompts and keeps what was measured.
 */
import type { Lab, ModelInfo } from './lab';
import type { ExecutionProviderChoice, ModelSource } from '../io/spec';
import { promptRow, summarize, type ModelSummary, type PromptRow, type TokenPosition } from '../analysis/aggregate';
import type { ArchitectureCard } from '../model/card';
import { CancelledError, yieldToEvents, type ProgressFn } from './jobs';
import type { z } from 'zod';

export interface SweepPrompt {
  text: string;
  category?: string;
}

export interface SweepRequest {
  models: ModelSource[];
  prompts: SweepPrompt[];
  position: TokenPosition;
  ep: z.infer<typeof ExecutionProviderChoice>;
  hubBaseUrl?: string;
}

export interface SweepModelResult {
  source: ModelSource;
  status: 'done' | 'failed' | 'cancelled';
  error?: string;
  card?: ArchitectureCard;
  ep?: ModelInfo['ep'];
  files?: ModelInfo['files'];
  rows: PromptRow[];
  summary?: ModelSummary;
}

export interface SweepResult {
  position: TokenPosition;
  prompts: SweepPrompt[];
  models: SweepModelResult[];
  cancelled: boolean;
}

/**
 * Run a sweep on `lab`. `isCancelled` is polled between prompts (the worker passes its job state).
 * Progress: `fraction` over all model x prompt steps; the message names the model and prompt.
 */
export async function runSweep(lab: Lab, req: SweepRequest, onProgress?: ProgressFn, isCancelled: () => boolean = () => false): Promise<SweepResult> {
  const out: SweepResult = { position: req.position, prompts: req.prompts, models: [], cancelled: false };
  const steps = req.models.length * req.prompts.length;
  for (const [mi, source] of req.models.entries()) {
    const r: SweepModelResult = { source, status: 'done', rows: [] };
    out.models.push(r);
    if (out.cancelled) {
      r.status = 'cancelled';
      continue;
    }
    try {
      // Let a cancel message reach the worker before each model and each prompt.
      await yieldToEvents();
      if (isCancelled()) throw new CancelledError('sweep');
      onProgress?.({ stage: 'sweep', message: `model ${mi + 1} of ${req.models.length}: loading`, fraction: (mi * req.prompts.length) / steps });
      const info = await lab.load({ source, ep: req.ep, hubBaseUrl: req.hubBaseUrl });
      Object.assign(r, { card: info.card, ep: info.ep, files: info.files });
      for (const [pi, p] of req.prompts.entries()) {
        await yieldToEvents();
        if (isCancelled()) throw new CancelledError('sweep');
        onProgress?.({
          stage: 'sweep',
          message: `model ${mi + 1} of ${req.models.length} (${info.card.family}), prompt ${pi + 1} of ${req.prompts.length}`,
          fraction: (mi * req.prompts.length + pi) / steps,
        });
        const m = await lab.measure(p.text);
        r.rows.push(promptRow({ prompt: p.text, category: p.category, gainsPerToken: m.gainsPerToken, entropyNats: m.entropyNats, top: m.topK[0] ?? null }, req.position));
      }
    } catch (e) {
      if (e instanceof CancelledError || (e as Error).name === 'CancelledError') {
        r.status = 'cancelled';
        out.cancelled = true;
      } else {
        r.status = 'failed';
        r.error = (e as Error).message;
      }
    } finally {
      // Release this model's memory before the next one loads.
      await lab.unload();
    }
    if (r.rows.length) r.summary = summarize(r.rows);
  }
  onProgress?.({ stage: 'sweep', message: out.cancelled ? 'sweep cancelled' : 'sweep done', fraction: 1 });
  return out;
}
