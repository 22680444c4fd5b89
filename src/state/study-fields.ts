/**
 * The per-prompt quantities a study summarises, each named by the gain definition it uses
 * (analysis/definitions.ts). The table, the statistics and the figures all take their labels
 * and formulas from here, so a number never appears without its definition.
 */
import { GAIN_DEFINITIONS, TOTAL_AMPLIFICATION } from '../analysis/definitions';

/** The four gains (statistics and figures pick one) and entropy. */
export type GainField = 'G_hf_last' | 'G_hf_penult' | 'G_block_last' | 'total';
export type StudyField = GainField | 'entropyNats';

export interface FieldInfo {
  field: StudyField;
  /** short label; G_block(L-1) is written with L-1 since L differs per model */
  label: string;
  formula: string;
  source: string;
}

export const FIELD_INFO: Record<StudyField, FieldInfo> = {
  G_hf_last: { field: 'G_hf_last', label: GAIN_DEFINITIONS.G_hf_last.label, formula: GAIN_DEFINITIONS.G_hf_last.formula, source: GAIN_DEFINITIONS.G_hf_last.source },
  G_hf_penult: { field: 'G_hf_penult', label: GAIN_DEFINITIONS.G_hf_penult.label, formula: GAIN_DEFINITIONS.G_hf_penult.formula, source: GAIN_DEFINITIONS.G_hf_penult.source },
  G_block_last: {
    field: 'G_block_last',
    label: 'G_block(L-1)',
    formula: GAIN_DEFINITIONS.G_block.formula.replaceAll('(i)', '(L-1)'),
    source: GAIN_DEFINITIONS.G_block.source,
  },
  total: { field: 'total', label: 'total', formula: TOTAL_AMPLIFICATION.formula, source: TOTAL_AMPLIFICATION.label },
  entropyNats: { field: 'entropyNats', label: 'entropy (nats)', formula: '-sum p ln p of the next-token distribution', source: 'natural log' },
};

export const GAIN_FIELDS: readonly GainField[] = ['G_hf_last', 'G_hf_penult', 'G_block_last', 'total'];
export const SUMMARY_FIELDS: readonly StudyField[] = [...GAIN_FIELDS, 'entropyNats'];

/** "G_block(L-1) = ||resid_post(L-1)|| / ||resid_pre(L-1)||" */
export const fieldWithFormula = (f: StudyField): string => `${FIELD_INFO[f].label} = ${FIELD_INFO[f].formula}`;
