/**
 * Teacher-forced decoding of an encoder-decoder model (T5) over given encoder states: what the alpha
 * training's T5 loss reads (runtime/train-alpha.ts, through Modulator.labelLogits, which supplies the
 * modulated encoder). The decoder reads [decoderStart, labels[0..T-2]] and its row t predicts
 * labels[t], the shift T5ForConditionalGeneration applies to `labels` (shift_tokens_right).
 */
import { buildFeeds } from './feeds';
import { InputError, type Engine } from './engine';

/** One example of a sequence-to-sequence batch. */
export interface LabelledInput {
  /** [enc_pos] encoder input ids */ input: readonly number[];
  /** [T] label ids, T >= 1 */ labels: readonly number[];
}

/**
 * Per example, the decoder logits [T, vocab] row-major (row t predicts labels[t]). One run per
 * example on the engine's plain decoder session: the graph takes no padding mask for the decoder ids,
 * and with one example per run there is no padding to mask (the seed's padded batch gives the same
 * numbers on its real tokens, as its attention masks hide the pads).
 */
export async function teacherForcedLogits(
  engine: Engine,
  encoderStates: (ids: readonly number[]) => Promise<Float32Array>,
  examples: readonly LabelledInput[],
  decoderStartId: number,
): Promise<Float32Array[]> {
  const dec = engine.model;
  if (!dec.encoder || !dec.logits) throw new InputError('teacher-forced label logits need an encoder-decoder model (T5) with a logits output');
  const logitsName = dec.logits;
  const V = engine.card.vocabSize;
  const D = engine.card.dModel;
  const { session } = await engine.session([]);
  const out: Float32Array[] = [];
  for (const ex of examples) {
    if (ex.labels.length === 0) throw new InputError('an example needs at least one label token');
    engine.checkIds(ex.input);
    const ids = [decoderStartId, ...ex.labels.slice(0, -1)];
    engine.checkIds(ids);
    const encoderHidden = { data: await encoderStates(ex.input), seqLen: ex.input.length, dModel: D };
    const lg = (await session.run(buildFeeds(dec.inputs, { ids, encoderHidden }), [logitsName])).get(logitsName)!;
    if (lg.dims[lg.dims.length - 1] !== V || lg.data.length !== ids.length * V) throw new InputError(`the decoder's logits have dims [${lg.dims.join(', ')}], want [1, ${ids.length}, ${V}]`);
    out.push(lg.data);
  }
  return out;
}
