/**
 * Card vs graph on the real fixture graphs: the structure summaries come from running the tap
 * surgery on the hf-tiny ONNX files and stories260K-hf's export, the cards from their config.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../onnx/proto';
import { findResidualStructure, structureSummary, type StructureSummary } from '../../onnx/taps';
import { parseHfConfig } from './config';
import { checkCardAgainstGraph, type ModelPart } from './card-check';

const SHARED = path.resolve(process.cwd(), '../shared');
const TINY = path.join(SHARED, 'fixtures/hf-tiny');
const config = (dir: string, edit: Record<string, unknown> = {}) => parseHfConfig({ ...JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')), ...edit });

const summaries = new Map<string, StructureSummary>();
/** The structure summary of an ONNX file, found by the surgery (cached: each file is decoded once). */
function summaryOf(file: string): StructureSummary {
  let s = summaries.get(file);
  if (!s) {
    s = structureSummary(findResidualStructure(decodeModel(readFileSync(file), file)));
    summaries.set(file, s);
  }
  return s;
}

const CONSISTENT: [string, string, ModelPart][] = [
  ['gpt2', 'opset14/model.onnx', 'causal-lm'],
  ['gpt2', 'opset17/model_with_past.onnx', 'causal-lm'],
  ['gpt_neox', 'opset14/model.onnx', 'causal-lm'],
  ['gpt_neox', 'opset17/model.onnx', 'causal-lm'],
  ['llama', 'opset14/model.onnx', 'causal-lm'],
  ['llama', 'opset14/decoder_model_merged.onnx', 'causal-lm'],
  ['t5', 'opset14/encoder_model.onnx', 'encoder'],
  ['t5', 'opset17/decoder_model.onnx', 'decoder'],
];

describe('checkCardAgainstGraph on consistent pairs', () => {
  it.each(CONSISTENT)('%s %s as %s', (family, file, part) => {
    const dir = path.join(TINY, family);
    expect(checkCardAgainstGraph(config(dir), summaryOf(path.join(dir, file)), part)).toEqual([]);
  });

  it('stories260K-hf: the real model export agrees with its config', () => {
    const dir = path.join(SHARED, 'models/stories260K-hf');
    expect(checkCardAgainstGraph(config(dir), summaryOf(path.join(dir, 'onnx/model.onnx')))).toEqual([]);
  });
});

describe('checkCardAgainstGraph on disagreements', () => {
  const llamaGraph = () => summaryOf(path.join(TINY, 'llama/opset14/model.onnx'));

  it('layer count, naming the config key', () => {
    const d = checkCardAgainstGraph(config(path.join(TINY, 'llama'), { num_hidden_layers: 4 }), llamaGraph());
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ field: 'layers', card: '4', graph: '3' });
    expect(d[0].message).toBe('config.json says 4 layers (num_hidden_layers), the graph has 3 blocks');
  });

  it('the same for a merged decoder (blocks inside If branches)', () => {
    const merged = summaryOf(path.join(TINY, 'llama/opset14/decoder_model_merged.onnx'));
    const d = checkCardAgainstGraph(config(path.join(TINY, 'llama'), { num_hidden_layers: 4 }), merged);
    expect(d.map((x) => x.message)).toEqual(['config.json says 4 layers (num_hidden_layers), the graph has 3 blocks']);
  });

  it('residual layout', () => {
    const neox = summaryOf(path.join(TINY, 'gpt_neox/opset14/model.onnx'));
    const d = checkCardAgainstGraph(config(path.join(TINY, 'gpt_neox'), { use_parallel_residual: false }), neox);
    expect(d.map((x) => x.message)).toEqual(["config.json implies a sequential residual (use_parallel_residual: false), the graph's blocks are parallel"]);
  });

  it('norm type (a GPT-2 config paired with a Llama graph)', () => {
    const gpt2 = config(path.join(TINY, 'gpt2'), { n_layer: 3 });
    const d = checkCardAgainstGraph(gpt2, llamaGraph());
    expect(d.map((x) => x.field)).toEqual(['norm']);
    expect(d[0].message).toBe("config.json implies LayerNorm (gpt2 uses LayerNorm), the graph's final norm is RMSNorm (decomposed)");
  });

  it('T5 decoder layers use num_decoder_layers, encoder layers num_layers', () => {
    const dir = path.join(TINY, 't5');
    const card = config(dir, { num_decoder_layers: 3 });
    expect(checkCardAgainstGraph(card, summaryOf(path.join(dir, 'opset14/encoder_model.onnx')), 'encoder')).toEqual([]);
    const d = checkCardAgainstGraph(card, summaryOf(path.join(dir, 'opset14/decoder_model.onnx')), 'decoder');
    expect(d.map((x) => x.message)).toEqual(['config.json says 3 decoder layers (num_decoder_layers), the graph has 2 blocks']);
    const enc = checkCardAgainstGraph(config(dir, { num_layers: 4, num_decoder_layers: 2 }), summaryOf(path.join(dir, 'opset14/encoder_model.onnx')), 'encoder');
    expect(enc.map((x) => x.message)).toEqual(['config.json says 4 encoder layers (num_layers), the graph has 2 blocks']);
  });

  it('encoder vs decoder: the wrong half of a T5 model', () => {
    const dir = path.join(TINY, 't5');
    const asDecoder = checkCardAgainstGraph(config(dir), summaryOf(path.join(dir, 'opset14/encoder_model.onnx')), 'decoder');
    expect(asDecoder.map((x) => x.field)).toEqual(['head', 'cross-attention']);
    const asEncoder = checkCardAgainstGraph(config(dir), summaryOf(path.join(dir, 'opset14/decoder_model.onnx')), 'encoder');
    expect(asEncoder.map((x) => x.field)).toEqual(['head', 'cross-attention']);
    expect(asEncoder[1].message).toBe("2 of the graph's 2 blocks have cross-attention, which an encoder graph does not");
  });

  it('part: an encoder-decoder config needs a part, a decoder-only one has none', () => {
    const t5 = checkCardAgainstGraph(config(path.join(TINY, 't5')), summaryOf(path.join(TINY, 't5/opset14/decoder_model.onnx')));
    expect(t5.map((x) => x.message)).toEqual(['config.json describes an encoder-decoder model (t5); check its encoder and decoder graphs separately']);
    const llama = checkCardAgainstGraph(config(path.join(TINY, 'llama')), llamaGraph(), 'decoder');
    expect(llama[0].message).toBe('config.json describes a decoder-only model (llama), which has no separate decoder graph');
  });

  it('an unknown graph norm is not a disagreement', () => {
    const s = { ...llamaGraph(), norm: 'unknown' as const, normOp: 'none' };
    expect(checkCardAgainstGraph(config(path.join(TINY, 'gpt2'), { n_layer: 3 }), s)).toEqual([]);
  });
});
