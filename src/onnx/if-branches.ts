/**
 * Merged decoders (Optimum's legacy decoder_model_merged.onnx, transformers.js v2): one If node whose
 * then/else branches each hold a whole decoder (with and without past). The structure is found in
 * each branch; a tap becomes an output of both branch subgraphs (the branches must have matching
 * outputs) and a new output of the If node, exposed as a graph output.
 */
import { SurgeryError } from './errors';
import { materializeSums } from './fused';
import type { GraphIndex } from './graph-index';
import { floatOutput, onnx, type AttributeProto, type GraphProto, type ModelProto, type NodeProto, type ValueInfoProto } from './proto';
import type { ResidualStructure } from './taps';
import { hookLogits, type HookName } from '../model/hooks';
import { allNames, uniqueName } from './names';

export interface IfBranches {
  /** output 0 of the If node, which identifies it */ ifOutput: string;
  /** the If output the walk started from (logits), as an index into its outputs */ outputIndex: number;
  then: ResidualStructure;
  else: ResidualStructure;
}

type FindInGraph = (graph: GraphProto, out: string, outer?: GraphIndex) => ResidualStructure;
type TensorsFor = (s: ResidualStructure, hooks: readonly HookName[]) => Map<HookName, string>;

const BRANCHES = ['then_branch', 'else_branch'] as const;

function branchGraph(node: NodeProto, attr: (typeof BRANCHES)[number]): GraphProto {
  const g = node.attribute?.find((a) => a.name === attr)?.g;
  if (!g) throw new SurgeryError(`tap surgery: the If node producing the logits has no ${attr} graph`);
  return g;
}

/** One line per branch for error messages: block count and sub-layer kinds. */
function describe(s: ResidualStructure): string {
  return `${s.blocks.length} ${s.layout} blocks [${s.blocks.map((b) => b.sublayers.map((x) => x.kind).join('+')).join(', ')}]`;
}

/** Find the structure in both branches of `ifNode`, walking from the branch outputs behind If output `out`. */
export function findInIfBranches(top: GraphIndex, ifNode: NodeProto, out: string, findInGraph: FindInGraph): ResidualStructure {
  const k = ifNode.output!.indexOf(top.unwrap(out));
  const found = BRANCHES.map((attr) => {
    const sub = branchGraph(ifNode, attr);
    const inner = sub.output?.[k]?.name;
    if (!inner) throw new SurgeryError(`tap surgery: the If node's ${attr} has no output ${k} (the If has ${ifNode.output!.length})`);
    try {
      return findInGraph(sub, inner, top);
    } catch (e) {
      if (e instanceof SurgeryError) throw new SurgeryError(`${e.message} (in the If node's ${attr})`);
      throw e;
    }
  });
  const [thenS, elseS] = found;
  if (describe(thenS) !== describe(elseS)) {
    throw new SurgeryError(`tap surgery: the If node's branches disagree: then_branch has ${describe(thenS)}, else_branch has ${describe(elseS)}`);
  }
  return { ...elseS, logits: out, branches: { ifOutput: ifNode.output![0], outputIndex: k, then: thenS, else: elseS } };
}



/** A branch graph with the extra outputs and its fused sums named. */
function extendBranch(g: GraphProto, s: ResidualStructure, outputs: ValueInfoProto[]): GraphProto {
  const wanted = new Set(outputs.map((o) => o.name!));
  const node = materializeSums(g.node ?? [], s.hiddenSums, wanted);
  return onnx.GraphProto.create({ ...g, node, output: [...(g.output ?? []), ...outputs] });
}

/** addTaps for a structure found inside an If node's branches (see module doc). */
export function addBranchTaps(
  model: ModelProto,
  s: ResidualStructure,
  hooks: readonly HookName[],
  tensorsFor: TensorsFor,
): { model: ModelProto; outputs: Map<HookName, string> } {
  const br = s.branches!;
  const graph = model.graph!;
  const ifIndex = (graph.node ?? []).findIndex((n) => n.opType === 'If' && n.output![0] === br.ifOutput);
  if (ifIndex < 0) throw new SurgeryError(`tap surgery: this model has no If node producing '${br.ifOutput}' (was the structure found in another model?)`);
  const ifNode = graph.node![ifIndex];
  const [thenG, elseG] = BRANCHES.map((attr) => branchGraph(ifNode, attr));
  const inner = hooks.filter((h) => !(h === hookLogits && s.head === 'lm'));
  const thenT = tensorsFor(br.then, inner);
  const elseT = tensorsFor(br.else, inner);

  const taken = allNames(graph);
  const outputs = new Map<HookName, string>();
  const ifOuts = [...ifNode.output!];
  const graphOuts = [...(graph.output ?? [])];
  const newThen: ValueInfoProto[] = [];
  const newElse: ValueInfoProto[] = [];
  const byPair = new Map<string, string>();
  for (const h of hooks) {
    if (h === hookLogits && s.head === 'lm') {
      outputs.set(h, s.logits);
      continue;
    }
    const tT = thenT.get(h)!;
    const tE = elseT.get(h)!;
    const key = `${tT}\u0000${tE}`;
    let name = byPair.get(key);
    if (!name) {
      // An If output already carrying this pair (an encoder's final norm) is reused: a branch may not list a value twice.
      const j = (thenG.output ?? []).findIndex((o, i) => o.name === tT && elseG.output?.[i]?.name === tE);
      if (j >= 0) {
        name = ifOuts[j];
        if (!graphOuts.some((o) => o.name === name)) graphOuts.push(floatOutput(name));
      } else {
        name = uniqueName(h, taken);
        newThen.push(floatOutput(tT));
        newElse.push(floatOutput(tE));
        ifOuts.push(name);
        graphOuts.push(floatOutput(name));
      }
      byPair.set(key, name);
    }
    outputs.set(h, name);
  }

  const branches: Record<string, GraphProto> = {
    then_branch: extendBranch(thenG, br.then, newThen),
    else_branch: extendBranch(elseG, br.else, newElse),
  };
  const attribute: AttributeProto[] = ifNode.attribute!.map((a) => (a.name! in branches ? { ...a, g: branches[a.name!] } : a));
  const node = [...graph.node!];
  node[ifIndex] = { ...ifNode, output: ifOuts, attribute };
  const outer = onnx.GraphProto.create({ ...graph, node, output: graphOuts });
  return { model: onnx.ModelProto.create({ ...model, graph: outer }), outputs };
}
