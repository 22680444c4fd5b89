/**
 * The three residual-gain definitions of DESIGN.md. Every number the lab shows or exports
 * carries one of these ids; the text here is what the UI, the exports and figure captions say.
 */
export type GainDefinitionId = 'G_hf_last' | 'G_hf_penult' | 'G_block';

export interface GainDefinition {
  id: GainDefinitionId;
  label: string;
  formula: string;
  meaning: string;
  source: string;
}

export const GAIN_DEFINITIONS: Record<GainDefinitionId, GainDefinition> = {
  G_hf_last: {
    id: 'G_hf_last',
    label: 'G_hf_last',
    formula: '||hidden_states[L]|| / ||hidden_states[L-1]||',
    meaning: 'HF last-layer ratio; hidden_states[L] is the final-norm output, so it includes the final norm',
    source: 'seed 01',
  },
  G_hf_penult: {
    id: 'G_hf_penult',
    label: 'G_hf_penult',
    formula: '||hidden_states[L-1]|| / ||hidden_states[L-2]||',
    meaning: "HF penultimate ratio; it is block L-2's gain, not the last block's",
    source: 'seed 02',
  },
  G_block: {
    id: 'G_block',
    label: 'G_block(i)',
    formula: '||resid_post(i)|| / ||resid_pre(i)||',
    meaning: 'per-block gain; G_block(L-1) is the true last-block gain (input of the final norm over input of the last block)',
    source: 'seed 03 (hooks)',
  },
};

/** Shown beside the three gains: not a gain definition of the seeds, but the stream's growth end to end. */
export const TOTAL_AMPLIFICATION = {
  label: 'total amplification',
  formula: '||resid_post(L-1)|| / ||resid_pre(0)||',
  meaning: 'total amplification of the residual stream from the embeddings to the input of the final norm',
};

/** Norm convention stated with every export. */
export const NORM_CONVENTION = 'L2 norm per token of float32 activations, sum of squares accumulated in float64; no epsilon in the ratio';
