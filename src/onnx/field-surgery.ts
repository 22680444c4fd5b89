/**
 * Field surgery: the seed's Geometric Field Modulator (seed 05 section 12; analysis/modulation/field) as
 * ONNX nodes before every block, the multiplicative sibling of the lerp in intervene.ts. At the stream
 * h [batch, pos, d_model] entering block i (resid_pre(i), found by structure in taps.ts):
 *
 *   a = h[..., :n_active]                                    Slice (the tail n_null dims stay as they are)
 *   for each expert k (weights shared by every block, as in the seed):
 *     verts = template + deform_scale * reshape(a W^T + b, [k+1, edim])           MatMul, Add, Mul
 *     G = verts verts^T; d2 = Relu(diag(G)_i + diag(G)_j - 2 G_ij)               MatMul, Transpose
 *     vol2 = prefactor * Det([[0, 1^T], [1, d2]])                                 Pad, Add, Det
 *     geo = LayerNorm([d2 pairs, vol2])          (decomposed: means as MatMul with a 1/n column)
 *     gate = Sigmoid(geo W_gate^T + b_gate)                                       [.., n_active]
 *   combined = prod_k ((1 - alpha_ik) + alpha_ik gate_k)
 *   h' = Concat(a * combined, h[..., n_active:])
 *
 * `field_alpha` [n_blocks, n_experts] float32 is a graph input, so a slider changes a feed. With every
 * alpha of a block 0, each factor is exactly 1 (1 - 0 = 1, 0 * g = 0 for a finite gate), the product is
 * 1, a * 1 = a and the Concat rebuilds h bit for bit: the logits are bit-identical to the plain graph.
 * Diagnostics per block are extra graph outputs: the combined-gate mean per position [batch, pos] and
 * each expert's vol2 per position [batch, pos].
 *
 * Ops: Slice, MatMul, Add, Sub, Mul, Div, Sqrt, Relu, Sigmoid, Transpose, Reshape, Gather, Pad, Det,
 * Concat, all available from opset 11; reductions are MatMuls so no opset-dependent ReduceMean is needed.
 * onnxruntime-node and onnxruntime-web (WASM) both run Det; on WebGPU it falls back to the CPU kernel.
 * Limits: the stream must be rank 3 [batch, pos, d_model]; graphs whose blocks live in If branches
 * (merged decoders) are refused, and so are fused Skip*Normalization sums (as in intervene.ts).
 */
import { SurgeryError } from './errors';
import { isSkipNorm } from './fused';
import { floatTensor, int64Tensor, valueInfo } from './builder';
import { DataType, onnx, toNum, type ModelProto, type NodeProto, type TensorProto, type ValueInfoProto } from './proto';
import type { ResidualStructure } from './taps';
import { geoDim, nVertices, vertexPairs } from '../analysis/modulation/field/config';
import { cmPrefactor } from '../analysis/modulation/field/simplex';
import type { ExpertParams, FieldParams } from '../analysis/modulation/field/params';
import { allNames, uniqueName } from './names';

/** The graph input carrying the alphas [n_blocks, n_experts]. */
export const FIELD_ALPHA = 'field_alpha';
const PREFIX = '/field';

/** The diagnostic outputs of one modulated block. */
export interface FieldBlockOutputs {
  /** [batch, pos] mean of the combined gate over the active dims */ gateMean: string;
  /** per expert (config.expertKs order): [batch, pos] raw vol^2 */ vol2: string[];
}

export interface FieldGraph {
  /** the rewritten model; the input model is not modified */ model: ModelProto;
  /** the rewritten graph's residual structure: blocks[i].residPre is the modulated stream */ structure: ResidualStructure;
  /** rows of `field_alpha` */ nBlocks: number;
  /** columns of `field_alpha` */ nExperts: number;
  /** per block, the diagnostic graph outputs */ diagnostics: FieldBlockOutputs[];
}


/** Emits nodes and initializers with fresh names under /field/. */
class Emitter {
  readonly nodes: NodeProto[] = [];
  readonly inits: TensorProto[] = [];
  constructor(private readonly taken: Set<string>) {}

  name(base: string): string {
    return uniqueName(`${PREFIX}/${base}`, this.taken);
  }

  op(opType: string, input: string[], base: string, attribute: NodeProto['attribute'] = []): string {
    const out = this.name(base);
    this.nodes.push({ name: `${out}/${opType}`, opType, input, output: [out], attribute });
    return out;
  }

  float(base: string, dims: number[], data: ArrayLike<number>): string {
    const n = this.name(base);
    this.inits.push(floatTensor(n, dims, Float32Array.from(data)));
    return n;
  }

  int64(base: string, dims: number[], data: number[]): string {
    const n = this.name(base);
    this.inits.push(int64Tensor(n, dims, data));
    return n;
  }
}

const INT = onnx.AttributeProto.AttributeType.INT;
const INTS = onnx.AttributeProto.AttributeType.INTS;

/** [cols, rows] float32 transpose of a row-major [rows, cols] weight: MatMul takes x W^T as x @ (W^T). */
function transposed(w: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = w[i * cols + j];
  return t;
}

/** The constant tensors of one expert, shared by every block. */
interface ExpertConsts {
  e: ExpertParams;
  deformWT: string;
  deformB: string;
  template: string;
  eye: string;
  onesNv: string;
  pairIdx: string;
  pads: string;
  border: string;
  prefactor: string;
  meanCol: string;
  gamma: string;
  beta: string;
  gateWT: string;
  gateB: string;
  shape4: string;
}

function expertConsts(em: Emitter, p: FieldParams, e: ExpertParams): ExpertConsts {
  const { edim } = p.config;
  const nv = nVertices(e.k);
  const G = geoDim(e.k);
  const A = p.nActive;
  const tag = `k${e.k}`;
  const eye = new Float32Array(nv * nv);
  for (let i = 0; i < nv; i++) eye[i * nv + i] = 1;
  const border = new Float32Array((nv + 1) * (nv + 1));
  for (let i = 1; i <= nv; i++) border[i] = border[i * (nv + 1)] = 1;
  return {
    e,
    deformWT: em.float(`${tag}/deform_weight_T`, [A, nv * edim], transposed(e.deformW, nv * edim, A)),
    deformB: em.float(`${tag}/deform_bias`, [nv * edim], e.deformB),
    template: em.float(`${tag}/template`, [nv, edim], e.template),
    eye: em.float(`${tag}/eye`, [nv, nv], eye),
    onesNv: em.float(`${tag}/ones`, [nv, 1], new Float32Array(nv).fill(1)),
    pairIdx: em.int64(`${tag}/pairs`, [vertexPairs(e.k).length], vertexPairs(e.k).map(([i, j]) => i * nv + j)),
    pads: em.int64(`${tag}/pads`, [8], [0, 0, 1, 1, 0, 0, 0, 0]),
    border: em.float(`${tag}/border`, [nv + 1, nv + 1], border),
    prefactor: em.float(`${tag}/prefactor`, [], [cmPrefactor(e.k)]),
    meanCol: em.float(`${tag}/mean_col`, [G, 1], new Float32Array(G).fill(1 / G)),
    gamma: em.float(`${tag}/ln_weight`, [G], e.normGamma),
    beta: em.float(`${tag}/ln_bias`, [G], e.normBeta),
    gateWT: em.float(`${tag}/gate_weight_T`, [G, A], transposed(e.gateW, A, G)),
    gateB: em.float(`${tag}/gate_bias`, [A], e.gateB),
    shape4: em.int64(`${tag}/vert_shape`, [4], [0, 0, nv, edim]),
  };
}

/** Shared scalars and shapes. */
interface Common {
  startEnd: { zero: string; nActive: string; big: string; axis: string };
  two: string;
  one: string;
  deformScale: string;
  eps: string;
  activeMeanCol: string;
  flatShape: (nv: number) => string;
  shape3one: string;
  shape2: string;
  alphaFlat: string;
}

/** The modulator's nodes for the stream h entering block i; returns the modulated stream and diagnostics. */
function blockNodes(em: Emitter, p: FieldParams, c: Common, experts: ExpertConsts[], h: string, i: number): { out: string; diag: FieldBlockOutputs } {
  const s = c.startEnd;
  const b = `block${i}`;
  const E = experts.length;
  const active = em.op('Slice', [h, s.zero, s.nActive, s.axis], `${b}/active`);
  const hasNull = p.nActive < p.config.dModel;
  const rest = hasNull ? em.op('Slice', [h, s.nActive, s.big, s.axis], `${b}/null`) : null;
  let combined = '';
  const vol2Names: string[] = [];
  experts.forEach((x, ei) => {
    const t = `${b}/k${x.e.k}`;
    const nv = nVertices(x.e.k);
    const deform = em.op('Add', [em.op('MatMul', [active, x.deformWT], `${t}/deform_mm`), x.deformB], `${t}/deform`);
    const verts = em.op('Add', [x.template, em.op('Mul', [em.op('Reshape', [deform, x.shape4], `${t}/deform4`), c.deformScale], `${t}/scaled`)], `${t}/verts`);
    const vertsT = em.op('Transpose', [verts], `${t}/verts_T`, [{ name: 'perm', type: INTS, ints: [0, 1, 3, 2] }]);
    const gram = em.op('MatMul', [verts, vertsT], `${t}/gram`);
    // diag(G) as a column: G * I summed along the row (adding exact zeros keeps each diagonal value exact).
    const norms = em.op('MatMul', [em.op('Mul', [gram, x.eye], `${t}/gram_diag`), x.onesNv], `${t}/norms`);
    const normsT = em.op('Transpose', [norms], `${t}/norms_T`, [{ name: 'perm', type: INTS, ints: [0, 1, 3, 2] }]);
    const d2 = em.op('Relu', [em.op('Sub', [em.op('Add', [norms, normsT], `${t}/nn`), em.op('Mul', [gram, c.two], `${t}/gram2`)], `${t}/d2_raw`)], `${t}/d2`);
    const pairs = em.op('Gather', [em.op('Reshape', [d2, c.flatShape(nv)], `${t}/d2_flat`), x.pairIdx], `${t}/d2_pairs`, [{ name: 'axis', type: INT, i: 2 }]);
    const cm = em.op('Add', [em.op('Pad', [d2, x.pads], `${t}/d2_padded`), x.border], `${t}/cm`);
    const vol2 = em.op('Mul', [em.op('Det', [cm], `${t}/det`), x.prefactor], `${t}/vol2`);
    vol2Names.push(vol2);
    const geo = em.op('Concat', [pairs, em.op('Reshape', [vol2, c.shape3one], `${t}/vol2_col`)], `${t}/geo`, [{ name: 'axis', type: INT, i: 2 }]);
    const centred = em.op('Sub', [geo, em.op('MatMul', [geo, x.meanCol], `${t}/ln_mean`)], `${t}/ln_centred`);
    const variance = em.op('MatMul', [em.op('Mul', [centred, centred], `${t}/ln_sq`), x.meanCol], `${t}/ln_var`);
    const normed = em.op('Div', [centred, em.op('Sqrt', [em.op('Add', [variance, c.eps], `${t}/ln_var_eps`)], `${t}/ln_std`)], `${t}/ln_div`);
    const ln = em.op('Add', [em.op('Mul', [normed, x.gamma], `${t}/ln_scaled`), x.beta], `${t}/ln`);
    const gate = em.op('Sigmoid', [em.op('Add', [em.op('MatMul', [ln, x.gateWT], `${t}/gate_mm`), x.gateB], `${t}/gate_logit`)], `${t}/gate`);
    const idx = em.int64(`${t}/alpha_index`, [], [i * E + ei]);
    const alpha = em.op('Gather', [c.alphaFlat, idx], `${t}/alpha`, [{ name: 'axis', type: INT, i: 0 }]);
    const keep = em.op('Sub', [c.one, alpha], `${t}/one_minus_alpha`);
    const blended = em.op('Add', [keep, em.op('Mul', [alpha, gate], `${t}/alpha_gate`)], `${t}/blended`);
    combined = ei === 0 ? blended : em.op('Mul', [combined, blended], `${t}/combined`);
  });
  const gated = em.op('Mul', [active, combined], `${b}/gated`);
  const out = rest ? em.op('Concat', [gated, rest], `${b}/resid_pre`, [{ name: 'axis', type: INT, i: 2 }]) : gated;
  const gateMean = em.op('Reshape', [em.op('MatMul', [combined, c.activeMeanCol], `${b}/gate_mean_col`), c.shape2], `${b}/gate_mean`);
  return { out, diag: { gateMean, vol2: vol2Names } };
}

function opsetOf(model: ModelProto): number {
  const o = (model.opsetImport ?? []).find((x) => !x.domain || x.domain === 'ai.onnx');
  return o ? toNum(o.version) : 0;
}

/**
 * Insert the field modulator before every block of a plain (non-merged) graph; see the module doc.
 * @throws SurgeryError for If-branch graphs, fused residual sums, opset < 11, or an existing `field_alpha`.
 */
export function addFieldModulator(model: ModelProto, s: ResidualStructure, p: FieldParams): FieldGraph {
  const top = model.graph!;
  if (s.branches) throw new SurgeryError('field surgery: this graph keeps its blocks inside If branches (a merged decoder); the field modulator needs the plain model.onnx');
  if (opsetOf(model) < 11) throw new SurgeryError(`field surgery needs opset >= 11 (Det, Pad with inputs); this model has opset ${opsetOf(model)}`);
  const nBlocks = s.blocks.length;
  if (nBlocks !== p.config.nLayers) throw new SurgeryError(`field surgery: the parameters are for ${p.config.nLayers} blocks, the graph has ${nBlocks}`);
  const taken = allNames(top);
  if (taken.has(FIELD_ALPHA)) throw new SurgeryError(`field surgery: the graph already has a value named '${FIELD_ALPHA}' (was it modulated already?)`);
  const em = new Emitter(taken);
  const E = p.experts.length;
  const flat = new Map<number, string>();
  const common: Common = {
    startEnd: { zero: em.int64('start', [1], [0]), nActive: em.int64('n_active', [1], [p.nActive]), big: em.int64('end', [1], [p.config.dModel]), axis: em.int64('axis', [1], [2]) },
    two: em.float('two', [], [2]),
    one: em.float('one', [], [1]),
    deformScale: em.float('deform_scale', [], [p.config.deformScale]),
    eps: em.float('ln_eps', [], [p.config.layerNormEps]),
    activeMeanCol: em.float('active_mean_col', [p.nActive, 1], new Float32Array(p.nActive).fill(1 / p.nActive)),
    flatShape: (nv) => {
      if (!flat.has(nv)) flat.set(nv, em.int64(`flat_shape_${nv}`, [3], [0, 0, nv * nv]));
      return flat.get(nv)!;
    },
    shape3one: em.int64('shape_col', [3], [0, 0, 1]),
    shape2: em.int64('shape_pos', [2], [0, 0]),
    alphaFlat: '',
  };
  const shapeFlat = em.int64('alpha_shape', [1], [nBlocks * E]);
  common.alphaFlat = em.op('Reshape', [FIELD_ALPHA, shapeFlat], 'alpha_flat');
  const experts = p.experts.map((e) => expertConsts(em, p, e));
  const head = em.nodes.splice(0);

  const nodes = top.node ?? [];
  const producer = new Map<string, number>();
  nodes.forEach((n, k) => n.output?.forEach((o) => o && producer.set(o, k)));
  const rename = new Map<string, string>();
  const inserts = new Map<number, NodeProto[]>();
  const diagnostics: FieldBlockOutputs[] = [];
  const modulated: string[] = [];
  s.blocks.forEach((blk, i) => {
    const h = blk.residPre;
    const at = producer.get(h) ?? -1;
    if (at >= 0 && isSkipNorm(nodes[at])) {
      throw new SurgeryError(`field surgery: the stream entering block ${i} ('${h}') is the residual sum inside a fused ${nodes[at].opType} node; export without the transformer optimizer`);
    }
    const r = blockNodes(em, p, common, experts, h, i);
    inserts.set(at, [...(inserts.get(at) ?? []), ...em.nodes.splice(0)]);
    rename.set(h, r.out);
    modulated.push(r.out);
    diagnostics.push(r.diag);
  });
  const rewired = nodes.map((n) => ((n.input ?? []).some((x) => rename.has(x)) ? { ...n, input: n.input!.map((x) => rename.get(x) ?? x) } : n));
  const node: NodeProto[] = [...head, ...(inserts.get(-1) ?? [])];
  rewired.forEach((n, k) => node.push(n, ...(inserts.get(k) ?? [])));

  const diagOutputs: ValueInfoProto[] = diagnostics.flatMap((d) => [d.gateMean, ...d.vol2]).map((n) => valueInfo(n, DataType.FLOAT, ['batch_size', 'sequence_length']));
  const graph = onnx.GraphProto.create({
    ...top,
    node,
    input: [...(top.input ?? []), valueInfo(FIELD_ALPHA, DataType.FLOAT, [nBlocks, E])],
    output: [...(top.output ?? []), ...diagOutputs],
    initializer: [...(top.initializer ?? []), ...em.inits],
  });
  return {
    model: onnx.ModelProto.create({ ...model, graph }),
    structure: { ...s, blocks: s.blocks.map((blk, i) => ({ ...blk, residPre: modulated[i] })) },
    nBlocks,
    nExperts: E,
    diagnostics,
  };
}
