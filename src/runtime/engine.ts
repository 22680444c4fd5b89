/**
 * The lab's engine: one interface, run in-thread by the CLI and tests (onnxruntime-node) and
 * behind Comlink in the model worker (onnxruntime-web). It holds the prepared model, creates a
 * session per tap set (only the taps asked for become outputs), and measures and generates.
 */
import { ModelSession, type OrtModule, type ExecutionProvider } from './session';
import { Jobs, yieldToEvents, type ProgressFn } from './jobs';
import { addTaps } from '../onnx/taps';
import { encodeModel } from '../onnx/proto';
import { gainHooks, boundaryHooks, hookFinalNorm, type HookName } from '../model/hooks';
import type { PreparedModel } from '../model/prepared';
import type { Tokenizer } from '../model/tokenizer';
import { buildFeeds } from './feeds';
import { tokenNorms } from '../analysis/norms';
import { gainsAt, blockGainMatrix } from '../analysis/gains';
import { softmax, entropyNats, topK, argmax } from '../analysis/logits';
import { sampleToken, seededRandom } from '../analysis/sampling';
import type { Measurement, Generation, GenerateRequest } from './results';

export class InputError extends Error {
  override name = 'InputError';
}

export interface ForwardOutput {
  seqLen: number;
  dModel: number;
  /** per hook: [pos, d_model] float32 */ taps: Map<HookName, Float32Array>;
  /** [vocab] logits of the last position */ lastLogits: Float32Array;
}

export class Engine {
  readonly jobs = new Jobs();
  private sessions = new Map<string, ModelSession>();

  constructor(
    private readonly ort: OrtModule,
    readonly model: PreparedModel,
    readonly ep: ExecutionProvider,
    /** read onnxruntime's placement log on the first session (browser: proves which EP ran) */
    private readonly capturePlacement = false,
  ) {}

  /** Nodes per execution provider in the first session created, when captured. */
  placements: Record<string, number> | null = null;

  get card() {
    return this.model.card;
  }

  /** The tokenizer; models that ship none take token ids only. */
  get tokenizer(): Tokenizer {
    if (!this.model.tokenizer) throw new InputError('this model ships no tokenizer: give token ids (e.g. --ids 3,17,42) instead of text');
    return this.model.tokenizer;
  }

  /** Create (or reuse) the session exposing exactly `hooks`; keeps at most two sessions alive. */
  async session(hooks: readonly HookName[], onProgress?: ProgressFn): Promise<{ session: ModelSession; outputs: Map<HookName, string> }> {
    const key = [...hooks].sort().join('|');
    if (hooks.length && !this.model.structure) {
      throw new InputError(`no taps on this model: ${this.model.structureError}. It still runs for logits (generation, entropy).`);
    }
    const { model, outputs } = addTaps(this.model.graph, this.model.structure, hooks);
    let session = this.sessions.get(key);
    if (!session) {
      onProgress?.({ stage: 'session', message: `creating ${this.ep} session (${hooks.length} taps)` });
      session = await ModelSession.create(this.ort, encodeModel(model), this.ep, this.capturePlacement && !this.placements);
      this.placements ??= session.placements;
      if (this.sessions.size >= 2) {
        const [oldKey, old] = this.sessions.entries().next().value!;
        this.sessions.delete(oldKey);
        await old.release();
      }
      this.sessions.set(key, session);
    }
    return { session, outputs };
  }

  checkIds(ids: readonly number[]): void {
    const { maxSeqLen, vocabSize } = this.card;
    if (ids.length === 0) throw new InputError('the prompt is empty: type some text (or give token ids) to measure');
    if (ids.length > maxSeqLen) {
      throw new InputError(`the prompt is ${ids.length} tokens long; this model's context is ${maxSeqLen} tokens`);
    }
    const bad = ids.find((i) => !Number.isInteger(i) || i < 0 || i >= vocabSize);
    if (bad !== undefined) throw new InputError(`token id ${bad} is outside the vocabulary (0..${vocabSize - 1})`);
  }

  private logitsName(): string {
    if (!this.model.logits) throw new InputError('this graph has no logits output (an encoder): it can be measured, not generated from');
    return this.model.logits;
  }

  /** The encoder of an encoder-decoder model (T5), run in its own session on the same provider. */
  private encoderEngine: Engine | null = null;

  /** Encoder output [enc_pos, d_model] for `ids`, for a decoder's cross-attention. */
  async encode(ids: readonly number[]): Promise<{ data: Float32Array; seqLen: number; dModel: number }> {
    const enc = this.model.encoder;
    if (!enc) throw new InputError('this model has no encoder');
    this.encoderEngine ??= new Engine(this.ort, enc, this.ep);
    this.encoderEngine.checkIds(ids);
    const out = enc.graph.graph!.output![0].name!;
    const { session } = await this.encoderEngine.session([]);
    const res = (await session.run(buildFeeds(enc.inputs, { ids }), [out])).get(out)!;
    return { data: res.data, seqLen: ids.length, dModel: res.dims[res.dims.length - 1] };
  }

  /** Blocks in this graph (a T5 decoder's count can differ from its encoder's, which the card leads with). */
  get nBlocks(): number {
    return this.model.structure?.blocks.length ?? this.card.nLayers;
  }

  /**
   * One forward pass with `hooks` as outputs. For a decoder, `encoderIds` is the encoder's input
   * (default: the same ids) and `ids` the decoder's (teacher forcing).
   */
  async forward(ids: readonly number[], hooks: readonly HookName[], encoderIds?: readonly number[]): Promise<ForwardOutput> {
    this.checkIds(ids);
    const { session, outputs } = await this.session(hooks);
    const logitsName = this.model.logits;
    const names = [...new Set([...outputs.values(), ...(logitsName ? [logitsName] : [])])];
    const encoderHidden = this.model.encoder ? await this.encode(encoderIds ?? ids) : undefined;
    const res = await session.run(buildFeeds(this.model.inputs, { ids, encoderHidden }), names);
    const S = ids.length;
    const taps = new Map<HookName, Float32Array>();
    for (const [h, t] of outputs) taps.set(h, res.get(t)!.data);
    let lastLogits = new Float32Array(0);
    if (logitsName) {
      const logits = res.get(logitsName)!;
      const V = logits.dims[logits.dims.length - 1];
      lastLogits = logits.data.slice((S - 1) * V, S * V);
    }
    return { seqLen: S, dModel: this.card.dModel, taps, lastLogits };
  }

  /** Norms at every boundary and the final norm, the three gains per token, entropy and top-k. */
  async measure(ids: readonly number[], opts: { prompt?: string | null; topK?: number; encoderIds?: readonly number[] } = {}): Promise<Measurement> {
    const L = this.nBlocks;
    const hooks = gainHooks(L);
    const fwd = await this.forward(ids, hooks, opts.encoderIds);
    const S = fwd.seqLen;
    const D = fwd.dModel;
    const norms: Record<string, number[]> = {};
    for (const h of hooks) norms[h] = Array.from(tokenNorms(fwd.taps.get(h)!, S, D));
    const bn = { boundaries: boundaryHooks(L).map((h) => norms[h]), finalNorm: norms[hookFinalNorm] };
    const p = softmax(fwd.lastLogits);
    const tk = this.model.tokenizer;
    const piece = (i: number) => (tk ? tk.piece(i) : `#${i}`);
    return {
      prompt: opts.prompt ?? null,
      ids: [...ids],
      tokens: ids.map(piece),
      nLayers: L,
      boundaryHooks: boundaryHooks(L),
      norms,
      blockGains: blockGainMatrix(bn),
      gainsPerToken: Array.from({ length: S }, (_, t) => gainsAt(bn, t)),
      lastToken: gainsAt(bn, S - 1),
      entropyNats: fwd.lastLogits.length ? entropyNats(p) : Number.NaN,
      topK: fwd.lastLogits.length ? topK(p, opts.topK ?? 10).map(({ id, prob }) => ({ id, token: piece(id), prob })) : [],
    };
  }

  /** Greedy (temperature 0) or seeded sampling; stops at maxNewTokens, BOS/EOS, or the context length. */
  async generate(req: GenerateRequest, onToken?: (id: number, text: string) => void, jobId?: string): Promise<Generation> {
    const tk = this.model.tokenizer;
    const ids = [...req.ids];
    const decode = (x: number[]) => (tk ? tk.decode(x) : x.join(' '));
    const stopIds = new Set(tk ? [tk.bosId, tk.eosId] : []);
    this.checkIds(ids);
    const rand = seededRandom(req.seed ?? 0);
    const { session } = await this.session([]);
    const logitsName = this.logitsName();
    let stop: Generation['stoppedBy'] = 'max_new_tokens';
    try {
      for (let step = 0; step < req.maxNewTokens; step++) {
        this.jobs.check(jobId, 'generation');
        if (ids.length >= this.card.maxSeqLen) {
          stop = 'context';
          break;
        }
        const logits = (await session.run(buildFeeds(this.model.inputs, { ids }), [logitsName])).get(logitsName)!;
        const V = logits.dims[logits.dims.length - 1];
        const last = logits.data.subarray((ids.length - 1) * V, ids.length * V);
        const next = req.temperature > 0 ? sampleToken(last, req.temperature, rand, req.topP ?? 1) : argmax(last);
        if (stopIds.has(next)) {
          stop = next === tk!.eosId ? 'eos' : 'bos';
          break;
        }
        ids.push(next);
        onToken?.(next, decode(ids));
        await yieldToEvents();
      }
    } finally {
      this.jobs.done(jobId);
    }
    return { ids, promptLength: req.ids.length, text: decode(ids), stoppedBy: stop, temperature: req.temperature, seed: req.seed ?? null };
  }

  async dispose(): Promise<void> {
    for (const s of this.sessions.values()) await s.release();
    this.sessions.clear();
    await this.encoderEngine?.dispose();
  }
}
