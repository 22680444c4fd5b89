/**
 * The alpha training section's state (seed 05 section 9 in the page): the form, the run in flight and
 * its per-step progress, and the last finished result (plain data: a few hundred numbers). Changes go
 * through train-alpha-jobs.ts; components read through selectors.
 */
import { create } from 'zustand';
import type { TrainAlphaProgress, TrainAlphaResult } from '../runtime/train-alpha';

/** The options the page offers (the seed's values by default). */
export interface TrainAlphaForm {
  epochs: number;
  lr: number;
  batchSize: number;
  /** the split and shuffle seed (the lab's Rng) */ seed: number;
  /** the geometric target table's seed */ geoSeed: number;
  initialAlpha: number;
}

export const TRAIN_ALPHA_FORM_DEFAULTS: TrainAlphaForm = { epochs: 10, lr: 1e-3, batchSize: 32, seed: 42, geoSeed: 42, initialAlpha: 0.01 };

export type TrainAlphaStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface TrainAlphaState {
  form: TrainAlphaForm;
  status: TrainAlphaStatus;
  jobId: string | null;
  cancelling: boolean;
  /** the model the live run (or the shown result) belongs to */ model: string | null;
  /** the form the live run started with */ runForm: TrainAlphaForm | null;
  /** one entry per optimizer step of the live (or last) run */ live: TrainAlphaProgress[];
  /** the last finished run; a cancelled or failed run keeps the one before */ result: TrainAlphaResult | null;
  /** the model the result belongs to */ resultModel: string | null;
  error: string | null;
}

export const useTrainAlpha = create<TrainAlphaState>(() => ({
  form: TRAIN_ALPHA_FORM_DEFAULTS,
  status: 'idle',
  jobId: null,
  cancelling: false,
  model: null,
  runForm: null,
  live: [],
  result: null,
  resultModel: null,
  error: null,
}));

export const selectTrainForm = (s: TrainAlphaState) => s.form;
export const selectTrainRunning = (s: TrainAlphaState) => s.status === 'running';
