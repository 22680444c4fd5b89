/**
 * The engine interface every front end uses: the model worker exposes a Lab over Comlink,
 * the CLI and the tests run one in-thread. A Lab loads one model at a time.
 */
import { Engine } from './engine';
import { prepare, weightFacts } from './prepare-source';
import { decideEp, type AdapterFacts, type EpChoice, type EpDecision } from './ep';
import { CancelledError, yieldToEvents, type ProgressFn } from './jobs';
import type { OrtModule, ExecutionProvider } from './session';
import type { Measurement, Generation, TapReport } from './results';
import { tokenNorms } from '../analysis/norms';
import { preflight } from './preflight';
import type { FileAccess } from '../model/sources';
import { digest, type FileDigest } from '../model/prepared';
import type { ArchitectureCard } from '../model/card';
import { tapTensors } from '../onnx/taps';
import { boundaryHooks, gainHooks, hookFinalNorm, type HookName } from '../model/hooks';
import { HUB_BASE_URL, type ExperimentSpec, type ModelSource } from '../io/spec';
import { manifestFor, RESULTS_FORMAT, type PromptResult, type ResultsFile } from '../io/results';
import { weightCatalog, type WeightCatalog, type WeightEntry } from '../model/weights/extract';
import { Modulator, type GeometricTableReport, type ModulateRequest, type ModulationResult } from './modulator';
import { modulatorTrainable, trainAlpha, type AlphaTrainable, type TrainAlphaOptions, type TrainAlphaProgress, type TrainAlphaResult } from './train-alpha';
import type { WordNet } from '../analysis/wordnet/wordnet';

/** A catalog without its values: what crosses to the UI and the analysis worker. */
export interface WeightListing {
  layout: string;
  notes: string[];
  card: ArchitectureCard;
  entries: Omit<WeightEntry, 'read'>[];
}

export interface LabPlatform {
  name: string;
  onnxruntimeVersion: string;
  appVersion: string;
  /** facts of the WebGPU adapter, or null where there is none (Node) */
  adapter(): Promise<{ facts: AdapterFacts | null; error?: string }>;
  /** the provider used when no GPU path exists (wasm in browsers, cpu in Node) */
  cpuEp: ExecutionProvider;
  /** navigator.deviceMemory (GiB, coarse) where the platform reports it */
  deviceMemoryGiB?: number;
  /** read onnxruntime's node-placement log when creating the first session */
  capturePlacement?: boolean;
  /** after a session was created on `ep`, confirm it really runs there (throws otherwise) */
  confirmEp?(ep: ExecutionProvider, placements: Record<string, number> | null): Promise<string | undefined>;
}

export interface ModelInfo {
  source: ModelSource;
  files: FileDigest[];
  card: ArchitectureCard;
  ep: EpDecision;
  /** nodes per execution provider, from onnxruntime's placement log (browser), else null */
  placements: Record<string, number> | null;
  /** why there are no taps (the surgery's message), or null */
  structureError: string | null;
  /** card facts that disagree with the graph */
  warnings: string[];
  /** false for models that take token ids only */
  hasTokenizer: boolean;
  /** false for graphs without logits (an encoder) */
  logitsAvailable: boolean;
  /** tap points this model exposes, with the graph tensor behind each */
  taps: { hook: HookName; tensor: string }[];
  loadMs: number;
  onnxruntime: string;
  platform: string;
  appVersion: string;
}

export interface LoadRequest {
  source: ModelSource;
  ep: EpChoice;
  hubBaseUrl?: string;
}

export class PreflightError extends Error {
  override name = 'PreflightError';
}

export class Lab {
  private engine: Engine | null = null;
  private info: ModelInfo | null = null;
  private aborts = new Map<string, AbortController>();

  constructor(
    private readonly ort: OrtModule,
    private readonly platform: LabPlatform,
    private readonly readLocal: FileAccess['readLocal'],
  ) {}

  async probe(): Promise<{ adapter: AdapterFacts | null; error?: string; onnxruntime: string; platform: string }> {
    const a = await this.platform.adapter();
    return { adapter: a.facts, error: a.error, onnxruntime: this.platform.onnxruntimeVersion, platform: this.platform.name };
  }

  /** Load a model; a failed or cancelled load keeps the previously loaded model. */
  async load(req: LoadRequest, onProgress?: ProgressFn, jobId?: string): Promise<ModelInfo> {
    const t0 = performance.now();
    const abort = new AbortController();
    if (jobId) this.aborts.set(jobId, abort);
    const check = () => {
      if (abort.signal.aborted) throw new CancelledError('loading');
    };
    try {
      const io: FileAccess = { hubBaseUrl: req.hubBaseUrl ?? HUB_BASE_URL, readLocal: this.readLocal };
      const { prepared, files } = await prepare(req.source, io, onProgress, abort.signal);
      const digests = await Promise.all(files.map(digest));
      check();
      const bytes = files.reduce((s, f) => s + f.bytes.byteLength, 0);
      const adapter = req.ep === 'wasm' ? { facts: null } : await this.platform.adapter();
      let ep = decideEp(req.ep, adapter.facts, bytes, adapter.error);
      if (ep.ep === 'wasm') ep = { ...ep, ep: this.platform.cpuEp };
      const pf = preflight(weightFacts(prepared.graph), ep.ep, ep.ep === 'webgpu' ? adapter.facts : null, this.platform.deviceMemoryGiB);
      if (!pf.ok) throw new PreflightError(`memory pre-flight refused to load on ${ep.ep}: ${pf.message}`);
      if (pf.message) prepared.warnings.push(pf.message);
      const engine = new Engine(this.ort, prepared, ep.ep, this.platform.capturePlacement);
      onProgress?.({ stage: 'session', message: `creating the ${ep.ep} session` });
      await yieldToEvents();
      check();
      await engine.session([]);
      const observed = await this.platform.confirmEp?.(ep.ep, engine.placements);
      if (observed) ep = { ...ep, reason: `${ep.reason}; ${observed}` };
      check();
      await this.engine?.dispose();
      await this.releaseModulator();
      this.engine = engine;
      this.info = {
        source: req.source,
        files: digests,
        card: prepared.card,
        ep,
        placements: engine.placements,
        taps: prepared.structure ? [...tapTensors(prepared.structure)].map(([hook, tensor]) => ({ hook, tensor })) : [],
        structureError: prepared.structureError,
        warnings: prepared.warnings,
        hasTokenizer: prepared.tokenizer !== null,
        logitsAvailable: prepared.logits !== null,
        loadMs: performance.now() - t0,
        onnxruntime: this.platform.onnxruntimeVersion,
        platform: this.platform.name,
        appVersion: this.platform.appVersion,
      };
      onProgress?.({ stage: 'done', message: 'model loaded', fraction: 1 });
      return this.info;
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw new CancelledError('loading');
      throw e;
    } finally {
      if (jobId) this.aborts.delete(jobId);
    }
  }

  cancel(jobId: string): void {
    this.aborts.get(jobId)?.abort();
    this.engine?.jobs.cancel(jobId);
  }

  private need(): Engine {
    if (!this.engine) throw new Error('no model is loaded: load one first');
    return this.engine;
  }

  modelInfo(): ModelInfo | null {
    return this.info;
  }

  tokenize(text: string): { ids: number[]; tokens: string[] } {
    const tk = this.need().tokenizer;
    const ids = tk.encode(text);
    return { ids, tokens: ids.map((i) => tk.piece(i)) };
  }

  async measure(prompt: string, topK = 10, jobId?: string): Promise<Measurement> {
    const e = this.need();
    if (prompt.length === 0) throw new Error('the prompt is empty: type some text to measure');
    const m = await e.measure(e.tokenizer.encode(prompt), { prompt, topK });
    // One forward pass cannot be interrupted; a cancel during it discards the result.
    e.jobs.check(jobId, 'measurement');
    return m;
  }

  /** Measure token ids; for an encoder-decoder model `ids` feed the decoder and `encoderIds` the encoder. */
  async measureIds(ids: number[], topK = 10, encoderIds?: number[]): Promise<Measurement> {
    return this.need().measure(ids, { prompt: null, topK, encoderIds });
  }

  /**
   * Every tap point (or those named) for one sequence: per-token L2 norms and the last-token vector,
   * keyed by hook name. Text goes through the model's tokenizer; models without one take ids.
   */
  async taps(input: { prompt: string } | { ids: number[]; encoderIds?: number[] }, hooks?: HookName[]): Promise<TapReport> {
    const e = this.need();
    const ids = 'ids' in input ? input.ids : e.tokenizer.encode(input.prompt);
    const names = hooks ?? (this.info?.taps.map((t) => t.hook).filter((h) => h !== 'logits') as HookName[]);
    const fwd = await e.forward(ids, names, 'encoderIds' in input ? input.encoderIds : undefined);
    const D = fwd.dModel;
    const S = fwd.seqLen;
    const out: TapReport = { ids, taps: {} };
    for (const [h, x] of fwd.taps) out.taps[h] = { norms: Array.from(tokenNorms(x, S, D)), lastToken: Array.from(x.subarray((S - 1) * D, S * D)) };
    return out;
  }

  async generate(
    req: { prompt: string; maxNewTokens: number; temperature: number; seed?: number; topP?: number },
    onToken?: (text: string) => void,
    jobId?: string,
  ): Promise<Generation> {
    const e = this.need();
    const ids = e.tokenizer.encode(req.prompt);
    return e.generate({ ...req, ids }, onToken ? (_id, text) => onToken(text) : undefined, jobId);
  }

  /** Generation from token ids (models without a tokenizer). */
  async generateIds(
    req: { ids: number[]; maxNewTokens: number; temperature: number; seed?: number; topP?: number },
    onToken?: (text: string) => void,
    jobId?: string,
  ): Promise<Generation> {
    return this.need().generate(req, onToken ? (_id, text) => onToken(text) : undefined, jobId);
  }

  /** Run a whole spec on the loaded model (load it first with spec.model). */
  async runSpec(spec: ExperimentSpec, onProgress?: ProgressFn, jobId?: string): Promise<ResultsFile> {
    const e = this.need();
    const info = this.info!;
    const results: PromptResult[] = [];
    const inputs: ({ prompt: string } | { ids: number[] })[] = [...(spec.prompts ?? []).map((prompt) => ({ prompt })), ...(spec.ids ?? []).map((ids) => ({ ids }))];
    for (const [i, input] of inputs.entries()) {
      e.jobs.check(jobId, 'run');
      onProgress?.({ stage: 'measure', message: `input ${i + 1} of ${inputs.length}`, fraction: i / inputs.length });
      if ('prompt' in input) {
        const r: PromptResult = { prompt: input.prompt, measurement: await this.measure(input.prompt, spec.measure.topK) };
        if (spec.measure.generate) r.generation = await this.generate({ prompt: input.prompt, ...spec.measure.generate }, undefined, jobId);
        results.push(r);
      } else results.push({ prompt: null, measurement: await this.measureIds(input.ids, spec.measure.topK) });
    }
    e.jobs.done(jobId);
    return { format: RESULTS_FORMAT, manifest: this.manifest(info), spec, results };
  }

  manifest(info = this.info!) {
    return manifestFor(info);
  }

  /**
   * Forward latency at `seqLen` tokens, with every gain tap or with logits only: one warm-up run,
   * then `repeats` timed runs (ms each). For `npm run bench`; nothing asserts on it.
   */
  async benchForward(seqLen: number, taps: boolean, repeats: number): Promise<number[]> {
    const e = this.need();
    const ids = Array.from({ length: seqLen }, (_, i) => 3 + ((i * 37) % (e.card.vocabSize - 3)));
    const hooks = taps ? gainHooks(e.nBlocks) : [];
    await e.forward(ids, hooks);
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      await e.forward(ids, hooks);
      times.push(performance.now() - t0);
    }
    return times;
  }

  async unload(): Promise<void> {
    await this.engine?.dispose();
    await this.releaseModulator();
    this.engine = null;
    this.info = null;
    this.catalog = null;
  }

  private catalog: { engine: Engine; catalog: WeightCatalog } | null = null;

  private weightsOf(): WeightCatalog {
    const e = this.need();
    if (this.catalog?.engine !== e) {
      const m = e.model;
      const graphs = [{ model: m.graph }, ...(m.encoder ? [{ model: m.encoder.graph, prefix: 'encoder.' }] : [])];
      this.catalog = { engine: e, catalog: weightCatalog(graphs, m.card) };
    }
    return this.catalog.catalog;
  }

  /**
   * The residual stream at every block boundary (resid_pre(0..L-1), resid_post(L-1)) and the final
   * norm's output (HF's last hidden state) for one sequence: each [seqLen, d_model] row-major.
   */
  async residualStates(input: { prompt: string } | { ids: number[] }): Promise<{ ids: number[]; seqLen: number; dModel: number; hooks: HookName[]; states: Float32Array[] }> {
    const e = this.need();
    const ids = 'ids' in input ? input.ids : e.tokenizer.encode(input.prompt);
    const hooks: HookName[] = [...boundaryHooks(e.model.card.nLayers), hookFinalNorm];
    const fwd = await e.forward(ids, hooks);
    return { ids, seqLen: fwd.seqLen, dModel: fwd.dModel, hooks, states: hooks.map((h) => fwd.taps.get(h)!) };
  }

  /** Display strings of token ids (token axes, vocabulary lookups of the embedding battery). */
  pieces(ids?: number[]): string[] {
    const tk = this.need().tokenizer;
    return (ids ?? Array.from({ length: tk.vocabSize }, (_, i) => i)).map((i) => tk.piece(i));
  }

  /** The loaded model's weight catalog (names, shapes, where each lives), without reading any values. */
  weightList(): WeightListing {
    const c = this.weightsOf();
    return { layout: c.layout, notes: c.notes, card: this.need().model.card, entries: c.entries.map(({ read: _read, ...info }) => info) };
  }

  /** One catalog weight's values, [rows, cols] row-major ([cols] for a norm vector). */
  weight(name: string): Float32Array {
    const e = this.weightsOf().entries.find((x) => x.name === name);
    if (!e) throw new Error(`no weight named '${name}' in this model's catalog`);
    return e.read();
  }

  private modulatorOf: { engine: Engine; modulator: Modulator } | null = null;

  /** The loaded model's Modulator (its modulated sessions live until the model changes). */
  private modulator(): Modulator {
    const e = this.need();
    if (this.modulatorOf?.engine !== e) {
      void this.modulatorOf?.modulator.dispose();
      this.modulatorOf = { engine: e, modulator: new Modulator(this.ort, e) };
    }
    return this.modulatorOf.modulator;
  }

  private async releaseModulator(): Promise<void> {
    await this.modulatorOf?.modulator.dispose();
    this.modulatorOf = null;
  }

  /**
   * Original and modulated continuations side by side with the seed's impact measures (see
   * runtime/modulator.ts). A newer call cancels the one in flight (it rejects with CancelledError).
   */
  async modulate(req: ModulateRequest, jobId?: string): Promise<ModulationResult> {
    return this.modulator().run(req, jobId);
  }

  /** Final-layer states [pos, d_model] of `ids` under the modulation (T5: the encoder output). */
  async modulatedStates(ids: number[], alphas: number[], target: ModulateRequest['target']): Promise<Float32Array> {
    return this.modulator().finalStates(ids, alphas, target);
  }

  /**
   * The modulated stack's residual stream entering `blocks` over every token of `sequences`: the mean
   * vector per block (for steering targets) and the mean L2 norm (the scale of a random target).
   */
  async residualStats(sequences: number[][], blocks: number[]): Promise<{ means: Float32Array[]; meanNorm: number; tokens: number }> {
    return this.modulator().residualStats(sequences, blocks);
  }

  /** The seed's geometric per-token target table [vocab, d_model] for the loaded model (see runtime/modulator.ts). */
  async geometricTarget(o: { seed: number; nAnchor?: number; nGeo?: number }): Promise<GeometricTableReport & { table: Float32Array }> {
    return this.modulator().geometricTable(o);
  }

  /** Blocks of the modulated stack (the length of the alphas) and the target dimensions. */
  modulatorShape(): { nBlocks: number; dModel: number; vocabSize: number; stack: 'decoder-only' | 'encoder' } {
    const m = this.modulator();
    return { nBlocks: m.nBlocks, dModel: m.dModel, vocabSize: this.need().card.vocabSize, stack: this.need().model.encoder ? 'encoder' : 'decoder-only' };
  }

  /** The loaded model as the alpha training sees it: decoder-only, or T5 with its encoder modulated (runtime/train-alpha.ts). */
  alphaTrainable(): AlphaTrainable {
    this.need();
    return modulatorTrainable(this.modulator());
  }

  /**
   * Train the modulator's per-layer alpha on WordNet's definition -> lemma task with the model frozen
   * (runtime/train-alpha.ts). cancel(jobId) stops it between forwards (CancelledError).
   */
  async trainAlpha(wn: WordNet, opts: Omit<TrainAlphaOptions, 'signal' | 'onProgress'> = {}, onProgress?: (p: TrainAlphaProgress) => void, jobId?: string): Promise<TrainAlphaResult> {
    // A cancel that arrived before this call (while the worker fetched WordNet) is in the engine's jobs.
    this.need().jobs.check(jobId, 'alpha training');
    const abort = new AbortController();
    if (jobId) this.aborts.set(jobId, abort);
    try {
      return await trainAlpha(this.alphaTrainable(), wn, { ...opts, signal: abort.signal, onProgress });
    } finally {
      if (jobId) this.aborts.delete(jobId);
      this.engine?.jobs.done(jobId);
    }
  }
}
