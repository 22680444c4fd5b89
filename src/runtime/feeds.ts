/**
 * Graph inputs the lab knows how to feed, read from the graph itself: token ids, attention mask,
 * positions, an empty KV cache (zero-length past), the merged decoder's branch switch, and an
 * encoder's output for a decoder. Plain data here; the session turns it into tensors.
 */
import { DataType, toNum, type ModelProto } from '../onnx/proto';

export interface InputInfo {
  name: string;
  elemType: number;
  /** numbers for fixed dims, strings for symbolic ones */ dims: (number | string)[];
}

export type PlainFeed =
  | { type: 'int64'; data: BigInt64Array; dims: number[] }
  | { type: 'float32'; data: Float32Array; dims: number[] }
  | { type: 'bool'; data: Uint8Array; dims: number[] };

export interface FeedRequest {
  /** [pos] token ids (a T5 decoder: the decoder ids) */ ids: readonly number[];
  /** [enc_pos, d_model] encoder output, for encoder-decoder models */ encoderHidden?: { data: Float32Array; seqLen: number; dModel: number };
}

export function graphInputs(model: ModelProto): InputInfo[] {
  const inits = new Set((model.graph!.initializer ?? []).map((t) => t.name));
  return (model.graph!.input ?? [])
    .filter((v) => !inits.has(v.name))
    .map((v) => ({
      name: v.name!,
      elemType: v.type?.tensorType?.elemType ?? 0,
      dims: (v.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimParam ? d.dimParam : d.dimValue != null ? toNum(d.dimValue) : '?')),
    }));
}

const range = (n: number) => BigInt64Array.from({ length: n }, (_, i) => BigInt(i));
const ones = (n: number) => new BigInt64Array(n).fill(1n);

/** The feed for every graph input; an input the lab cannot fill is named in the error. */
export function buildFeeds(inputs: readonly InputInfo[], req: FeedRequest): Record<string, PlainFeed> {
  const S = req.ids.length;
  const feeds: Record<string, PlainFeed> = {};
  for (const inp of inputs) {
    const n = inp.name;
    if (n === 'input_ids' || n === 'decoder_input_ids') feeds[n] = { type: 'int64', data: BigInt64Array.from(req.ids, (i) => BigInt(i)), dims: [1, S] };
    else if (n === 'attention_mask' || n === 'decoder_attention_mask') feeds[n] = { type: 'int64', data: ones(S), dims: [1, S] };
    else if (n === 'position_ids') feeds[n] = { type: 'int64', data: range(S), dims: [1, S] };
    else if (n === 'use_cache_branch') feeds[n] = { type: 'bool', data: new Uint8Array([0]), dims: [1] };
    else if (n.startsWith('past_key_values.') || n.startsWith('past.')) {
      // A first pass: zero-length past [batch, kv_heads, 0, d_head], the fixed dims read from the graph.
      const dims = inp.dims.map((d, i) => (i === 0 ? 1 : typeof d === 'number' ? d : 0));
      if (dims.length !== 4 || dims[1] === 0 || dims[3] === 0) throw new Error(`cannot size the empty KV cache '${n}': the graph gives its shape as [${inp.dims.join(', ')}]`);
      feeds[n] = { type: 'float32', data: new Float32Array(0), dims };
    } else if (n === 'encoder_hidden_states' && req.encoderHidden) {
      const e = req.encoderHidden;
      feeds[n] = { type: 'float32', data: e.data, dims: [1, e.seqLen, e.dModel] };
    } else if (n === 'encoder_attention_mask' && req.encoderHidden) {
      feeds[n] = { type: 'int64', data: ones(req.encoderHidden.seqLen), dims: [1, req.encoderHidden.seqLen] };
    } else {
      const what = n.startsWith('encoder_') ? ' (this is the decoder of an encoder-decoder model: load it with its encoder)' : '';
      throw new Error(`the model needs an input the lab cannot provide: '${n}' (${DataType[inp.elemType] ?? inp.elemType} [${inp.dims.join(', ')}])${what}`);
    }
  }
  return feeds;
}
