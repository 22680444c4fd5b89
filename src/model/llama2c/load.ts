/** llama2.c checkpoint + tokenizer -> a prepared model (ONNX graph built in memory, structure found by surgery). */
import { readLlama2cCheckpoint, llama2cParamCount, CheckpointFormatError } from './checkpoint';
import { Llama2cTokenizer } from './tokenizer';
import { llama2cToOnnx, RMS_EPS } from './toOnnx';
import { findResidualStructure } from '../../onnx/taps';
import type { NamedBytes, PreparedModel } from '../prepared';
import { graphInputs } from '../../runtime/feeds';

export function prepareLlama2c(checkpoint: NamedBytes, tokenizer: NamedBytes): PreparedModel {
  const { config, weights } = readLlama2cCheckpoint(checkpoint.bytes, checkpoint.name);
  const tok = Llama2cTokenizer.fromBytes(tokenizer.bytes, config.vocabSize);
  const graph = llama2cToOnnx(config, weights, checkpoint.name);
  const structure = findResidualStructure(graph);
  if (structure.blocks.length !== config.nLayers) {
    throw new CheckpointFormatError(`tap surgery found ${structure.blocks.length} blocks in the graph built from ${checkpoint.name}, whose header says ${config.nLayers}`);
  }
  const dHead = config.dim / config.nHeads;
  return {
    graph,
    inputs: graphInputs(graph),
    structure,
    structureError: null,
    logits: structure.logits,
    warnings: [],
    tokenizer: tok,
    card: {
      family: 'llama (llama2.c)',
      nLayers: config.nLayers,
      dModel: config.dim,
      nHeads: config.nHeads,
      nKvHeads: config.nKvHeads,
      dHead,
      rho: config.nHeads / dHead,
      normType: 'RMSNorm',
      residual: structure.layout,
      tiedEmbeddings: config.sharedClassifier,
      positional: 'RoPE (adjacent pairs, theta 10000)',
      nParams: llama2cParamCount(config),
      vocabSize: config.vocabSize,
      maxSeqLen: config.seqLen,
      dMlp: config.hiddenDim,
      normEps: RMS_EPS,
    },
  };
}
