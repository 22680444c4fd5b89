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
import { utf8ByteIds } from '../model/byte-ids';

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
  /**
   * What to do with a model that ships no tokenizer: 'fail' reports it and the sweep goes on;
   * 'bytes' feeds each prompt's UTF-8 bytes as ids (no BOS), and the model's result says so; a
   * prompt longer than the context keeps its last bytes, and its row says how long it was.
   */
  tokenizerless?: 'fail' | 'bytes';
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
  /** how text became ids: the model's own tokenizer, or UTF-8 bytes (see SweepRequest.tokenizerless) */
  tokenization?: 'tokenizer' | 'utf8-bytes';
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
      const bytes = !info.hasTokenizer && req.tokenizerless === 'bytes';
      if (!info.hasTokenizer && !bytes) throw new Error('this model ships no tokenizer, so text prompts cannot reach it (allow UTF-8 bytes as ids to measure it anyway)');
      r.tokenization = bytes ? 'utf8-bytes' : 'tokenizer';
      for (const [pi, p] of req.prompts.entries()) {
        await yieldToEvents();
        if (isCancelled()) throw new CancelledError('sweep');
        onProgress?.({
          stage: 'sweep',
          message: `model ${mi + 1} of ${req.models.length} (${info.card.family}), prompt ${pi + 1} of ${req.prompts.length}`,
          fraction: (mi * req.prompts.length + pi) / steps,
        });
        // Byte ids of a prompt longer than the context keep its last bytes: the last-token numbers depend on the end.
        const all = bytes ? utf8ByteIds(p.text, info.card.vocabSize) : null;
        const ids = all && all.length > info.card.maxSeqLen ? all.slice(-info.card.maxSeqLen) : all;
        const m = ids ? await lab.measureIds(ids) : await lab.measure(p.text);
        const cut = all && ids && ids.length < all.length ? { truncatedFrom: all.length } : {};
        r.rows.push(promptRow({ prompt: p.text, category: p.category, gainsPerToken: m.gainsPerToken, entropyNats: m.entropyNats, top: m.topK[0] ?? null, ...cut }, req.position));
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
