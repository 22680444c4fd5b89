/**
 * Tap surgery: find the residual stream of a transformer ONNX graph by structure and expose
 * requested tap points (DESIGN.md) as graph outputs. Nothing here reads node names.
 *
 * The walk: logits <- head MatMul <- (scalar scale) <- final-norm output; the nearest residual Add
 * upstream of the final norm is the last block's output. A residual Add is an Add whose one input
 * (the stream) flows into the other (the branch). Following the stream input back from Add to Add
 * visits every sub-layer; the first non-Add tensor is the embedding stream. A branch that holds a
 * Softmax is attention, one without is an MLP, one that sums both is a parallel block.
 */
import { GraphIndex } from './graph-index';
import { floatOutput, withOutputs, DataType, type ModelProto } from './proto';
import { hookEmbed, hookFinalNorm, hookLogits, residMid, residPost, residPre, type HookName } from '../model/hooks';

export type SubLayerKind = 'attn' | 'cross_attn' | 'mlp' | 'parallel';

export interface SubLayer {
  kind: SubLayerKind;
  /** the residual stream entering the Add */ residualIn: string;
  /** the branch output added to it */ branch: string;
  /** the Add's output */ out: string;
}

export interface BlockTaps {
  residPre: string;
  /** after the attention add; absent for parallel blocks */ residMid?: string;
  residPost: string;
  sublayers: SubLayer[];
}

export interface ResidualStructure {
  embed: string;
  blocks: BlockTaps[];
  finalNormOut: string;
  logits: string;
  layout: 'sequential' | 'parallel';
}

export class SurgeryError extends Error {
  override name = 'SurgeryError';
}

const MAX_NORM_SEARCH = 64;

function findLogits(g: GraphIndex): string {
  const name = g.outputs.includes('logits') ? 'logits' : g.outputs[0];
  if (!name) throw new SurgeryError('tap surgery: the graph has no outputs');
  return name;
}

/** The activation input of the LM head, looked through scalar Mul/Div scalings (T5 scales by d_model^-0.5). */
function findFinalNormOut(g: GraphIndex, logits: string): string {
  // unwrap looks through a final Cast to float32 (HF Llama's logits.float()).
  const head = g.producer.get(g.unwrap(logits));
  if (!head || (head.opType !== 'MatMul' && head.opType !== 'Gemm')) {
    throw new SurgeryError(`tap surgery: looked for the LM head (a MatMul or Gemm producing '${logits}'); found ${head ? head.opType : 'no producer'}`);
  }
  const acts = head.input!.slice(0, 2).filter((i) => !g.isConstant(i));
  if (acts.length !== 1) {
    throw new SurgeryError(`tap surgery: looked for an LM head with one activation input and one weight; found ${acts.length} non-constant inputs`);
  }
  let cur = g.unwrap(acts[0]);
  for (let p = g.producer.get(cur); p && (p.opType === 'Mul' || p.opType === 'Div'); p = g.producer.get(cur)) {
    const [a, b] = p.input!;
    if (g.constantSize(b) === 1) cur = g.unwrap(a);
    else if (p.opType === 'Mul' && g.constantSize(a) === 1) cur = g.unwrap(b);
    else break;
  }
  return cur;
}

/** If `node` is a residual Add, return which input is the stream and which the branch. */
function residualAdd(g: GraphIndex, out: string): SubLayer | null {
  const node = g.producer.get(out);
  if (!node || node.opType !== 'Add') return null;
  const [a, b] = node.input!;
  if (!a || !b || g.isConstant(a) || g.isConstant(b)) return null;
  if (g.dependsOn(b, a)) return { kind: 'mlp', residualIn: g.unwrap(a), branch: b, out };
  if (g.dependsOn(a, b)) return { kind: 'mlp', residualIn: g.unwrap(b), branch: a, out };
  return null;
}

/** Breadth-first from the final-norm output to the nearest residual Add: the last block's output. */
function findFinalResidual(g: GraphIndex, normOut: string): SubLayer {
  const queue = [normOut];
  const seen = new Set<string>();
  let steps = 0;
  while (queue.length && steps++ < MAX_NORM_SEARCH) {
    const t = queue.shift()!;
    if (seen.has(t)) continue;
    seen.add(t);
    const add = residualAdd(g, t);
    if (add) return add;
    const p = g.producer.get(t);
    for (const i of p?.input ?? []) if (i && !g.isConstant(i)) queue.push(i);
  }
  throw new SurgeryError(
    `tap surgery: looked for a residual Add (stream + branch) feeding the final norm '${normOut}' within ${MAX_NORM_SEARCH} tensors; found none`,
  );
}

function classify(g: GraphIndex, s: SubLayer, floatInputs: Set<string>): SubLayerKind {
  const ops = new Set<string>();
  let external = false;
  g.walkBack(s.branch, {
    stop: new Set([s.residualIn]),
    visit: (n) => {
      ops.add(n.opType!);
      for (const i of n.input ?? []) if (floatInputs.has(i)) external = true;
    },
  });
  if (!ops.has('Softmax')) return 'mlp';
  const top = g.producer.get(g.unwrap(s.branch));
  if (top?.opType === 'Add') {
    const [a, b] = top.input!;
    const hasSoftmax = (t: string) => {
      let found = false;
      g.walkBack(t, { stop: new Set([s.residualIn]), visit: (n) => { if (n.opType === 'Softmax') found = true; } });
      return found;
    };
    if (g.dependsOn(a, s.residualIn) && g.dependsOn(b, s.residualIn) && hasSoftmax(a) !== hasSoftmax(b)) return 'parallel';
  }
  return external ? 'cross_attn' : 'attn';
}

export function findResidualStructure(model: ModelProto): ResidualStructure {
  const g = new GraphIndex(model.graph!);
  const logits = findLogits(g);
  const finalNormOut = findFinalNormOut(g, logits);
  const chain: SubLayer[] = [];
  for (let s: SubLayer | null = findFinalResidual(g, finalNormOut); s; s = residualAdd(g, s.residualIn)) {
    chain.unshift(s);
    if (chain.length > 10_000) throw new SurgeryError('tap surgery: the residual chain does not terminate');
  }
  const floatInputs = new Set(
    (model.graph!.input ?? []).filter((v) => v.type?.tensorType?.elemType === DataType.FLOAT && !g.initializers.has(v.name!)).map((v) => v.name!),
  );
  for (const s of chain) s.kind = classify(g, s, floatInputs);

  const blocks: BlockTaps[] = [];
  let open: SubLayer[] = [];
  for (const s of chain) {
    open.push(s);
    if (s.kind === 'mlp' || s.kind === 'parallel') {
      const attn = open.find((x) => x.kind === 'attn');
      blocks.push({ residPre: open[0].residualIn, residMid: s.kind === 'mlp' ? attn?.out : undefined, residPost: s.out, sublayers: open });
      open = [];
    }
  }
  if (open.length || blocks.length === 0) {
    const kinds = chain.map((s) => s.kind).join(', ');
    throw new SurgeryError(`tap surgery: looked for blocks ending in an MLP or parallel sub-layer; found the residual sub-layers [${kinds}]`);
  }
  const parallel = blocks.filter((b) => b.sublayers.some((s) => s.kind === 'parallel')).length;
  if (parallel !== 0 && parallel !== blocks.length) {
    throw new SurgeryError(`tap surgery: found ${parallel} parallel and ${blocks.length - parallel} sequential blocks in one model`);
  }
  return { embed: chain[0].residualIn, blocks, finalNormOut, logits, layout: parallel ? 'parallel' : 'sequential' };
}

/** Every tap point of the structure and the graph tensor that carries it. */
export function tapTensors(s: ResidualStructure): Map<HookName, string> {
  const m = new Map<HookName, string>();
  m.set(hookEmbed, s.embed);
  s.blocks.forEach((b, i) => {
    m.set(residPre(i), b.residPre);
    if (b.residMid) m.set(residMid(i), b.residMid);
    m.set(residPost(i), b.residPost);
  });
  m.set(hookFinalNorm, s.finalNormOut);
  m.set(hookLogits, s.logits);
  return m;
}

/**
 * Return a model whose outputs are the original ones plus the tensors behind `hooks` (only those),
 * and the output name to read for each hook.
 */
export function addTaps(model: ModelProto, s: ResidualStructure, hooks: readonly HookName[]): { model: ModelProto; outputs: Map<HookName, string> } {
  const all = tapTensors(s);
  const outputs = new Map<HookName, string>();
  const existing = model.graph!.output ?? [];
  const names = new Set(existing.map((o) => o.name!));
  const added = [];
  for (const h of hooks) {
    const t = all.get(h);
    if (!t) throw new SurgeryError(`tap surgery: this model has no tap point '${h}'`);
    outputs.set(h, t);
    if (!names.has(t)) {
      names.add(t);
      added.push(floatOutput(t));
    }
  }
  return { model: withOutputs(model, [...existing, ...added]), outputs };
}
