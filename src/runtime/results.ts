/** Plain-data results the engine returns (structured-clone safe: no tensors, no classes). */
import type { GainsAt } from '../analysis/gains';
import type { ResidHook } from '../model/hooks';

export interface Measurement {
  prompt: string | null;
  ids: number[];
  /** display piece of each id */ tokens: string[];
  nLayers: number;
  /** [L+1]: resid_pre(0..L-1), resid_post(L-1) */ boundaryHooks: ResidHook[];
  /** hook -> [pos] L2 norms (boundaries and ln_final.hook_normalized) */ norms: Record<string, number[]>;
  /** [L][pos] G_block(i) per token */ blockGains: number[][];
  /** [pos] the three gains at every position */ gainsPerToken: GainsAt[];
  /** the three gains at the last position */ lastToken: GainsAt;
  /** entropy of the next-token distribution after the last position, nats */ entropyNats: number;
  topK: { id: number; token: string; prob: number }[];
}

export interface GenerateRequest {
  ids: number[];
  maxNewTokens: number;
  /** 0 = greedy (argmax) */ temperature: number;
  seed?: number;
  topP?: number;
}

export interface Generation {
  /** prompt ids followed by generated ids */ ids: number[];
  promptLength: number;
  text: string;
  stoppedBy: 'max_new_tokens' | 'eos' | 'bos' | 'context';
  temperature: number;
  seed: number | null;
}

/** Per tap point: per-token L2 norms and the last-token vector (float32 values as numbers). */
export interface TapReport {
  ids: number[];
  taps: Record<string, { norms: number[]; lastToken: number[] }>;
}
