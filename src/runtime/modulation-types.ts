/** The Modulator's request and result types (src/runtime/modulator.ts runs them). */
import type { ModulationImpact } from '../analysis/modulation/impact';
import type { TokenDifference } from '../analysis/modulation/token-diff';
import type { FieldReport } from '../analysis/modulation/field/report';

/** What the stream is pulled toward (float32, row-major). */
export type ModulatorTarget =
  | { kind: 'vector'; /** [d_model] the same target at every position */ data: Float32Array }
  | { kind: 'table'; /** [vocab, d_model] gathered by token id */ data: Float32Array }
  | { kind: 'positions'; /** [n_pos, d_model] one target per position; n_pos covers the longest sequence run */ data: Float32Array };

/** The seed's Geometric Field Modulator in place of the lerp (see the module doc). */
export interface FieldModulation {
  kind: 'field';
  /** Rng seed of the experts' weights (analysis/modulation/field/params.ts) */ seed: number;
  /** [n_blocks][n_experts] alphas per expert, overriding `alphas` (the seed's per_layer_per_expert) */ perExpert?: number[][];
}

/** What a request modulates with: a lerp target, or the field modulator. */
export type Modulation = ModulatorTarget | FieldModulation;

export interface ModulateRequest {
  /** the prompt (decoder-only) or the encoder input (T5) */ ids: number[];
  /** [n_blocks] alpha of each block (h' = (1 - alpha) h + alpha target; field: every expert's alpha); 0 leaves the block alone */ alphas: number[];
  target: Modulation;
  maxNewTokens: number;
  /** 0 = greedy; otherwise seeded sampling with the same seed for both runs */ temperature: number;
  seed?: number;
  topP?: number;
  /** T5: the decoder's start id (default 0, T5's pad token) */ decoderStartId?: number;
}

export interface Continuation {
  /** the generated ids only (prompt excluded) */ ids: number[];
  /** display piece of each generated id */ pieces: string[];
  /** decoded text: prompt and continuation (decoder-only), the decoder output (T5) */ text: string;
  stoppedBy: 'max_new_tokens' | 'eos' | 'bos' | 'context';
}

/** Final-layer states of the prompt: the final-norm output (HF last hidden state; T5: the encoder output). */
export interface FinalStates {
  /** [pos] L2 norms */ norms: number[];
  /** [d_model] the last position's vector */ lastToken: number[];
}

export interface ModulationResult {
  ids: number[];
  alphas: number[];
  /** which stack the lerp acts on */ stack: 'decoder-only' | 'encoder';
  original: Continuation;
  modulated: Continuation;
  /** generated tokens compared position by position */ tokenDifference: TokenDifference;
  finalStates: { original: FinalStates; modulated: FinalStates };
  /** the seed's impact measures between original and modulated final states of the prompt */ impact: ModulationImpact;
  /** wall time of this request, ms (the original may come from the cache) */ ms: number;
  /** the original continuation came from the cache */ originalCached: boolean;
  /** field modulation only: health report, validity and CV check (analysis/modulation/field/report.ts) */ field?: FieldReport;
}

/** What the geometric target was built from (the table itself travels separately). */
export interface GeometricTableReport {
  /** the anchor token ids */ anchors: number[];
  nGeo: number;
  /** mean cosine of the Procrustes-aligned anchors with their residual PCA coordinates */ alignmentCos: number;
  /** mean final-state norm of the anchors */ residualScale: number;
  /** 0.1 * residualScale: the seed's projection scale */ scale: number;
  /** the initializer read as the static embedding */ embedding: string;
}
