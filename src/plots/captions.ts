/** Figure captions: every figure names its gain definition and the token position it shows. */
import { GAIN_DEFINITIONS, NORM_CONVENTION } from '../analysis/definitions';
import { showPiece } from './format';

/** "the last token (position 4 of 0..4, "time")" */
export function positionPhrase(t: number, seqLen: number, piece: string): string {
  const which = t === seqLen - 1 ? 'the last token' : 'token';
  return `${which} (position ${t} of 0..${seqLen - 1}, ${showPiece(piece)})`;
}

export function normsCaption(t: number, seqLen: number, piece: string, nLayers: number): string {
  return (
    `Residual-stream norm ||h|| at each block boundary for ${positionPhrase(t, seqLen, piece)}. ` +
    `Boundary i < ${nLayers} is blocks.i.hook_resid_pre (= HF hidden_states[i]); boundary ${nLayers} is ` +
    `blocks.${nLayers - 1}.hook_resid_post, the true last-block output, which is not in HF's tuple. ` +
    `The separate marker is ln_final.hook_normalized (= HF hidden_states[${nLayers}]), the final-norm output. ` +
    `Norms: ${NORM_CONVENTION}.`
  );
}

export function blockGainsCaption(t: number, seqLen: number, piece: string, nLayers: number): string {
  const d = GAIN_DEFINITIONS.G_block;
  return (
    `${d.label} = ${d.formula} per block i = 0..${nLayers - 1} for ${positionPhrase(t, seqLen, piece)} ` +
    `(${d.source}). G_block(${nLayers - 1}) is the true last-block gain. Dashed line: gain 1 (norm preserved).`
  );
}

export function heatmapCaption(seqLen: number, nLayers: number): string {
  const d = GAIN_DEFINITIONS.G_block;
  return (
    `${d.label} = ${d.formula} for every token position 0..${seqLen - 1} (rows, every input token, special tokens included) and block ` +
    `i = 0..${nLayers - 1} (columns). Colour centred at 1: red amplifies, blue shrinks the stream.`
  );
}
