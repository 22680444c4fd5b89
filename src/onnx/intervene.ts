/**
 * Intervention surgery: tap surgery in the other direction (DESIGN.md). At the stream entering every
 * block i (resid_pre(i), found by structure in taps.ts) the graph gets
 *
 *   h'_i = (1 - alpha_i) * h_i + alpha_i * target
 *
 * with `modulator_alpha` [n_blocks] float32 and the target as new graph inputs, so a slider changes a
 * feed, not the model: one session per (model, target kind). A block whose alpha is 0 is unmodulated.
 *
 * Why this form and not h + alpha (target - h): both give exactly h at alpha = 0 (1 * h = h, 0 * t = 0
 * for a finite t, h + 0 = h, so the logits are bit-identical), but only the lerp gives exactly the
 * target at alpha = 1 (0 * h + 1 * t = t; h + (t - h) can miss t by an ulp). It is also the seed's
 * formula (seed 05 section 7), so the reference script and the graph compute the same expression.
 *
 * Target kinds (graph inputs, float32):
 * - 'table':     `modulator_table` [vocab, d_model], gathered by `input_ids` inside the graph (the seed's
 *                per-token geometric target; an uploaded [vocab, d_model] file);
 * - 'positions': `modulator_target` [batch, pos, d_model], one vector per position;
 * - 'vector':    `modulator_target` [d_model], the same vector at every position (steering, random).
 */
import { SurgeryError } from './errors';
import { isSkipNorm } from './fused';
import { floatTensor, int64Tensor, valueInfo } from './builder';
import { DataType, onnx, type GraphProto, type ModelProto, type NodeProto, type TensorProto } from './proto';
import type { ResidualStructure } from './taps';
import type { BlockTaps } from './residual';
import { allNames, uniqueName } from './names';

export type TargetKind = 'table' | 'positions' | 'vector';

/** Graph input names the surgery adds. */
export const MODULATOR_ALPHA = 'modulator_alpha';
export const MODULATOR_TABLE = 'modulator_table';
export const MODULATOR_TARGET = 'modulator_target';

/** The graph input carrying the target for a kind. */
export function targetInputName(kind: TargetKind): string {
  return kind === 'table' ? MODULATOR_TABLE : MODULATOR_TARGET;
}

export interface ModulatedGraph {
  /** the rewritten model; the input model is not modified */ model: ModelProto;
  /**
   * The residual structure of the rewritten graph: `blocks[i].residPre` is the modulated stream h'_i
   * (what block i reads), while `embed` and `blocks[i-1].residPost` stay the unmodulated h_i. Pass it to
   * addTaps to tap the new graph.
   */
  structure: ResidualStructure;
  kind: TargetKind;
  /** length of `modulator_alpha`: one alpha per block */ nBlocks: number;
  /** the graph inputs to feed: [alpha, target] */ inputs: { alpha: string; target: string };
}

export interface ModulatorOptions {
  /** d_model, for the declared input shapes */ dModel: number;
  /** vocabulary size, for the declared table shape */ vocabSize: number;
}

const PREFIX = '/modulator';


/** Fresh tensor names under /modulator/, checked against every name in the model. */
class Names {
  constructor(private readonly taken: Set<string>) {}
  get(base: string): string {
    return uniqueName(`${PREFIX}/${base}`, this.taken);
  }
}

/** Per-block scalars a_i and (1 - a_i), and the target tensor, computed once at the top of the graph. */
interface Shared {
  nodes: NodeProto[];
  initializers: TensorProto[];
  alpha: string[];
  keep: string[];
  target: string;
}

function sharedNodes(kind: TargetKind, nBlocks: number, names: Names, hasInputIds: boolean): Shared {
  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [];
  const one = names.get('one');
  initializers.push(floatTensor(one, [], new Float32Array([1])));
  const alpha: string[] = [];
  const keep: string[] = [];
  for (let i = 0; i < nBlocks; i++) {
    const idx = names.get(`block${i}/index`);
    initializers.push(int64Tensor(idx, [], [i]));
    const a = names.get(`block${i}/alpha`);
    const k = names.get(`block${i}/one_minus_alpha`);
    nodes.push({ name: `${PREFIX}/block${i}/Gather`, opType: 'Gather', input: [MODULATOR_ALPHA, idx], output: [a], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] });
    nodes.push({ name: `${PREFIX}/block${i}/Sub`, opType: 'Sub', input: [one, a], output: [k] });
    alpha.push(a);
    keep.push(k);
  }
  let target = MODULATOR_TARGET;
  if (kind === 'table') {
    if (!hasInputIds) throw new SurgeryError(`intervention surgery: a per-token table target is gathered by 'input_ids', and this graph has no such input`);
    target = names.get('target');
    nodes.push({ name: `${PREFIX}/target/Gather`, opType: 'Gather', input: [MODULATOR_TABLE, 'input_ids'], output: [target], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] });
  }
  return { nodes, initializers, alpha, keep, target };
}

/**
 * Insert the lerp at every block boundary of one graph (the top graph, or an If branch whose outer
 * scope holds the shared tensors). Returns the new node list and the modulated tensor per block.
 */
function lerpInGraph(g: GraphProto, blocks: readonly BlockTaps[], shared: Shared, names: Names): { node: NodeProto[]; modulated: string[] } {
  const nodes = [...(g.node ?? [])];
  const producerIndex = new Map<string, number>();
  nodes.forEach((n, k) => n.output?.forEach((o) => o && producerIndex.set(o, k)));
  const modulated: string[] = [];
  const rename = new Map<string, string>();
  const inserts = new Map<number, NodeProto[]>(); // after node index (-1: at the top)
  blocks.forEach((b, i) => {
    const h = b.residPre;
    const at = producerIndex.get(h) ?? -1;
    if (at >= 0 && isSkipNorm(nodes[at])) {
      throw new SurgeryError(
        `intervention surgery: the stream entering block ${i} ('${h}') is the residual sum inside a fused ${nodes[at].opType} node, ` +
          'which also normalises it internally; modulating it needs the unfused graph (export without the transformer optimizer)',
      );
    }
    const kept = names.get(`block${i}/kept`);
    const pulled = names.get(`block${i}/pulled`);
    const out = names.get(`block${i}/resid_pre`);
    const lerp: NodeProto[] = [
      { name: `${PREFIX}/block${i}/Mul_keep`, opType: 'Mul', input: [h, shared.keep[i]], output: [kept] },
      { name: `${PREFIX}/block${i}/Mul_target`, opType: 'Mul', input: [shared.target, shared.alpha[i]], output: [pulled] },
      { name: `${PREFIX}/block${i}/Add`, opType: 'Add', input: [kept, pulled], output: [out] },
    ];
    inserts.set(at, [...(inserts.get(at) ?? []), ...lerp]);
    rename.set(h, out);
    modulated.push(out);
  });
  const rewired = nodes.map((n) => {
    if (!(n.input ?? []).some((x) => rename.has(x))) return n;
    return { ...n, input: n.input!.map((x) => rename.get(x) ?? x) };
  });
  const out: NodeProto[] = [...(inserts.get(-1) ?? [])];
  rewired.forEach((n, k) => {
    out.push(n);
    out.push(...(inserts.get(k) ?? []));
  });
  return { node: out, modulated };
}

function withModulated(s: ResidualStructure, modulated: readonly string[]): ResidualStructure {
  return { ...s, blocks: s.blocks.map((b, i) => ({ ...b, residPre: modulated[i] })) };
}

/**
 * Add the modulator inputs and the lerp at every block's resid_pre (see the module doc).
 * @throws SurgeryError when a boundary cannot be modulated (fused Skip*Normalization sums, a table
 *   target on a graph without `input_ids`), naming what was found.
 */
export function addModulator(model: ModelProto, s: ResidualStructure, kind: TargetKind, opts: ModulatorOptions): ModulatedGraph {
  const top = model.graph!;
  const nBlocks = s.blocks.length;
  const taken = allNames(top);
  for (const n of [MODULATOR_ALPHA, targetInputName(kind)]) {
    if (taken.has(n)) throw new SurgeryError(`intervention surgery: the graph already has a value named '${n}' (was it modulated already?)`);
  }
  const names = new Names(taken);
  const inputNames = new Set((top.input ?? []).map((v) => v.name));
  const shared = sharedNodes(kind, nBlocks, names, inputNames.has('input_ids'));
  const targetDims = kind === 'table' ? [opts.vocabSize, opts.dModel] : kind === 'positions' ? ['batch_size', 'sequence_length', opts.dModel] : [opts.dModel];
  const input = [...(top.input ?? []), valueInfo(MODULATOR_ALPHA, DataType.FLOAT, [nBlocks]), valueInfo(targetInputName(kind), DataType.FLOAT, targetDims)];
  const initializer = [...(top.initializer ?? []), ...shared.initializers];

  let node: NodeProto[];
  let structure: ResidualStructure;
  if (!s.branches) {
    const r = lerpInGraph(top, s.blocks, shared, names);
    node = [...shared.nodes, ...r.node];
    structure = withModulated(s, r.modulated);
  } else {
    // Merged decoder: the lerp goes inside both branches; they read alpha and target from the outer scope.
    const br = s.branches;
    const ifIndex = (top.node ?? []).findIndex((n) => n.opType === 'If' && n.output![0] === br.ifOutput);
    if (ifIndex < 0) throw new SurgeryError(`intervention surgery: this model has no If node producing '${br.ifOutput}'`);
    const ifNode = top.node![ifIndex];
    const results = new Map<string, { g: GraphProto; modulated: string[] }>();
    for (const [attr, bs] of [['then_branch', br.then], ['else_branch', br.else]] as const) {
      const g = ifNode.attribute?.find((a) => a.name === attr)?.g;
      if (!g) throw new SurgeryError(`intervention surgery: the If node has no ${attr}`);
      const r = lerpInGraph(g, bs.blocks, shared, names);
      results.set(attr, { g: onnx.GraphProto.create({ ...g, node: r.node }), modulated: r.modulated });
    }
    const attribute = ifNode.attribute!.map((a) => (results.has(a.name!) ? { ...a, g: results.get(a.name!)!.g } : a));
    node = [...shared.nodes, ...top.node!];
    node[shared.nodes.length + ifIndex] = { ...ifNode, attribute };
    const thenS = withModulated(br.then, results.get('then_branch')!.modulated);
    const elseS = withModulated(br.else, results.get('else_branch')!.modulated);
    structure = { ...elseS, logits: s.logits, branches: { ...br, then: thenS, else: elseS } };
  }
  const graph = onnx.GraphProto.create({ ...top, node, input, initializer });
  return {
    model: onnx.ModelProto.create({ ...model, graph }),
    structure,
    kind,
    nBlocks,
    inputs: { alpha: MODULATOR_ALPHA, target: targetInputName(kind) },
  };
}
