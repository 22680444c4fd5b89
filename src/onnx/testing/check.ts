/**
 * Tap-by-tap checks: which reference summary each tap point must match, and running a model with
 * the taps added.
 */
import { addTaps, type ResidualStructure } from '../taps';
import { hookEmbed, hookFinalNorm, hookLogits, residMid, residPost, residPre, type HookName } from '../../model/hooks';
import { compareLastToken, compareSummary, vectorRelErr } from './compare';
import type { StackReference, TensorSummary } from './fixtures';
import { runModel, type Float32Output } from './run';
import type { ModelProto } from '../proto';
import type * as ort from 'onnxruntime-node';

/** One tap point and the reference summary it must equal. */
export interface TapCheck {
  /** what the reference calls it, e.g. "blocks[1].resid_mid" */ label: string;
  hook: HookName;
  ref: TensorSummary;
}

/** Every tap point of `s` paired with the reference summary it must equal. */
export function referenceChecks(s: ResidualStructure, stack: StackReference): TapCheck[] {
  const L = s.blocks.length;
  const checks: TapCheck[] = [{ label: 'hidden_states[0]', hook: hookEmbed, ref: stack.hidden_states[0] }];
  stack.blocks.forEach((b, i) => {
    checks.push({ label: `blocks[${i}].resid_pre`, hook: residPre(i), ref: b.resid_pre });
    const mid = b.resid_mid ?? b.resid_mid_after_self_attn;
    if (mid) checks.push({ label: `blocks[${i}].resid_mid`, hook: residMid(i), ref: mid });
    checks.push({ label: `blocks[${i}].resid_post`, hook: residPost(i), ref: b.resid_post });
    if (i + 1 < L) checks.push({ label: `hidden_states[${i + 1}]`, hook: residPost(i), ref: stack.hidden_states[i + 1] });
  });
  checks.push({ label: 'pre_final_norm', hook: residPost(L - 1), ref: stack.pre_final_norm });
  checks.push({ label: 'final_norm_output', hook: hookFinalNorm, ref: stack.final_norm_output });
  checks.push({ label: `hidden_states[${L}]`, hook: hookFinalNorm, ref: stack.hidden_states[L] });
  return checks;
}

/** The hooks the checks need, plus logits when the model has a head. */
export function hooksOf(s: ResidualStructure, checks: TapCheck[]): HookName[] {
  const hooks = [...new Set(checks.map((c) => c.hook))];
  return s.head === 'lm' ? [...hooks, hookLogits] : hooks;
}

/** Run `model` with `hooks` tapped; returns each hook's tensor. */
export async function runTapped(model: ModelProto, s: ResidualStructure, hooks: readonly HookName[], feeds: Record<string, ort.Tensor>): Promise<Map<HookName, Float32Output>> {
  const { model: tapped, outputs } = addTaps(model, s, hooks);
  const res = await runModel(tapped, feeds, [...outputs.values()]);
  return new Map([...outputs].map(([h, t]) => [h, res.get(t)!]));
}

/**
 * Worst relative error of each check (max of the per-token norm error and the last-token vector error).
 * With `lastOnly` the taps come from an incremental step and only their last position is compared.
 */
export function checkErrors(taps: Map<HookName, Float32Output>, checks: TapCheck[], lastOnly = false): Map<string, number> {
  const errs = new Map<string, number>();
  for (const c of checks) {
    const e = (lastOnly ? compareLastToken : compareSummary)(taps.get(c.hook)!, c.ref);
    errs.set(c.label, Math.max(e.norms, e.lastToken));
  }
  return errs;
}

/** ||logits_last - ref|| / ||ref|| over the last position of [1, S, vocab] logits. */
export function lastLogitsError(logits: Float32Output, ref: readonly number[]): number {
  const V = ref.length;
  return vectorRelErr(logits.data.subarray(logits.data.length - V), ref);
}
