/**
 * Hugging Face config.json -> architecture card, through the family table (families.ts). The code
 * here is family-blind: every difference between GPT-2, Llama, T5, ... is a table entry.
 */
import { z } from 'zod';
import type { ArchitectureCard } from '../card';
import { FAMILIES, SUPPORTED_MODEL_TYPES, countParams, type CoreDims, type FamilySpec, type FieldRule, type Flag, type ParamDims, type ResolvedWeights } from './families';

/** A config.json that cannot be read as a supported architecture; the message names the file and key. */
export class HfConfigError extends Error {
  override name = 'HfConfigError';
}

/** Card fields whose value comes from config.json (or a family default). */
export type SourcedField = 'nLayers' | 'nDecoderLayers' | 'dModel' | 'nHeads' | 'nKvHeads' | 'dHead' | 'dMlp' | 'vocabSize' | 'maxSeqLen' | 'normEps' | 'residual' | 'tiedEmbeddings';

/** The architecture card of a Hugging Face model, with the facts only a config.json gives. */
export interface HfArchitectureCard extends ArchitectureCard {
  /** config.json `model_type`, the key into the family table */ modelType: string;
  /** `architectures[0]`, e.g. 'LlamaForCausalLM'; null when absent */ architecture: string | null;
  /** the file the card was read from, for messages */ configFile: string;
  /** encoder blocks of an encoder-decoder model (= nLayers, HF's num_layers); 0 for decoder-only */
  nEncoderLayers: number;
  /** decoder blocks: num_decoder_layers for an encoder-decoder model, else nLayers */ nDecoderLayers: number;
  /** fraction of d_head that rotary embeddings rotate (GPT-NeoX 0.25); null without RoPE */ rotaryFraction: number | null;
  /** RoPE base; null without RoPE */ ropeTheta: number | null;
  /** three-matrix MLP (SwiGLU / GeGLU) */ gatedMlp: boolean;
  /** the config key each value came from, or 'default: …' when the family default was used */
  sources: Partial<Record<SourcedField, string>>;
}

const configSchema = z.looseObject({
  model_type: z.string().min(1),
  architectures: z.array(z.string()).optional(),
});
const count = z.number().int().positive();
const real = z.number().positive().finite();

type Raw = Record<string, unknown>;

/** A possibly dotted key's value; null counts as absent (GPT-2's `n_inner: null` means "use the default"). */
function lookup(raw: Raw, key: string): unknown {
  let v: unknown = raw;
  for (const part of key.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Raw)[part];
  }
  return v ?? undefined;
}

/** Reads FieldRules for one config, recording where each value came from. */
class Reader {
  readonly sources: HfArchitectureCard['sources'] = {};
  constructor(
    private readonly raw: Raw,
    private readonly file: string,
    private readonly modelType: string,
  ) {}

  /** @param field where to record the source; null for values the card does not source (positional details) */
  read(field: SourcedField | null, rule: FieldRule, core: CoreDims | null, kind: 'count' | 'real' = 'count'): number {
    for (const key of rule.keys) {
      const v = lookup(this.raw, key);
      if (v === undefined) continue;
      const ok = (kind === 'count' ? count : real).safeParse(v);
      if (!ok.success) throw new HfConfigError(`${this.file}: '${key}' must be a ${kind === 'count' ? 'positive integer' : 'positive number'}, found ${JSON.stringify(v)}`);
      if (field) this.sources[field] = key;
      return ok.data;
    }
    if (rule.fallback === undefined) {
      const keys = rule.keys.map((k) => `'${k}'`).join(' or ');
      throw new HfConfigError(`${this.file}: ${keys} is missing; a ${this.modelType} config needs it${field ? ` (${field})` : ''}`);
    }
    const value = typeof rule.fallback === 'number' ? rule.fallback : rule.fallback(core!);
    if (field) this.sources[field] = `default: ${rule.fallbackLabel ?? String(value)}`;
    return value;
  }

  flag(f: Flag): { value: boolean; source: string } {
    if (typeof f === 'boolean') return { value: f, source: `${this.modelType} family` };
    const v = lookup(this.raw, f.key);
    if (v === undefined) return { value: f.default, source: `default: ${f.key} ${f.default}` };
    return { value: f.when ? f.when(v) : v === true, source: `${f.key}: ${JSON.stringify(v)}` };
  }
}

/** The positional scheme as the card reports it, e.g. 'partial RoPE (25% of d_head, rotate-half, theta 10000)'. */
function positional(spec: FamilySpec, r: Reader, raw: Raw, maxSeqLen: number): { text: string; fraction: number | null; theta: number | null; buckets: number } {
  const p = spec.positional;
  if (p.kind === 'learned') return { text: `learned absolute (${maxSeqLen} positions)`, fraction: null, theta: null, buckets: 0 };
  if (p.kind === 'relative-bias') {
    const buckets = r.read(null, p.buckets, null);
    const dist = r.read(null, p.maxDistance, null);
    return { text: `relative position bias (${buckets} buckets, max distance ${dist})`, fraction: null, theta: null, buckets };
  }
  const theta = r.read(null, p.theta, null, 'real');
  const fraction = p.fraction ? r.read(null, p.fraction, null, 'real') : 1;
  // transformers v5 moved rope_scaling into rope_parameters
  const scaling = (lookup(raw, 'rope_scaling') ?? lookup(raw, 'rope_parameters')) as Raw | undefined;
  const kind = scaling && (scaling.rope_type ?? scaling.type);
  const tail = `rotate-half, theta ${theta}${kind && kind !== 'default' ? `, ${String(kind)} scaling` : ''}`;
  const text = fraction < 1 ? `partial RoPE (${+(fraction * 100).toFixed(2)}% of d_head, ${tail})` : `RoPE (${tail})`;
  return { text, fraction, theta, buckets: 0 };
}

/**
 * Read a Hugging Face config.json (already JSON-parsed) as an architecture card.
 * @throws HfConfigError naming the file and, for an unknown `model_type`, the supported ones; for a
 *   missing or malformed value, the key.
 */
export function parseHfConfig(json: unknown, fileName = 'config.json'): HfArchitectureCard {
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const why = json === null || typeof json !== 'object' || Array.isArray(json) ? 'it is not a JSON object' : `'model_type' is missing or not a string`;
    throw new HfConfigError(`${fileName} is not a Hugging Face model config: ${why}`);
  }
  const raw = parsed.data as Raw;
  const modelType = parsed.data.model_type;
  const spec = Object.hasOwn(FAMILIES, modelType) ? FAMILIES[modelType] : undefined;
  if (!spec) throw new HfConfigError(`${fileName}: model_type '${modelType}' is not supported; supported model types: ${SUPPORTED_MODEL_TYPES.join(', ')}`);

  const r = new Reader(raw, fileName, modelType);
  const core: CoreDims = { nLayers: r.read('nLayers', spec.nLayers, null), dModel: r.read('dModel', spec.dModel, null), nHeads: r.read('nHeads', spec.nHeads, null) };
  const nKvHeads = spec.nKvHeads ? r.read('nKvHeads', spec.nKvHeads, core) : core.nHeads;
  if (!spec.nKvHeads) r.sources.nKvHeads = r.sources.nHeads;
  const dHead = spec.dHead ? r.read('dHead', spec.dHead, core) : core.dModel / core.nHeads;
  if (!spec.dHead) r.sources.dHead = `${r.sources.dModel} / ${r.sources.nHeads}`;
  if (!Number.isInteger(dHead)) throw new HfConfigError(`${fileName}: ${r.sources.dModel} ${core.dModel} is not divisible by ${r.sources.nHeads} ${core.nHeads}, so d_head is undefined`);
  if (core.nHeads % nKvHeads !== 0) throw new HfConfigError(`${fileName}: ${r.sources.nHeads} ${core.nHeads} is not a multiple of ${r.sources.nKvHeads} ${nKvHeads}`);
  const dMlp = r.read('dMlp', spec.dMlp, core);
  const vocabSize = r.read('vocabSize', spec.vocabSize, core);
  const maxSeqLen = r.read('maxSeqLen', spec.maxSeqLen, core);
  const normEps = r.read('normEps', spec.normEps, core, 'real');
  const nDecoderLayers = spec.nDecoderLayers ? r.read('nDecoderLayers', spec.nDecoderLayers, core) : core.nLayers;
  const parallel = r.flag(spec.parallel);
  r.sources.residual = parallel.source;
  const tied = r.flag({ key: 'tie_word_embeddings', default: spec.tiedDefault });
  r.sources.tiedEmbeddings = tied.source;
  const pos = positional(spec, r, raw, maxSeqLen);
  const w = spec.weights;
  const weights: ResolvedWeights = {
    qkvBias: r.flag(w.qkvBias).value, outBias: r.flag(w.outBias).value, gatedMlp: r.flag(w.gatedMlp).value,
    mlpBias: r.flag(w.mlpBias).value, qkNorm: r.flag(w.qkNorm).value, normsPerBlock: w.normsPerBlock, lmHeadBias: w.lmHeadBias,
  };
  const dims: ParamDims = { ...core, nKvHeads, dHead, dMlp, vocabSize, maxSeqLen, tied: tied.value, buckets: pos.buckets, nDecoderLayers: spec.nDecoderLayers ? nDecoderLayers : 0 };
  return {
    family: spec.family,
    nLayers: core.nLayers,
    dModel: core.dModel,
    nHeads: core.nHeads,
    nKvHeads,
    dHead,
    rho: core.nHeads / dHead,
    normType: spec.normType,
    residual: parallel.value ? 'parallel' : 'sequential',
    tiedEmbeddings: tied.value,
    positional: pos.text,
    nParams: countParams(spec, dims, weights),
    vocabSize,
    maxSeqLen,
    dMlp,
    normEps,
    modelType,
    architecture: parsed.data.architectures?.[0] ?? null,
    configFile: fileName,
    nEncoderLayers: spec.nDecoderLayers ? core.nLayers : 0,
    nDecoderLayers,
    rotaryFraction: pos.fraction,
    ropeTheta: pos.theta,
    gatedMlp: weights.gatedMlp,
    sources: r.sources,
  };
}
