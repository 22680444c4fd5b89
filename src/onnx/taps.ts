/**
 * Tap surgery: find the residual stream of a transformer ONNX graph by structure and expose
 * requested tap points (DESIGN.md) as graph outputs. Nothing here reads node names.
 *
 * The walk: logits <- head matmul <- (scalar scale) <- final-norm output; the nearest residual Add
 * upstream of the final norm is the last block's output. A residual Add is an Add whose one input
 * (the stream) flows into the other (the branch). Following the stream input back from Add to Add
 * visits every sub-layer; the first non-Add tensor is the embedding stream. A branch whose softmax
 * scores come from two activations is attention (cross-attention when the keys do not come from the
 * stream), one without is an MLP, one that sums both is a parallel block.
 *
 * Variants handled: fused Skip*Normalization norms (fused.ts: the residual Add is inside them),
 * quantized heads (head.ts), encoders without a head (the output is the final-norm output) and
 * merged decoders whose blocks sit inside an If node's branches (if-branches.ts).
 */
import { GraphIndex } from './graph-index';
import { expandFusedNorms, materializeSums, type HiddenSum } from './fused';
import { findHeadMatMul, headInput, isMatMulLike } from './head';
import { normInfo, type NormInfo, type NormKind } from './norm-kind';
import { classify, findFinalResidual, groupBlocks, residualChain, type BlockTaps, type SubLayer, type SubLayerKind } from './residual';
import { SurgeryError } from './errors';
import { findInIfBranches, addBranchTaps, type IfBranches } from './if-branches';
import { floatOutput, onnx, type GraphProto, type ModelProto } from './proto';
import { hookEmbed, hookFinalNorm, hookLogits, residMid, residPost, residPre, type HookName } from '../model/hooks';

export { SurgeryError } from './errors';
export type { SubLayer, SubLayerKind, BlockTaps } from './residual';
export type { NormInfo, NormKind } from './norm-kind';
export type { HiddenSum } from './fused';
export type { IfBranches } from './if-branches';

/** Where the residual stream lives in a graph: tensor names per tap point, plus what it takes to tap them. */
export interface ResidualStructure {
  /** the stream entering block 0: [batch, pos, d_model] */ embed: string;
  blocks: BlockTaps[];
  /** the final norm's output (HF's last hidden state): [batch, pos, d_model] */ finalNormOut: string;
  /**
   * The graph output the walk started from: the logits [batch, pos, vocab] when `head` is 'lm'; for an
   * encoder (`head` 'none') the final-norm output itself.
   */
  logits: string;
  /** 'lm': an LM head produces `logits`; 'none': the graph ends at the final norm (an encoder) */
  head: 'lm' | 'none';
  layout: 'sequential' | 'parallel';
  /** the final norm's kind and op, read from the ops between the last residual and `finalNormOut` */
  finalNorm: NormInfo;
  /** residual sums inside fused Skip*Normalization nodes that the graph does not output yet */
  hiddenSums: HiddenSum[];
  /**
   * Set when the blocks live inside an If node's branches (merged decoders): the structure of each
   * branch. The fields above then repeat the else branch's, except `logits` (the outer output).
   */
  branches?: IfBranches;
}

/** The graph output to start from: the one named `logits` (the exporters' interface name), else the first. */
function startOutput(g: GraphIndex): string {
  const name = g.outputs.includes('logits') ? 'logits' : g.outputs[0];
  if (!name) throw new SurgeryError('tap surgery: the graph has no outputs');
  return name;
}

/** Ops that never sit between a final norm and the graph output of an encoder. */
function isBlockOp(opType: string): boolean {
  return opType === 'Softmax' || opType === 'Gather' || isMatMulLike({ opType });
}

/**
 * The final-norm output and head kind for a walk starting at graph output `out`: through the LM head
 * when there is one; otherwise `out` itself, if only norm ops separate it from the last residual Add.
 */
function findFinalNorm(g: GraphIndex, out: string): { normOut: string; head: 'lm' | 'none'; last: SubLayer } {
  const seen: string[] = [];
  const head = findHeadMatMul(g, out, seen);
  if (head) {
    const normOut = headInput(g, head.act);
    return { normOut, head: 'lm', last: findFinalResidual(g, normOut) };
  }
  const lookedFor = `looked for the LM head (a MatMul-like op producing '${out}', through casts, scales and dequantization) or an encoder's final norm`;
  let last: SubLayer;
  try {
    last = findFinalResidual(g, out);
  } catch {
    throw new SurgeryError(`tap surgery: ${lookedFor}; found the ops [${seen.join(' <- ')}] and no residual Add behind them`);
  }
  const between: string[] = [];
  g.walkBack(out, { stop: new Set([last.out]), visit: (n) => between.push(n.opType!) });
  const bad = between.filter(isBlockOp);
  if (bad.length) {
    throw new SurgeryError(`tap surgery: ${lookedFor}; found [${seen.join(' <- ')}], and between '${out}' and the last residual Add the non-norm ops [${[...new Set(bad)].join(', ')}]`);
  }
  return { normOut: out, head: 'none', last };
}

/**
 * The residual structure of one graph (no If handling), starting from output `out`.
 * @param outer the enclosing graph, when `graph` is an If branch
 */
export function findInGraph(graph: GraphProto, out: string, outer?: GraphIndex): ResidualStructure {
  const view = expandFusedNorms(graph);
  const g = new GraphIndex(view.graph, outer);
  const { normOut, head, last } = findFinalNorm(g, out);
  const chain = residualChain(g, last);
  for (const s of chain) s.kind = classify(g, s);
  const { blocks, layout } = groupBlocks(chain);
  return {
    embed: chain[0].residualIn,
    blocks,
    finalNormOut: normOut,
    logits: out,
    head,
    layout,
    finalNorm: normInfo(g, last.out, normOut, view.origin),
    hiddenSums: view.hidden,
  };
}

/**
 * Find the residual stream of a transformer graph by structure.
 * @throws SurgeryError naming what was looked for and what was found; the model itself stays runnable.
 */
export function findResidualStructure(model: ModelProto): ResidualStructure {
  const top = new GraphIndex(model.graph!);
  const out = startOutput(top);
  const producer = top.producer.get(top.unwrap(out));
  if (producer?.opType === 'If') return findInIfBranches(top, producer, out, findInGraph);
  return findInGraph(model.graph!, out);
}

/** `findResidualStructure` that returns the error instead of throwing (the caller can still run the plain model). */
export function tryFindResidualStructure(model: ModelProto): { structure: ResidualStructure; error: null } | { structure: null; error: SurgeryError } {
  try {
    return { structure: findResidualStructure(model), error: null };
  } catch (e) {
    if (e instanceof SurgeryError) return { structure: null, error: e };
    throw e;
  }
}

/** Every tap point of the structure and the graph tensor that carries it (for a merged decoder: the else branch's tensor). */
export function tapTensors(s: ResidualStructure): Map<HookName, string> {
  const m = new Map<HookName, string>();
  m.set(hookEmbed, s.embed);
  s.blocks.forEach((b, i) => {
    m.set(residPre(i), b.residPre);
    if (b.residMid) m.set(residMid(i), b.residMid);
    m.set(residPost(i), b.residPost);
  });
  m.set(hookFinalNorm, s.finalNormOut);
  if (s.head === 'lm') m.set(hookLogits, s.logits);
  return m;
}

/** The tensor behind each hook, or a SurgeryError naming the missing tap point. */
export function tensorsFor(s: ResidualStructure, hooks: readonly HookName[]): Map<HookName, string> {
  const all = tapTensors(s);
  const out = new Map<HookName, string>();
  for (const h of hooks) {
    const t = all.get(h);
    if (!t) throw new SurgeryError(`tap surgery: this model has no tap point '${h}'`);
    out.set(h, t);
  }
  return out;
}

/**
 * Return a model whose outputs are the original ones plus the tensors behind `hooks` (only those),
 * and the output name to read for each hook. The input model is not modified. With no structure
 * (the surgery failed), only an empty hook list is accepted and the model comes back unchanged.
 */
export function addTaps(model: ModelProto, s: ResidualStructure | null, hooks: readonly HookName[]): { model: ModelProto; outputs: Map<HookName, string> } {
  if (!s) {
    if (hooks.length) throw new SurgeryError(`tap surgery: the residual structure of this model is unknown, so '${hooks[0]}' cannot be tapped`);
    return { model, outputs: new Map() };
  }
  if (s.branches) return addBranchTaps(model, s, hooks, tensorsFor);
  const outputs = tensorsFor(s, hooks);
  const existing = model.graph!.output ?? [];
  const names = new Set(existing.map((o) => o.name!));
  const added = [];
  for (const t of new Set(outputs.values())) {
    if (names.has(t)) continue;
    names.add(t);
    added.push(floatOutput(t));
  }
  const node = materializeSums(model.graph!.node ?? [], s.hiddenSums, new Set(outputs.values()));
  const graph = onnx.GraphProto.create({ ...model.graph!, node, output: [...existing, ...added] });
  return { model: onnx.ModelProto.create({ ...model, graph }), outputs };
}

/** What the architecture card can check against the model's config. */
export interface StructureSummary {
  layout: 'sequential' | 'parallel';
  nBlocks: number;
  /** per block, its residual sub-layers in order (e.g. ['attn', 'mlp'], T5 decoder ['attn', 'cross_attn', 'mlp']) */
  sublayers: SubLayerKind[][];
  /** the final norm's kind; 'unknown' when its ops are not recognised */
  norm: NormKind;
  /** the op computing the final norm ('LayerNormalization', 'SkipLayerNormalization', ...) or 'decomposed' */
  normOp: string;
  head: 'lm' | 'none';
  /** the blocks were found inside an If node's branches (merged decoder) */
  merged: boolean;
}

/** A plain-data summary of a structure, for the architecture card. */
export function structureSummary(s: ResidualStructure): StructureSummary {
  return {
    layout: s.layout,
    nBlocks: s.blocks.length,
    sublayers: s.blocks.map((b) => b.sublayers.map((x) => x.kind)),
    norm: s.finalNorm.kind,
    normOp: s.finalNorm.op,
    head: s.head,
    merged: !!s.branches,
  };
}
