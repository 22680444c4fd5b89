/**
 * The residual chain: residual Adds found by dependence (one input, the stream, flows into the other,
 * the branch), walked back from the final norm, classified by what their branch computes, and
 * grouped into blocks.
 */
import type { GraphIndex } from './graph-index';
import { activationOperands, isMatMulLike } from './head';
import type { NodeProto } from './proto';
import { SurgeryError } from './errors';

/** What a residual branch computes: self-attention, cross-attention, an MLP, or attention + MLP summed (parallel block). */
export type SubLayerKind = 'attn' | 'cross_attn' | 'mlp' | 'parallel';

/** One residual Add: stream + branch. */
export interface SubLayer {
  kind: SubLayerKind;
  /** the residual stream entering the Add: [batch, pos, d_model] */ residualIn: string;
  /** the branch output added to it: [batch, pos, d_model] */ branch: string;
  /** the Add's output: [batch, pos, d_model] */ out: string;
}

/** One block's boundary tensors and its residual sub-layers in order. */
export interface BlockTaps {
  /** [batch, pos, d_model] */ residPre: string;
  /** after the (self-)attention add; absent for parallel blocks. [batch, pos, d_model] */ residMid?: string;
  /** [batch, pos, d_model] */ residPost: string;
  sublayers: SubLayer[];
}

const MAX_NORM_SEARCH = 64;
const MAX_CHAIN = 10_000;
/** How far back from a Softmax to look for the matmul that made its scores. */
const MAX_SCORE_SEARCH = 64;

/** If `out` is produced by a residual Add, return which input is the stream and which the branch. */
export function residualAdd(g: GraphIndex, out: string): SubLayer | null {
  const node = g.producer.get(out);
  if (!node || node.opType !== 'Add') return null;
  const [a, b] = node.input!;
  if (!a || !b || g.isConstant(a) || g.isConstant(b)) return null;
  if (g.dependsOn(b, a)) return { kind: 'mlp', residualIn: g.unwrap(a), branch: b, out };
  if (g.dependsOn(a, b)) return { kind: 'mlp', residualIn: g.unwrap(b), branch: a, out };
  return null;
}

/** Breadth-first from the final-norm output to the nearest residual Add: the last block's output. */
export function findFinalResidual(g: GraphIndex, normOut: string): SubLayer {
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
    `tap surgery: looked for a residual Add (stream + branch) feeding the final norm '${normOut}' within ${MAX_NORM_SEARCH} tensors; ` +
      `found none among ${seen.size} tensors searched`,
  );
}

/** The residual Adds from the first block to `last`, following the stream input back. */
export function residualChain(g: GraphIndex, last: SubLayer): SubLayer[] {
  const chain: SubLayer[] = [];
  for (let s: SubLayer | null = last; s; s = residualAdd(g, s.residualIn)) {
    chain.unshift(s);
    if (chain.length > MAX_CHAIN) throw new SurgeryError(`tap surgery: the residual chain does not terminate after ${MAX_CHAIN} Adds`);
  }
  return chain;
}

/** Fused attention ops (onnxruntime contrib): they hold the softmax inside. Input 1, when given, is the key. */
const FUSED_ATTENTION = new Set([
  'Attention', 'MultiHeadAttention', 'GroupQueryAttention', 'PackedAttention', 'PackedMultiHeadAttention',
  'DecoderMaskedSelfAttention', 'DecoderMaskedMultiHeadAttention', 'SparseAttention', 'QAttention',
]);

/**
 * Is this Softmax an attention softmax, and over keys from the stream ('self') or from elsewhere
 * ('cross')? Attention scores come from a matmul of two activations (q @ k^T); a router or gate
 * softmax comes from a matmul with a weight, and is not attention.
 */
function softmaxAttention(g: GraphIndex, softmax: NodeProto, stream: string): 'self' | 'cross' | null {
  const queue = [softmax.input![0]];
  const seen = new Set<string>();
  while (queue.length && seen.size < MAX_SCORE_SEARCH) {
    const t = queue.shift()!;
    if (seen.has(t) || t === stream) continue;
    seen.add(t);
    const p = g.producer.get(t);
    if (!p) continue;
    if (isMatMulLike(p)) {
      const acts = activationOperands(g, p);
      if (acts.length === 2) return acts.every((x) => g.dependsOn(x, stream)) ? 'self' : 'cross';
      continue; // a projection: the path to the scores does not go through it
    }
    for (const i of p.input ?? []) if (i && !g.isConstant(i)) queue.push(i);
  }
  return null;
}

/** The attention computations inside a branch (walked back to the stream), each self or cross. */
function attentionIn(g: GraphIndex, branch: string, stream: string): ('self' | 'cross')[] {
  const found: ('self' | 'cross')[] = [];
  g.walkBack(branch, {
    stop: new Set([stream]),
    visit: (n) => {
      if (n.opType === 'Softmax') {
        const a = softmaxAttention(g, n, stream);
        if (a) found.push(a);
      } else if (FUSED_ATTENTION.has(n.opType!)) {
        const key = n.input![1];
        found.push(!key || g.dependsOn(key, stream) ? 'self' : 'cross');
      }
    },
  });
  return found;
}

/** attn (self-attention), cross_attn (keys not from the stream), mlp (no attention), parallel (attention + MLP summed). */
export function classify(g: GraphIndex, s: SubLayer): SubLayerKind {
  const attn = attentionIn(g, s.branch, s.residualIn);
  if (attn.length === 0) return 'mlp';
  const top = g.producer.get(g.unwrap(s.branch));
  if (top?.opType === 'Add') {
    const [a, b] = top.input!;
    const hasAttn = (t: string) => attentionIn(g, t, s.residualIn).length > 0;
    if (g.dependsOn(a, s.residualIn) && g.dependsOn(b, s.residualIn) && hasAttn(a) !== hasAttn(b)) return 'parallel';
  }
  return attn.includes('self') ? 'attn' : 'cross_attn';
}

/** Group classified sub-layers into blocks: a block ends at its MLP (or its parallel sub-layer). */
export function groupBlocks(chain: SubLayer[]): { blocks: BlockTaps[]; layout: 'sequential' | 'parallel' } {
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
    throw new SurgeryError(
      `tap surgery: looked for blocks ending in an MLP or parallel sub-layer; found ${blocks.length} complete blocks ` +
        `and the residual sub-layers [${kinds}]${open.length ? ` (the last ${open.length} end no block)` : ''}`,
    );
  }
  const parallel = blocks.filter((b) => b.sublayers.some((s) => s.kind === 'parallel')).length;
  if (parallel !== 0 && parallel !== blocks.length) {
    throw new SurgeryError(`tap surgery: found ${parallel} parallel and ${blocks.length - parallel} sequential blocks in one model`);
  }
  return { blocks, layout: parallel ? 'parallel' : 'sequential' };
}
