/**
 * Exports of the alpha training: the whole result with the lab's manifest as JSON, and the trajectory
 * as a tidy CSV through src/io/tidy.ts (its columns and number format, so the lab's tidy reader opens
 * it). Mapping onto the tidy columns: prompt_index = optimizer step (0 = before training),
 * prompt = 'step N, epoch E', category = 'train-alpha', layer = block (alpha, alpha_logit) or '',
 * quantity = alpha | alpha_logit | batch_loss | val_loss | epoch_train_loss, definition = 'nats' for losses.
 */
import { tidyCsv, type TidyRow } from '../io/tidy';
import { alphaToLogit } from '../analysis/modulation/alpha';
import type { TrainAlphaResult } from '../runtime/train-alpha';

export const TRAIN_ALPHA_EXPORT_FORMAT = 'residual-lab/train-alpha-export@1';

export function trainAlphaDocument(result: TrainAlphaResult, manifest: unknown): unknown {
  return { ...result, exportFormat: TRAIN_ALPHA_EXPORT_FORMAT, manifest };
}

export function trainAlphaTidyRows(result: TrainAlphaResult, model: string): TidyRow[] {
  const rows: TidyRow[] = [];
  const base = (step: number, epoch: number | null): Omit<TidyRow, 'layer' | 'quantity' | 'definition' | 'value'> => ({
    model, prompt_index: step, prompt: epoch === null ? 'before training' : `step ${step}, epoch ${epoch}`, category: 'train-alpha', token: '', hook: '',
  });
  const alphas = (step: number, epoch: number | null, as: number[]) =>
    as.forEach((a, l) => {
      rows.push({ ...base(step, epoch), layer: l, quantity: 'alpha', definition: '', value: a });
      rows.push({ ...base(step, epoch), layer: l, quantity: 'alpha_logit', definition: '', value: alphaToLogit(a) });
    });
  alphas(0, null, result.initial.alphas);
  rows.push({ ...base(0, null), layer: '', quantity: 'train_loss', definition: 'nats', value: result.initial.trainLoss });
  rows.push({ ...base(0, null), layer: '', quantity: 'val_loss', definition: 'nats', value: result.initial.valLoss });
  for (const p of result.history) {
    alphas(p.step, p.epoch, p.alphas);
    rows.push({ ...base(p.step, p.epoch), layer: '', quantity: 'batch_loss', definition: 'nats', value: p.trainLoss });
    if (p.valLoss !== null) {
      rows.push({ ...base(p.step, p.epoch), layer: '', quantity: 'val_loss', definition: 'nats', value: p.valLoss });
      const e = result.epochs.find((x) => x.epoch === p.epoch);
      if (e) rows.push({ ...base(p.step, p.epoch), layer: '', quantity: 'epoch_train_loss', definition: 'nats', value: e.trainLoss });
    }
  }
  return rows;
}

export function trainAlphaCsv(result: TrainAlphaResult, model: string, manifest: unknown): string {
  return tidyCsv({ manifest, rows: trainAlphaTidyRows(result, model) });
}
