/**
 * Tap point names, following TransformerLens conventions. Every name the lab uses is
 * built here by a typed function; names are never parsed from shorthand strings.
 *
 * For a model with L blocks:
 *   blocks.{i}.hook_resid_pre   residual stream entering block i (blocks.0 = embeddings)
 *   blocks.{i}.hook_resid_mid   after the attention add (sequential blocks only)
 *   blocks.{i}.hook_resid_post  leaving block i (= blocks.{i+1}.hook_resid_pre)
 *   ln_final.hook_normalized    output of the final norm (HF's last hidden state)
 *   logits
 */
export type ResidHook = `blocks.${number}.hook_resid_${'pre' | 'mid' | 'post'}`;
export type HookName = 'hook_embed' | ResidHook | 'ln_final.hook_normalized' | 'logits';

export const hookEmbed = 'hook_embed' as const;
export const hookFinalNorm = 'ln_final.hook_normalized' as const;
export const hookLogits = 'logits' as const;
export const residPre = (block: number): ResidHook => `blocks.${block}.hook_resid_pre`;
export const residMid = (block: number): ResidHook => `blocks.${block}.hook_resid_mid`;
export const residPost = (block: number): ResidHook => `blocks.${block}.hook_resid_post`;

/** The residual-stream boundaries of an L-block model: resid_pre of every block, then resid_post of the last. */
export function boundaryHooks(nLayers: number): ResidHook[] {
  const out: ResidHook[] = [];
  for (let i = 0; i < nLayers; i++) out.push(residPre(i));
  out.push(residPost(nLayers - 1));
  return out;
}

/** The taps a gain measurement needs: every boundary plus the final-norm output. */
export function gainHooks(nLayers: number): HookName[] {
  return [...boundaryHooks(nLayers), hookFinalNorm];
}
