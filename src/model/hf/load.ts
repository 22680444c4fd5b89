/**
 * A Hugging Face model folder -> a prepared model: config.json -> architecture card, the ONNX graph
 * (with its external data inlined), the residual structure found by surgery and checked against the
 * card, and the tokenizer when the folder has one.
 */
import { decodeModel, type ModelProto } from '../../onnx/proto';
import { externalDataFiles, inlineExternalData } from '../../onnx/external';
import { tryFindResidualStructure, structureSummary } from '../../onnx/taps';
import { graphInputs } from '../../runtime/feeds';
import { parseHfConfig, type HfArchitectureCard } from './config';
import { checkCardAgainstGraph, type ModelPart } from './card-check';
import { hfTokenizer } from './tokenizer';
import type { NamedBytes, PreparedModel } from '../prepared';

export { ONNX_CANDIDATES } from './onnx-files';
import { ONNX_CANDIDATES } from './onnx-files';

export class HfModelError extends Error {
  override name = 'HfModelError';
}

/** Reads a file of the folder by relative path; null when it does not exist. */
export type ReadRel = (rel: string) => Promise<NamedBytes | null>;

const text = (f: NamedBytes) => new TextDecoder().decode(f.bytes);

function parseJson(f: NamedBytes): unknown {
  try {
    return JSON.parse(text(f));
  } catch (e) {
    throw new HfModelError(`${f.name} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Which part of a model a graph is, from its file name and inputs. */
function partOf(onnxPath: string, model: ModelProto): ModelPart {
  const names = new Set((model.graph?.input ?? []).map((v) => v.name));
  if (names.has('encoder_hidden_states')) return 'decoder';
  if (/encoder_model/.test(onnxPath)) return 'encoder';
  return 'causal-lm';
}

export async function prepareHf(read: ReadRel, onnxPath: string | undefined, where: string): Promise<{ prepared: PreparedModel; files: NamedBytes[] }> {
  const files: NamedBytes[] = [];
  let graphFile: NamedBytes | null = null;
  for (const rel of onnxPath ? [onnxPath] : ONNX_CANDIDATES) {
    graphFile = await read(rel);
    if (graphFile) break;
  }
  if (!graphFile) throw new HfModelError(onnxPath ? `${where} has no ${onnxPath}` : `${where} has no ONNX graph (looked for ${ONNX_CANDIDATES.join(', ')})`);
  const dir = graphFile.name.includes('/') ? graphFile.name.slice(0, graphFile.name.lastIndexOf('/') + 1) : '';
  // Optimum puts config.json at the folder root and the graphs in onnx/; a bare folder holds both.
  const configFile = (await read('config.json')) ?? (dir ? await read(`${dir}config.json`) : null);
  if (!configFile) throw new HfModelError(`${where} has ${graphFile.name} but no config.json: the lab needs the model's config to describe it`);
  files.push(configFile, graphFile);
  const card: HfArchitectureCard = parseHfConfig(parseJson(configFile), configFile.name);

  const graph = decodeModel(new Uint8Array(graphFile.bytes), graphFile.name);
  const external = new Map<string, Uint8Array | undefined>();
  for (const loc of externalDataFiles(graph)) {
    const f = await read(`${dir}${loc}`);
    if (f) files.push(f);
    external.set(loc, f ? new Uint8Array(f.bytes) : undefined);
  }
  if (external.size) inlineExternalData(graph, external, graphFile.name);

  const part = partOf(graphFile.name, graph);
  const found = tryFindResidualStructure(graph);
  const structure = found.structure;
  const warnings: string[] = [];
  if (structure) {
    const issues = checkCardAgainstGraph(card, structureSummary(structure), part);
    const fatal = issues.filter((i) => i.field === 'layers' || i.field === 'part');
    if (fatal.length) throw new HfModelError(`${configFile.name} disagrees with ${graphFile.name}: ${fatal.map((i) => i.message).join('; ')}`);
    warnings.push(...issues.map((i) => i.message));
  }

  let encoder: PreparedModel | undefined;
  if (part === 'decoder') {
    // The decoder cross-attends to the encoder's output: load the encoder graph that sits beside it.
    const encPath = `${dir}encoder_model.onnx`;
    const enc = await read(encPath);
    if (!enc) throw new HfModelError(`${graphFile.name} is the decoder of an encoder-decoder model; ${where} has no ${encPath} to feed it`);
    files.push(enc);
    const encGraph = decodeModel(new Uint8Array(enc.bytes), enc.name);
    const encFound = tryFindResidualStructure(encGraph);
    encoder = {
      card, tokenizer: null, graph: encGraph, inputs: graphInputs(encGraph), structure: encFound.structure,
      structureError: encFound.error?.message ?? null, logits: null, warnings: [],
    };
  }

  const tokJson = await read('tokenizer.json');
  let tokenizer = null;
  if (tokJson) {
    const tokConfig = await read('tokenizer_config.json');
    files.push(tokJson, ...(tokConfig ? [tokConfig] : []));
    tokenizer = hfTokenizer(parseJson(tokJson), tokConfig ? parseJson(tokConfig) : {}, card.vocabSize);
  }
  const outputs = (graph.graph?.output ?? []).map((o) => o.name!);
  const logits = structure ? (structure.head === 'lm' ? structure.logits : null) : outputs.includes('logits') ? 'logits' : null;
  return {
    files,
    prepared: {
      card: { ...card, residual: structure?.layout ?? card.residual, ...(part === 'decoder' ? { nLayers: card.nDecoderLayers } : {}) },
      tokenizer,
      graph,
      inputs: graphInputs(graph),
      structure,
      structureError: found.error ? found.error.message : null,
      logits,
      warnings,
      encoder,
    },
  };
}
