/**
 * Does the graph tap surgery found agree with what config.json says? A disagreement means either the
 * wrong file was paired with the config (an encoder graph for a decoder, another model's export) or
 * the surgery misread the graph; either way the lab shows it instead of reporting wrong numbers.
 */
import type { ArchitectureCard } from '../card';
import type { StructureSummary } from '../../onnx/taps';
import type { HfArchitectureCard } from './config';

/** Which graph of a model is being checked: a decoder-only LM, or one half of an encoder-decoder. */
export type ModelPart = 'causal-lm' | 'encoder' | 'decoder';

/** One way the graph disagrees with the card. */
export interface CardDiscrepancy {
  field: 'part' | 'head' | 'cross-attention' | 'layers' | 'residual' | 'norm';
  /** what the card (config.json) implies */ card: string;
  /** what the graph shows */ graph: string;
  /** one sentence for the UI, naming the config key where there is one */ message: string;
}

/** Any card; the Hugging Face fields, when present, sharpen the messages (config key names, stacks). */
export type CheckableCard = ArchitectureCard & Partial<Pick<HfArchitectureCard, 'configFile' | 'modelType' | 'nEncoderLayers' | 'nDecoderLayers' | 'sources'>>;

const PART_NAME: Record<ModelPart, string> = { 'causal-lm': 'causal LM', encoder: 'encoder', decoder: 'decoder' };
const A_PART: Record<ModelPart, string> = { 'causal-lm': 'a causal LM', encoder: 'an encoder', decoder: 'a decoder' };

/**
 * Compare a card with the structure summary of one graph.
 * @param part which graph `summary` describes; for an encoder-decoder card, 'encoder' or 'decoder'
 * @returns the discrepancies, empty when the graph and the card agree
 */
export function checkCardAgainstGraph(card: CheckableCard, summary: StructureSummary, part: ModelPart = 'causal-lm'): CardDiscrepancy[] {
  const file = card.configFile ?? 'the architecture card';
  const family = card.modelType ?? card.family;
  const encDec = (card.nEncoderLayers ?? 0) > 0;
  const out: CardDiscrepancy[] = [];

  // A graph of the wrong kind makes every other comparison meaningless, so stop at it.
  if (encDec && part === 'causal-lm') {
    return [{ field: 'part', card: 'encoder-decoder', graph: 'causal LM', message: `${file} describes an encoder-decoder model (${family}); check its encoder and decoder graphs separately` }];
  }
  if (!encDec && part !== 'causal-lm') {
    return [{ field: 'part', card: 'decoder-only', graph: PART_NAME[part], message: `${file} describes a decoder-only model (${family}), which has no separate ${part} graph` }];
  }

  const wantHead = part === 'encoder' ? 'none' : 'lm';
  if (summary.head !== wantHead) {
    out.push({
      field: 'head', card: wantHead, graph: summary.head,
      message: wantHead === 'lm'
        ? `${A_PART[part]} graph should end in an LM head, this graph ends at its final norm (is it an encoder?)`
        : `an encoder graph should end at its final norm, this graph ends in an LM head`,
    });
  }

  const withCross = summary.sublayers.filter((s) => s.includes('cross_attn')).length;
  const wantCross = part === 'decoder';
  if (wantCross && withCross < summary.nBlocks) {
    out.push({ field: 'cross-attention', card: 'every block', graph: `${withCross} of ${summary.nBlocks} blocks`, message: `a ${family} decoder block attends to the encoder output, but ${summary.nBlocks - withCross} of the graph's ${summary.nBlocks} blocks have no cross-attention` });
  } else if (!wantCross && withCross > 0) {
    out.push({ field: 'cross-attention', card: 'none', graph: `${withCross} of ${summary.nBlocks} blocks`, message: `${withCross} of the graph's ${summary.nBlocks} blocks have cross-attention, which ${A_PART[part]} graph does not` });
  }

  const layers = part === 'decoder' ? card.nDecoderLayers ?? card.nLayers : card.nLayers;
  if (layers !== summary.nBlocks) {
    const key = card.sources?.[part === 'decoder' ? 'nDecoderLayers' : 'nLayers'];
    const what = part === 'causal-lm' ? 'layers' : `${part} layers`;
    out.push({ field: 'layers', card: String(layers), graph: String(summary.nBlocks), message: `${file} says ${layers} ${what}${key ? ` (${key})` : ''}, the graph has ${summary.nBlocks} blocks` });
  }

  if (card.residual !== summary.layout) {
    const why = card.sources?.residual;
    out.push({ field: 'residual', card: card.residual, graph: summary.layout, message: `${file} implies a ${card.residual} residual${why ? ` (${why})` : ''}, the graph's blocks are ${summary.layout}` });
  }

  // An unrecognised norm is the surgery's limit, not a disagreement.
  if (summary.norm !== 'unknown' && summary.norm !== card.normType) {
    out.push({ field: 'norm', card: card.normType, graph: summary.norm, message: `${file} implies ${card.normType} (${family} uses ${card.normType}), the graph's final norm is ${summary.norm} (${summary.normOp})` });
  }
  return out;
}
