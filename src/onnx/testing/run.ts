/**
 * Running ONNX graphs in tests on onnxruntime-node: feeds built from the graph's declared inputs
 * (Optimum's input names) and outputs copied out as float32.
 */
import * as ort from 'onnxruntime-node';
import { encodeModel, DataType, toNum, type ModelProto, type ValueInfoProto } from '../proto';

/** A float32 tensor copied out of onnxruntime. */
export interface Float32Output {
  /** row-major */ data: Float32Array;
  dims: number[];
}

/** What to feed a graph (the rest is derived from its declared inputs). */
export interface FeedOptions {
  /** token ids of the (decoder) input, batch 1 */ ids: readonly number[];
  /** T5 decoder: the encoder's last hidden state [1, S_enc, d_model] */ encoderHidden?: Float32Output;
  /** merged decoders: the value of the bool branch input (default false: no past) */ useCacheBranch?: boolean;
  /** KV cache from an earlier pass, by input name (past_key_values.{i}.key / .value): [1, kv_heads, past_len, d_head] */
  past?: Map<string, Float32Output>;
}

/** The cache a run returned (present.{i}.*), keyed as the next run's inputs (past_key_values.{i}.*). */
export function pastFromPresent(outputs: Map<string, Float32Output>): Map<string, Float32Output> {
  return new Map([...outputs].filter(([k]) => k.startsWith('present.')).map(([k, v]) => [k.replace(/^present\./, 'past_key_values.'), v]));
}

function dimsOf(v: ValueInfoProto): (number | string)[] {
  return (v.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimParam ? d.dimParam : toNum(d.dimValue)));
}

const int64 = (values: number[], dims: number[]) => new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), dims);

/**
 * Feeds for every input the graph declares: ids, all-ones masks, positions after the past, the past
 * given or zero-length [1, kv_heads, 0, d_head] (a first pass), the bool branch input of a merged decoder.
 */
export function feedsFor(model: ModelProto, opts: FeedOptions): Record<string, ort.Tensor> {
  const inits = new Set((model.graph!.initializer ?? []).map((t) => t.name));
  const S = opts.ids.length;
  const pastLen = opts.past?.values().next().value?.dims[2] ?? 0;
  const encLen = opts.encoderHidden?.dims[1] ?? 0;
  const feeds: Record<string, ort.Tensor> = {};
  for (const v of model.graph!.input ?? []) {
    const name = v.name!;
    if (inits.has(name)) continue;
    const type = v.type?.tensorType?.elemType;
    if (name === 'input_ids') feeds[name] = int64([...opts.ids], [1, S]);
    else if (name === 'encoder_attention_mask') feeds[name] = int64(Array(encLen).fill(1), [1, encLen]);
    else if (name === 'attention_mask') feeds[name] = int64(Array(pastLen + S).fill(1), [1, pastLen + S]);
    else if (name === 'position_ids') feeds[name] = int64(Array.from({ length: S }, (_, i) => pastLen + i), [1, S]);
    else if (name === 'encoder_hidden_states' && opts.encoderHidden) feeds[name] = new ort.Tensor('float32', opts.encoderHidden.data, opts.encoderHidden.dims);
    else if (type === DataType.BOOL) feeds[name] = new ort.Tensor('bool', new Uint8Array([opts.useCacheBranch ? 1 : 0]), [1]);
    else if (opts.past?.has(name)) feeds[name] = new ort.Tensor('float32', opts.past.get(name)!.data, opts.past.get(name)!.dims);
    else if (type === DataType.FLOAT && name.startsWith('past_key_values.')) {
      // [batch, kv_heads, past_len, d_head]: named axes are the batch (1) and the past length (0 here).
      const dims = dimsOf(v).map((d, i) => (typeof d === 'number' ? d : i === 0 ? 1 : 0));
      feeds[name] = new ort.Tensor('float32', new Float32Array(0), dims);
    } else throw new Error(`feedsFor: no rule to feed input '${name}' (type ${type})`);
  }
  return feeds;
}

/** Create a session for `model` (optimizations as the lab runs them) and return the named outputs as float32. */
export async function runModel(model: ModelProto, feeds: Record<string, ort.Tensor>, outputs: readonly string[]): Promise<Map<string, Float32Output>> {
  const session = await ort.InferenceSession.create(encodeModel(model), { graphOptimizationLevel: 'all', logSeverityLevel: 3 });
  try {
    const res = await session.run(feeds, [...new Set(outputs)]);
    const out = new Map<string, Float32Output>();
    for (const name of outputs) {
      const t = res[name];
      if (t.type !== 'float32') throw new Error(`runModel: output '${name}' is ${t.type}, not float32`);
      out.set(name, { data: new Float32Array(t.data as Float32Array), dims: [...t.dims] });
    }
    return out;
  } finally {
    await session.release();
  }
}
