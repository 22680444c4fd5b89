/**
 * Which norm a graph applies, read from the ops between the residual stream and the norm output:
 * a norm op (LayerNormalization, SimplifiedLayerNormalization, or a fused Skip* op) or a decomposed
 * one (LayerNorm subtracts the mean; RMSNorm does not).
 */
import type { GraphIndex } from './graph-index';
import type { NodeProto } from './proto';

/** The norm family: LayerNorm subtracts the mean, RMSNorm does not. */
export type NormKind = 'LayerNorm' | 'RMSNorm' | 'unknown';

/** A norm's family and the op computing it. */
export interface NormInfo {
  kind: NormKind;
  /** the op computing it ('LayerNormalization', 'SkipSimplifiedLayerNormalization', ...) or 'decomposed' */
  op: string;
}

const LAYER_NORM_OPS = new Set(['LayerNormalization']);
const RMS_NORM_OPS = new Set(['SimplifiedLayerNormalization', 'RMSNormalization']);
const REDUCTIONS = new Set(['ReduceMean', 'ReduceSumSquare', 'ReduceL2', 'ReduceSum']);

/**
 * @param input the norm's input (the residual stream), where the walk stops
 * @param output the norm's output
 * @param origin virtual norm nodes of a fused view -> the fused op they stand for
 */
export function normInfo(g: GraphIndex, input: string, output: string, origin: ReadonlyMap<NodeProto, string>): NormInfo {
  const ops = new Set<string>();
  let fusedOp: string | undefined;
  g.walkBack(output, {
    stop: new Set([input]),
    visit: (n) => {
      ops.add(n.opType!);
      fusedOp ??= origin.get(n);
    },
  });
  const layer = [...ops].some((o) => LAYER_NORM_OPS.has(o));
  const rms = [...ops].some((o) => RMS_NORM_OPS.has(o));
  if (layer !== rms) return { kind: layer ? 'LayerNorm' : 'RMSNorm', op: fusedOp ?? [...ops].find((o) => LAYER_NORM_OPS.has(o) || RMS_NORM_OPS.has(o))! };
  if (layer || rms) return { kind: 'unknown', op: 'mixed' };
  if (![...ops].some((o) => REDUCTIONS.has(o))) return { kind: 'unknown', op: 'none' };
  return { kind: ops.has('Sub') ? 'LayerNorm' : 'RMSNorm', op: 'decomposed' };
}
