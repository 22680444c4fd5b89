/** Feeds for one reference sequence of one fixture file (the T5 decoder gets the encoder's output). */
import type * as ort from 'onnxruntime-node';
import type { ModelProto } from '../proto';
import { loadOnnx, type FixtureFile, type SequenceReference } from './fixtures';
import { feedsFor, runModel, type FeedOptions, type Float32Output } from './run';

const encoderCache = new Map<string, Promise<Float32Output>>();

/** The T5 encoder's last hidden state [1, S_enc, d_model] for `ids`, from the encoder graph beside `f`. */
export function encoderHidden(f: FixtureFile, ids: number[]): Promise<Float32Output> {
  const file = f.file.replace('decoder_model', 'encoder_model');
  const key = `${file}:${ids.join(',')}`;
  let hit = encoderCache.get(key);
  if (!hit) {
    const enc = loadOnnx({ family: 't5', file });
    hit = runModel(enc, feedsFor(enc, { ids }), ['last_hidden_state']).then((r) => r.get('last_hidden_state')!);
    encoderCache.set(key, hit);
  }
  return hit;
}

/** Feeds for a full-sequence pass of `model` (a variant of fixture `f`) on reference sequence `seq`. */
export async function sequenceFeeds(model: ModelProto, f: FixtureFile, seq: SequenceReference, extra: Partial<FeedOptions> = {}): Promise<Record<string, ort.Tensor>> {
  if (f.kind !== 't5_decoder') return feedsFor(model, { ids: seq.input_ids, ...extra });
  return feedsFor(model, { ids: seq.decoder_input_ids!, encoderHidden: await encoderHidden(f, seq.input_ids), ...extra });
}
