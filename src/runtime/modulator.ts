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
 *
 * The seed's Geometric Field Modulator (section 12) is the second modulation type: a `{ kind: 'field' }`
 * target puts its seeded experts before every block (src/onnx/field-surgery.ts) with `alphas[i]` as
 * block i's alpha for every expert (the seed's clamp [0.001, 0.35] applied, 0 = block left alone); one
 * field session per weight seed. Its result carries the health report and per-forward validity.
 */
import { ModelSession, type OrtModule } from './session';
import { CancelledError } from './jobs';
import { buildFeeds, type PlainFeed } from './feeds';
import { Engine, InputError } from './engine';
import { addModulator, type TargetKind } from '../onnx/intervene';
import { addTaps } from '../onnx/taps';
import { encodeModel } from '../onnx/proto';
import { hookFinalNorm, residPre } from '../model/hooks';
import type { PreparedModel } from '../model/prepared';
import { argmax } from '../analysis/logits';
import { sampleToken, seededRandom } from '../analysis/sampling';
import { tokenNorms } from '../analysis/norms';
import { modulationImpact } from '../analysis/modulation/impact';
import { tokenDifference } from '../analysis/modulation/token-diff';
import { pooledMean } from '../analysis/modulation/steering';
import { chooseAnchors, geometricTarget } from '../analysis/modulation/geometric';
import { meanRowNorm } from '../analysis/modulation/random';
import { addFieldModulator, FIELD_ALPHA, type FieldBlockOutputs } from '../onnx/field-surgery';
import { fieldConfig } from '../analysis/modulation/field/config';
import { initFieldParams, type FieldParams } from '../analysis/modulation/field/params';
import { fedFieldAlphas, fieldDiagNames, readFieldDiag, type FieldDiag } from './field-feeds';
import { cvCheck, type CvCheck } from '../analysis/modulation/field/health';
import { fieldReport, type FieldReport } from '../analysis/modulation/field/report';
import type { Continuation, FieldModulation, FinalStates, GeometricTableReport, ModulateRequest, Modulation, ModulationResult, ModulatorTarget } from './modulation-types';
import { tokenEmbedding } from './token-embedding';
import { checkAlphas, checkTarget } from './modulation-checks';
import { breather } from './breather';
import { teacherForcedLogits, type LabelledInput } from './teacher-forced';

export type { Continuation, FieldModulation, FinalStates, GeometricTableReport, ModulateRequest, Modulation, ModulationResult, ModulatorTarget } from './modulation-types';
export { tokenEmbedding } from './token-embedding';

interface ModSession {
  session: ModelSession;
  /** output carrying the final states [1, pos, d_model] */ final: string;
  /** output carrying the logits, null for an encoder */ logits: string | null;
  /** a field session: its weights, diagnostic outputs per block, and the CV check of the static embedding */
  field?: { params: FieldParams; diagnostics: FieldBlockOutputs[]; cv: CvCheck };
}

interface Run {
  continuation: Continuation;
  /** [pos, d_model] final states of the prompt */ final: Float32Array;
  /** field sessions: the diagnostics of the prompt's forward, per block */ diag?: FieldDiag[];
}

export class Modulator {
  private sessions = new Map<TargetKind, Promise<ModSession>>();
  private latest = 0;
  private originalCache: { key: string; run: Run } | null = null;
  private tapEngine: Engine | null = null;
  /** the field session of the newest weight seed (an older seed's session is released) */
  private fieldSession: { seed: number; s: Promise<ModSession> } | null = null;

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

  /** The session for a modulation: the lerp's per target kind, or the field's for its seed. */
  private sessionFor(t: Modulation): Promise<ModSession> {
    if (t.kind !== 'field') return this.session(t.kind);
    if (this.fieldSession?.seed !== t.seed) {
      const old = this.fieldSession;
      const s = this.createFieldSession(t.seed);
      this.fieldSession = { seed: t.seed, s };
      s.catch(() => {
        if (this.fieldSession?.s === s) this.fieldSession = null;
      });
      if (old) void old.s.then((x) => x.session.release(), () => undefined);
    }
    return this.fieldSession.s;
  }

  private async createFieldSession(seed: number): Promise<ModSession> {
    if (!Number.isInteger(seed)) throw new InputError(`the field modulator's seed must be a whole number, got ${seed}`);
    const stack = this.stack;
    if (!stack.structure) throw new InputError(`this model cannot be modulated: ${stack.structureError}`);
    const params = initFieldParams(fieldConfig(this.dModel, this.nBlocks), seed);
    const g = addFieldModulator(stack.graph, stack.structure, params);
    const { model, outputs } = addTaps(g.model, g.structure, [hookFinalNorm]);
    const session = await ModelSession.create(this.ort, encodeModel(model), this.engine.ep);
    const emb = tokenEmbedding(stack);
    return {
      session,
      final: outputs.get(hookFinalNorm)!,
      logits: stack === this.engine.model ? this.engine.model.logits : null,
      field: { params, diagnostics: g.diagnostics, cv: cvCheck(params, emb.data, emb.vocab, emb.dEmb) },
    };
  }

  private feeds(ids: readonly number[], alphas: readonly number[], target: Modulation, field?: FieldParams): Record<string, PlainFeed> {
    const S = ids.length;
    const D = this.dModel;
    const feeds = buildFeeds(this.stack.inputs, { ids });
    if (target.kind === 'field') {
      if (!field) throw new InputError('a field modulation needs its field session');
      feeds[FIELD_ALPHA] = { type: 'float32', data: fedFieldAlphas(field, alphas, target).alphas, dims: [this.nBlocks, field.experts.length] };
      return feeds;
    }
    feeds.modulator_alpha = { type: 'float32', data: Float32Array.from(alphas), dims: [alphas.length] };
    if (target.kind === 'table') feeds.modulator_table = { type: 'float32', data: target.data, dims: [target.data.length / D, D] };
    else if (target.kind === 'vector') feeds.modulator_target = { type: 'float32', data: target.data, dims: [D] };
    else feeds.modulator_target = { type: 'float32', data: target.data.subarray(0, S * D), dims: [1, S, D] };
    return feeds;
  }

  /**
   * Final-layer states [pos, d_model] of `ids` under the modulation (all alphas 0: the original). For a
   * decoder-only model the final-norm output, for T5 the encoder output.
   */
  async finalStates(ids: readonly number[], alphas: readonly number[], target: Modulation): Promise<Float32Array> {
    checkAlphas(alphas, this.nBlocks);
    checkTarget(target, this.dModel, this.engine.card.vocabSize, ids.length);
    const s = await this.sessionFor(target);
    return (await s.session.run(this.feeds(ids, alphas, target, s.field?.params), [s.final])).get(s.final)!.data;
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
      checkAlphas(req.alphas, this.nBlocks);
      if (!(Number.isInteger(req.maxNewTokens) && req.maxNewTokens >= 0)) throw new InputError(`maxNewTokens must be a non-negative integer, got ${req.maxNewTokens}`);
      const key = JSON.stringify([req.ids, req.maxNewTokens, req.temperature, req.seed ?? 0, req.topP ?? 1, req.decoderStartId ?? 0]);
      const zeros = new Array(req.alphas.length).fill(0);
      const originalCached = this.originalCache?.key === key;
      const original = originalCached ? this.originalCache!.run : await this.continue(req, zeros, check);
      if (!originalCached) this.originalCache = { key, run: original };
      // A field result reports its own forward's diagnostics, so it is always run (alpha 0 included).
      const modulated = req.alphas.every((a) => a === 0) && req.target.kind !== 'field' ? original : await this.continue(req, req.alphas, check);
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
        ...(req.target.kind === 'field' ? { field: await this.report(req.target, req.alphas, modulated) } : {}),
      };
    } finally {
      this.engine.jobs.done(jobId);
    }
  }

  private async report(t: FieldModulation, alphas: readonly number[], run: Run): Promise<FieldReport> {
    const f = (await this.sessionFor(t)).field!;
    const fed = fedFieldAlphas(f.params, alphas, t);
    return fieldReport(f.params, fed.alphas, fed.clamped, run.diag ?? [], f.cv);
  }

  /** One continuation under `alphas`; `check` runs between decode steps. */
  private async continue(req: ModulateRequest, alphas: readonly number[], check: () => void): Promise<Run> {
    const tk = this.engine.model.tokenizer;
    const rand = seededRandom(req.seed ?? 0);
    const pick = (row: Float32Array) => (req.temperature > 0 ? sampleToken(row, req.temperature, rand, req.topP ?? 1) : argmax(row));
    const s = await this.sessionFor(req.target);
    const fp = s.field?.params;
    const encoder = !!this.engine.model.encoder;
    const maxLen = this.engine.card.maxSeqLen;
    const stopIds = new Set(tk ? (encoder ? [tk.eosId] : [tk.bosId, tk.eosId]) : []);
    const generated: number[] = [];
    let stoppedBy: Continuation['stoppedBy'] = 'max_new_tokens';
    let final: Float32Array;
    let diag: Run['diag'];

    if (!encoder) {
      const seq = [...req.ids];
      checkTarget(req.target, this.dModel, this.engine.card.vocabSize, req.target.kind === 'positions' ? Math.min(seq.length + req.maxNewTokens - 1, maxLen) : seq.length);
      const logitsName = s.logits;
      if (!logitsName) throw new InputError('this graph has no logits output: it can be measured, not generated from');
      const first = await s.session.run(this.feeds(seq, alphas, req.target, fp), [logitsName, s.final, ...fieldDiagNames(s.field)]);
      final = first.get(s.final)!.data;
      diag = readFieldDiag(s.field, first);
      let logits = first.get(logitsName)!;
      for (let step = 0; step < req.maxNewTokens; step++) {
        if (step > 0) {
          check();
          if (seq.length >= maxLen) {
            stoppedBy = 'context';
            break;
          }
          logits = (await s.session.run(this.feeds(seq, alphas, req.target, fp), [logitsName])).get(logitsName)!;
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
      checkTarget(req.target, this.dModel, this.engine.card.vocabSize, req.ids.length);
      const enc = await s.session.run(this.feeds(req.ids, alphas, req.target, fp), [s.final, ...fieldDiagNames(s.field)]);
      final = enc.get(s.final)!.data;
      diag = readFieldDiag(s.field, enc);
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
    return { continuation: { ids: generated, pieces: generated.map(piece), text, stoppedBy }, final, diag };
  }

  /** Let queued messages in between decode steps, at most every 8 ms (runtime/breather.ts). */
  private readonly breathe = breather();

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
    await this.fieldSession?.s.then((x) => x.session.release(), () => undefined);
    this.fieldSession = null;
    this.originalCache = null;
    await this.tapEngine?.dispose();
  }

  /**
   * Last-position logits [batch, vocab] (row b: the logits after seqs[b]'s last token) under `alphas`
   * and `target`, decoder-only models: what the alpha training's loss reads (runtime/train-alpha.ts).
   * One run per sequence on the target kind's session: the sequences differ in length and the graph
   * takes no padding mask, so batching would change the numbers.
   */
  async lastLogits(seqs: readonly (readonly number[])[], alphas: readonly number[], target: ModulatorTarget): Promise<Float32Array> {
    if (this.engine.model.encoder) throw new InputError('last-position logits of the modulated stack need a decoder-only model (T5: the encoder has no logits)');
    checkAlphas(alphas, this.nBlocks);
    const s = await this.session(target.kind);
    if (!s.logits) throw new InputError('this graph has no logits output');
    const V = this.engine.card.vocabSize;
    const out = new Float32Array(seqs.length * V);
    for (const [b, ids] of seqs.entries()) {
      this.engine.checkIds(ids);
      checkTarget(target, this.dModel, this.engine.card.vocabSize, ids.length);
      const lg = (await s.session.run(this.feeds(ids, alphas, target), [s.logits])).get(s.logits)!;
      const Vg = lg.dims[lg.dims.length - 1];
      if (Vg !== V) throw new InputError(`the graph's logits have ${Vg} columns, the card says vocab ${V}`);
      out.set(lg.data.subarray((ids.length - 1) * V, ids.length * V), b * V);
    }
    return out;
  }

  /**
   * T5: per example the decoder's logits [labels, vocab], teacher-forced on [decoderStartId, labels[:-1]]
   * over the encoder output under `alphas` and `target` (runtime/teacher-forced.ts): the alpha training's T5 loss.
   */
  labelLogits(examples: readonly LabelledInput[], alphas: readonly number[], target: ModulatorTarget, decoderStartId = 0): Promise<Float32Array[]> {
    return teacherForcedLogits(this.engine, (ids) => this.finalStates(ids, alphas, target), examples, decoderStartId);
  }
}
