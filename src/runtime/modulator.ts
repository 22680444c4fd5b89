/**
 * The Modulator: runs a model with the residual-stream lerp of seed 05 (src/onnx/intervene.ts) and
 * compares original and modulated continuations side by side, with the seed's impact measures.
 *
 * - Decoder-only models: the whole sequence is modulated and recomputed at every step (as the engine
 *   generates: no KV cache), so the prompt and every generated token are pulled toward the target.
 * - Encoder-decoder models (T5): the encoder is modulated and the decoder runs greedily (or sampled) on
 *   the modulated encoder output, as seed 05 section 11 does.
 *
 * One modulated session per target kind, created once: moving a slider changes the alpha feed only.
 * The original run uses the same session with every alpha 0, which the surgery makes bit-identical to
 * the unmodified graph (tested in intervene.test.ts and modulator.test.ts), and is cached per prompt and
 * sampling settings, so a slider move recomputes the modulated continuation only. A new request
 * supersedes the one in flight: the stale run stops at its next decode step (CancelledError).
 */
import { ModelSession, type OrtModule } from './session';
import { CancelledError, yieldToEvents } from './jobs';
import { buildFeeds, type PlainFeed } from './feeds';
import { Engine, InputError } from './engine';
import { addModulator, type TargetKind } from '../onnx/intervene';
import { addTaps } from '../onnx/taps';
import { encodeModel, type NodeProto } from '../onnx/proto';
import { hookFinalNorm, residPre } from '../model/hooks';
import type { PreparedModel } from '../model/prepared';
import { argmax } from '../analysis/logits';
import { sampleToken, seededRandom } from '../analysis/sampling';
import { tokenNorms } from '../analysis/norms';
import { modulationImpact, type ModulationImpact } from '../analysis/modulation/impact';
import { tokenDifference, type TokenDifference } from '../analysis/modulation/token-diff';
import { pooledMean } from '../analysis/modulation/steering';
import { chooseAnchors, geometricTarget } from '../analysis/modulation/geometric';
import { tensorDims, tensorToFloat32 } from '../onnx/tensor-data';
import { meanRowNorm } from '../analysis/modulation/random';

/** What the stream is pulled toward (float32, row-major). */
export type ModulatorTarget =
  | { kind: 'vector'; /** [d_model] the same target at every position */ data: Float32Array }
  | { kind: 'table'; /** [vocab, d_model] gathered by token id */ data: Float32Array }
  | { kind: 'positions'; /** [n_pos, d_model] one target per position; n_pos covers the longest sequence run */ data: Float32Array };

export interface ModulateRequest {
  /** the prompt (decoder-only) or the encoder input (T5) */ ids: number[];
  /** [n_blocks] alpha of each block (h' = (1 - alpha) h + alpha target); 0 leaves the block alone */ alphas: number[];
  target: ModulatorTarget;
  maxNewTokens: number;
  /** 0 = greedy; otherwise seeded sampling with the same seed for both runs */ temperature: number;
  seed?: number;
  topP?: number;
  /** T5: the decoder's start id (default 0, T5's pad token) */ decoderStartId?: number;
}

export interface Continuation {
  /** the generated ids only (prompt excluded) */ ids: number[];
  /** display piece of each generated id */ pieces: string[];
  /** decoded text: prompt and continuation (decoder-only), the decoder output (T5) */ text: string;
  stoppedBy: 'max_new_tokens' | 'eos' | 'bos' | 'context';
}

/** Final-layer states of the prompt: the final-norm output (HF last hidden state; T5: the encoder output). */
export interface FinalStates {
  /** [pos] L2 norms */ norms: number[];
  /** [d_model] the last position's vector */ lastToken: number[];
}

export interface ModulationResult {
  ids: number[];
  alphas: number[];
  /** which stack the lerp acts on */ stack: 'decoder-only' | 'encoder';
  original: Continuation;
  modulated: Continuation;
  /** generated tokens compared position by position */ tokenDifference: TokenDifference;
  finalStates: { original: FinalStates; modulated: FinalStates };
  /** the seed's impact measures between original and modulated final states of the prompt */ impact: ModulationImpact;
  /** wall time of this request, ms (the original may come from the cache) */ ms: number;
  /** the original continuation came from the cache */ originalCached: boolean;
}

/** What the geometric target was built from (the table itself travels separately). */
export interface GeometricTableReport {
  /** the anchor token ids */ anchors: number[];
  nGeo: number;
  /** mean cosine of the Procrustes-aligned anchors with their residual PCA coordinates */ alignmentCos: number;
  /** mean final-state norm of the anchors */ residualScale: number;
  /** 0.1 * residualScale: the seed's projection scale */ scale: number;
  /** the initializer read as the static embedding */ embedding: string;
}

/**
 * The static token embedding [vocab, d_emb]: the initializer a Gather indexes with `input_ids` (also
 * inside If branches), read as float32.
 */
export function tokenEmbedding(m: PreparedModel): { data: Float32Array; vocab: number; dEmb: number; name: string } {
  const inits = new Map((m.graph.graph!.initializer ?? []).map((t) => [t.name!, t]));
  const visit = (nodes: readonly NodeProto[]): string | null => {
    for (const n of nodes) {
      if (n.opType === 'Gather' && n.input?.[1] === 'input_ids' && inits.has(n.input[0])) return n.input[0];
      for (const a of n.attribute ?? []) {
        const found = a.g ? visit(a.g.node ?? []) : null;
        if (found) return found;
      }
    }
    return null;
  };
  const name = visit(m.graph.graph!.node ?? []);
  if (!name) throw new InputError('no static token embedding found (a Gather of an initializer by input_ids): the geometric target needs one');
  const t = inits.get(name)!;
  const [vocab, dEmb] = tensorDims(t);
  return { data: tensorToFloat32(t), vocab, dEmb, name };
}

/** Longest stretch of decode steps without letting other messages in, ms. */
const YIELD_MS = 8;

interface ModSession {
  session: ModelSession;
  /** output carrying the final states [1, pos, d_model] */ final: string;
  /** output carrying the logits, null for an encoder */ logits: string | null;
}

interface Run {
  continuation: Continuation;
  /** [pos, d_model] final states of the prompt */ final: Float32Array;
}

export class Modulator {
  private sessions = new Map<TargetKind, Promise<ModSession>>();
  private latest = 0;
  private originalCache: { key: string; run: Run } | null = null;
  private tapEngine: Engine | null = null;

  constructor(
    private readonly ort: OrtModule,
    readonly engine: Engine,
  ) {}

  /** The stack the lerp acts on: the decoder-only graph, or a T5 model's encoder. */
  private get stack(): PreparedModel {
    return this.engine.model.encoder ?? this.engine.model;
  }

  /** Number of blocks in the modulated stack (the length of `alphas`). */
  get nBlocks(): number {
    const s = this.stack.structure;
    if (!s) throw new InputError(`this model cannot be modulated: ${this.stack.structureError ?? 'its residual structure is unknown'}`);
    return s.blocks.length;
  }

  get dModel(): number {
    return this.engine.card.dModel;
  }

  /** The modulated session for a target kind (created once, then reused for every alpha). */
  private session(kind: TargetKind): Promise<ModSession> {
    let s = this.sessions.get(kind);
    if (!s) {
      s = this.createSession(kind);
      this.sessions.set(kind, s);
      s.catch(() => this.sessions.delete(kind));
    }
    return s;
  }

  private async createSession(kind: TargetKind): Promise<ModSession> {
    const stack = this.stack;
    if (!stack.structure) throw new InputError(`this model cannot be modulated: ${stack.structureError}`);
    const mod = addModulator(stack.graph, stack.structure, kind, { dModel: this.dModel, vocabSize: this.engine.card.vocabSize });
    const { model, outputs } = addTaps(mod.model, mod.structure, [hookFinalNorm]);
    const session = await ModelSession.create(this.ort, encodeModel(model), this.engine.ep);
    return { session, final: outputs.get(hookFinalNorm)!, logits: stack === this.engine.model ? this.engine.model.logits : null };
  }

  private checkTarget(t: ModulatorTarget, seqLen: number): void {
    const D = this.dModel;
    const V = this.engine.card.vocabSize;
    const want = t.kind === 'vector' ? D : t.kind === 'table' ? V * D : seqLen * D;
    const ok = t.kind === 'positions' ? t.data.length >= want && t.data.length % D === 0 : t.data.length === want;
    if (!ok) {
      const shape = t.kind === 'vector' ? `[${D}]` : t.kind === 'table' ? `[${V}, ${D}]` : `[>= ${seqLen}, ${D}]`;
      throw new InputError(`a ${t.kind} target needs shape ${shape} (${want} values); got ${t.data.length} values`);
    }
  }

  private feeds(ids: readonly number[], alphas: readonly number[], target: ModulatorTarget): Record<string, PlainFeed> {
    const S = ids.length;
    const D = this.dModel;
    const feeds = buildFeeds(this.stack.inputs, { ids });
    feeds.modulator_alpha = { type: 'float32', data: Float32Array.from(alphas), dims: [alphas.length] };
    if (target.kind === 'table') feeds.modulator_table = { type: 'float32', data: target.data, dims: [target.data.length / D, D] };
    else if (target.kind === 'vector') feeds.modulator_target = { type: 'float32', data: target.data, dims: [D] };
    else feeds.modulator_target = { type: 'float32', data: target.data.subarray(0, S * D), dims: [1, S, D] };
    return feeds;
  }

  private checkAlphas(alphas: readonly number[]): void {
    const L = this.nBlocks;
    if (alphas.length !== L) throw new InputError(`alphas: one value per block is needed (${L} blocks), got ${alphas.length}`);
    const bad = alphas.find((a) => !(a >= 0 && a <= 1));
    if (bad !== undefined) throw new InputError(`alpha must be in [0, 1], got ${bad}`);
  }

  /**
   * Final-layer states [pos, d_model] of `ids` under the modulation (all alphas 0: the original). For a
   * decoder-only model the final-norm output, for T5 the encoder output.
   */
  async finalStates(ids: readonly number[], alphas: readonly number[], target: ModulatorTarget): Promise<Float32Array> {
    this.checkAlphas(alphas);
    this.checkTarget(target, ids.length);
    const s = await this.session(target.kind);
    return (await s.session.run(this.feeds(ids, alphas, target), [s.final])).get(s.final)!.data;
  }

  /** Compare original and modulated continuations (see the module doc). A newer call supersedes this one. */
  async run(req: ModulateRequest, jobId?: string): Promise<ModulationResult> {
    const t0 = performance.now();
    const ticket = ++this.latest;
    const check = () => {
      this.engine.jobs.check(jobId, 'modulation');
      if (ticket !== this.latest) throw new CancelledError('modulation (superseded by a newer request)');
    };
    try {
      this.stackEngine().checkIds(req.ids);
      this.checkAlphas(req.alphas);
      if (!(Number.isInteger(req.maxNewTokens) && req.maxNewTokens >= 0)) throw new InputError(`maxNewTokens must be a non-negative integer, got ${req.maxNewTokens}`);
      const key = JSON.stringify([req.ids, req.maxNewTokens, req.temperature, req.seed ?? 0, req.topP ?? 1, req.decoderStartId ?? 0]);
      const zeros = new Array(req.alphas.length).fill(0);
      const originalCached = this.originalCache?.key === key;
      const original = originalCached ? this.originalCache!.run : await this.continue(req, zeros, check);
      if (!originalCached) this.originalCache = { key, run: original };
      const modulated = req.alphas.every((a) => a === 0) ? original : await this.continue(req, req.alphas, check);
      const S = req.ids.length;
      const D = this.dModel;
      const states = (x: Float32Array): FinalStates => ({ norms: Array.from(tokenNorms(x, S, D)), lastToken: Array.from(x.subarray((S - 1) * D)) });
      return {
        ids: [...req.ids],
        alphas: [...req.alphas],
        stack: this.engine.model.encoder ? 'encoder' : 'decoder-only',
        original: original.continuation,
        modulated: modulated.continuation,
        tokenDifference: tokenDifference(original.continuation.ids, modulated.continuation.ids),
        finalStates: { original: states(original.final), modulated: states(modulated.final) },
        impact: modulationImpact(original.final, modulated.final, S, D),
        ms: performance.now() - t0,
        originalCached,
      };
    } finally {
      this.engine.jobs.done(jobId);
    }
  }

  /** One continuation under `alphas`; `check` runs between decode steps. */
  private async continue(req: ModulateRequest, alphas: readonly number[], check: () => void): Promise<Run> {
    const tk = this.engine.model.tokenizer;
    const rand = seededRandom(req.seed ?? 0);
    const pick = (row: Float32Array) => (req.temperature > 0 ? sampleToken(row, req.temperature, rand, req.topP ?? 1) : argmax(row));
    const s = await this.session(req.target.kind);
    const encoder = !!this.engine.model.encoder;
    const maxLen = this.engine.card.maxSeqLen;
    const stopIds = new Set(tk ? (encoder ? [tk.eosId] : [tk.bosId, tk.eosId]) : []);
    const generated: number[] = [];
    let stoppedBy: Continuation['stoppedBy'] = 'max_new_tokens';
    let final: Float32Array;

    if (!encoder) {
      const seq = [...req.ids];
      this.checkTarget(req.target, req.target.kind === 'positions' ? Math.min(seq.length + req.maxNewTokens - 1, maxLen) : seq.length);
      const logitsName = s.logits;
      if (!logitsName) throw new InputError('this graph has no logits output: it can be measured, not generated from');
      const first = await s.session.run(this.feeds(seq, alphas, req.target), [logitsName, s.final]);
      final = first.get(s.final)!.data;
      let logits = first.get(logitsName)!;
      for (let step = 0; step < req.maxNewTokens; step++) {
        if (step > 0) {
          check();
          if (seq.length >= maxLen) {
            stoppedBy = 'context';
            break;
          }
          logits = (await s.session.run(this.feeds(seq, alphas, req.target), [logitsName])).get(logitsName)!;
        }
        const V = logits.dims[logits.dims.length - 1];
        const next = pick(logits.data.subarray((seq.length - 1) * V, seq.length * V));
        if (stopIds.has(next)) {
          stoppedBy = next === tk!.eosId ? 'eos' : 'bos';
          break;
        }
        seq.push(next);
        generated.push(next);
        await this.breathe();
      }
    } else {
      this.checkTarget(req.target, req.ids.length);
      final = (await s.session.run(this.feeds(req.ids, alphas, req.target), [s.final])).get(s.final)!.data;
      const encoderHidden = { data: final, seqLen: req.ids.length, dModel: this.dModel };
      const { session: dec } = await this.engine.session([]);
      const logitsName = this.engine.model.logits!;
      const seq = [req.decoderStartId ?? 0];
      for (let step = 0; step < req.maxNewTokens; step++) {
        check();
        if (seq.length >= maxLen) {
          stoppedBy = 'context';
          break;
        }
        const logits = (await dec.run(buildFeeds(this.engine.model.inputs, { ids: seq, encoderHidden }), [logitsName])).get(logitsName)!;
        const V = logits.dims[logits.dims.length - 1];
        const next = pick(logits.data.subarray((seq.length - 1) * V, seq.length * V));
        if (stopIds.has(next)) {
          stoppedBy = 'eos';
          break;
        }
        seq.push(next);
        generated.push(next);
        await this.breathe();
      }
    }
    const piece = (i: number) => (tk ? tk.piece(i) : `#${i}`);
    const text = tk ? (encoder ? tk.decode(generated) : tk.decode([...req.ids, ...generated])) : generated.join(' ');
    return { continuation: { ids: generated, pieces: generated.map(piece), text, stoppedBy }, final };
  }

  private lastYield = 0;

  /**
   * Let queued messages in (a newer slider value, a cancel) between decode steps, but at most every
   * YIELD_MS: a timer yield per step costs 1-4 ms (browsers clamp nested timeouts), a whole 32-token
   * continuation of a small model takes tens of ms, and a stale run may finish one more step anyway.
   */
  private async breathe(): Promise<void> {
    const now = performance.now();
    if (now - this.lastYield < YIELD_MS) return;
    await yieldToEvents();
    this.lastYield = performance.now();
  }

  /** An engine over the modulated stack's plain graph, for taps (the model's own for decoder-only models). */
  private stackEngine(): Engine {
    if (!this.engine.model.encoder) return this.engine;
    this.tapEngine ??= new Engine(this.ort, this.engine.model.encoder, this.engine.ep);
    return this.tapEngine;
  }

  /**
   * Residual statistics of the unmodulated stack at the stream entering `blocks`, over every token of
   * every sequence: the mean vector per block (steering vectors) and the mean L2 norm over all of them
   * (the scale of a random target).
   */
  async residualStats(sequences: readonly (readonly number[])[], blocks: readonly number[]): Promise<{ means: Float32Array[]; meanNorm: number; tokens: number }> {
    const e = this.stackEngine();
    const L = this.nBlocks;
    const bad = blocks.find((b) => !Number.isInteger(b) || b < 0 || b >= L);
    if (bad !== undefined || blocks.length === 0) throw new InputError(`blocks must be in 0..${L - 1}, got [${blocks.join(', ')}]`);
    if (sequences.length === 0) throw new InputError('residual statistics need at least one sequence');
    const perBlock: Float32Array[][] = blocks.map(() => []);
    for (const ids of sequences) {
      const fwd = await e.forward(ids, blocks.map(residPre));
      blocks.forEach((b, k) => perBlock[k].push(fwd.taps.get(residPre(b))!));
    }
    const D = this.dModel;
    return {
      means: perBlock.map((xs) => Float32Array.from(pooledMean(xs, D))),
      meanNorm: meanRowNorm(perBlock.flat(), D),
      tokens: sequences.reduce((n, ids) => n + ids.length, 0),
    };
  }

  /**
   * The seed's geometric target for this model (analysis/modulation/geometric.ts): similarity from the
   * static token embedding's cosine; each anchor's residual representation is the final-layer state of
   * the anchor token run alone (the seed: the encoder output of a text about the token).
   */
  async geometricTable(o: { seed: number; nAnchor?: number; nGeo?: number }): Promise<GeometricTableReport & { table: Float32Array }> {
    const emb = tokenEmbedding(this.stack);
    const D = this.dModel;
    const nAnchor = o.nAnchor ?? Math.min(3000, Math.floor(emb.vocab / 2));
    const nGeo = o.nGeo ?? Math.min(64, D, nAnchor - 1);
    const anchors = chooseAnchors(emb.vocab, nAnchor, o.seed);
    const zeros = new Array(this.nBlocks).fill(0);
    const dummy: ModulatorTarget = { kind: 'vector', data: new Float32Array(D) };
    const reps = new Float32Array(nAnchor * D);
    for (const [i, t] of anchors.entries()) reps.set(await this.finalStates([t], zeros, dummy), i * D);
    const g = geometricTarget(emb.data, emb.vocab, emb.dEmb, reps, D, { anchors, nGeo });
    return { table: g.table, anchors: g.anchors, nGeo, alignmentCos: g.projection.alignmentCos, residualScale: g.projection.residualScale, scale: g.projection.scale, embedding: emb.name };
  }

  async dispose(): Promise<void> {
    this.latest++;
    for (const s of this.sessions.values()) await s.then((x) => x.session.release(), () => undefined);
    this.sessions.clear();
    this.originalCache = null;
    await this.tapEngine?.dispose();
  }
}
