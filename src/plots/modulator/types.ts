/**
 * What the Modulator's sweep figure and exports are built from: one row per alpha, the seed's impact
 * measures on the prompt's final states and the token difference of the continuations, plus the facts
 * the caption names (target, blocks, prompt, decoding). Plain data; the state layer fills it.
 */

/** One alpha of a sweep. Impact measures compare original and modulated final states of the prompt tokens. */
export interface SweepRow {
  alpha: number;
  /** ln(alpha / (1 - alpha)), the seed's stored parametrisation; -Infinity at alpha 0 */ logit: number;
  /** differing generated tokens, position by position, plus the length difference */ tokenDifferences: number;
  /** tokens compared position by position (the shorter continuation's length) */ compared: number;
  /** max(len(original), len(modulated)): the denominator of the token-difference fraction */ longest: number;
  /** mean over prompt tokens of cos(original_t, modulated_t) */ cosMean: number;
  /** population std of that cosine */ cosStd: number;
  /** mean over prompt tokens of ||modulated_t|| / ||original_t|| */ normRatioMean: number;
  /** mean over token pairs s < t of cos(mod_s, mod_t) - cos(orig_s, orig_t); NaN for one token */ pairwiseShiftMean: number;
  /** population std of that shift; NaN for one token */ pairwiseShiftStd: number;
  /** generated ids of the modulated continuation */ modulatedIds: number[];
}

/** The facts a sweep figure's caption and the exports state. */
export interface SweepMeta {
  /** the model's source label */ model: string;
  /** how the target was built, e.g. "random:1234, vector [64], row norm 7.22771" */ target: string;
  /** the blocks whose input stream is pulled toward the target (the same alpha at each) */ blocks: number[];
  /** of how many blocks */ nBlocks: number;
  /** 'decoder-only': prompt and every generated step modulated; 'encoder': a T5 encoder */ stack: 'decoder-only' | 'encoder';
  /** the prompt as typed (text, or token ids for a model without a tokenizer) */ prompt: string;
  promptIds: number[];
  maxNewTokens: number;
  /** 0 = greedy */ temperature: number;
  seed: number;
  /** the original (alpha 0) continuation's generated ids */ originalIds: number[];
}
