/**
 * The engine interface every front end uses: the model worker exposes a Lab over Comlink,
 * the CLI and the tests run one in-thread. A Lab loads one model at a time.
 */
import { Engine } from './engine';
import { decideEp, type AdapterFacts, type EpChoice, type EpDecision } from './ep';
import { CancelledError, yieldToEvents, type ProgressFn } from './jobs';
import type { OrtModule, ExecutionProvider } from './session';
import type { Measurement, Generation } from './results';
import { readSourceFiles, type FileAccess } from '../model/sources';
import { prepareLlama2c } from '../model/llama2c/load';
import { digest, type FileDigest, type NamedBytes, type PreparedModel } from '../model/prepared';
import type { ArchitectureCard } from '../model/card';
import { tapTensors } from '../onnx/taps';
import { gainHooks, type HookName } from '../model/hooks';
import { HUB_BASE_URL, type ExperimentSpec, type ModelSource } from '../io/spec';
import { buildManifest, RESULTS_FORMAT, type PromptResult, type ResultsFile } from '../io/results';

export interface LabPlatform {
  name: string;
  onnxruntimeVersion: string;
  appVersion: string;
  /** facts of the WebGPU adapter, or null where there is none (Node) */
  adapter(): Promise<{ facts: AdapterFacts | null; error?: string }>;
  /** the provider used when no GPU path exists (wasm in browsers, cpu in Node) */
  cpuEp: ExecutionProvider;
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

function prepare(source: ModelSource, files: NamedBytes[]): PreparedModel {
  switch (source.kind) {
    case 'llama2c':
      return prepareLlama2c(files[0], files[1]);
  }
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
      const files = await readSourceFiles(req.source, io, onProgress, abort.signal);
      check();
      onProgress?.({ stage: 'parse', message: 'reading the checkpoint and building the ONNX graph' });
      await yieldToEvents();
      const prepared = prepare(req.source, files);
      const digests = await Promise.all(files.map(digest));
      check();
      const bytes = files.reduce((s, f) => s + f.bytes.byteLength, 0);
      const adapter = req.ep === 'wasm' ? { facts: null } : await this.platform.adapter();
      let ep = decideEp(req.ep, adapter.facts, bytes, adapter.error);
      if (ep.ep === 'wasm') ep = { ...ep, ep: this.platform.cpuEp };
      const engine = new Engine(this.ort, prepared, ep.ep, this.platform.capturePlacement);
      onProgress?.({ stage: 'session', message: `creating the ${ep.ep} session` });
      await yieldToEvents();
      check();
      await engine.session([]);
      const observed = await this.platform.confirmEp?.(ep.ep, engine.placements);
      if (observed) ep = { ...ep, reason: `${ep.reason}; ${observed}` };
      check();
      await this.engine?.dispose();
      this.engine = engine;
      this.info = {
        source: req.source,
        files: digests,
        card: prepared.card,
        ep,
        placements: engine.placements,
        taps: [...tapTensors(prepared.structure)].map(([hook, tensor]) => ({ hook, tensor })),
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
    const tk = this.need().model.tokenizer;
    const ids = tk.encode(text);
    return { ids, tokens: ids.map((i) => tk.piece(i)) };
  }

  async measure(prompt: string, topK = 10, jobId?: string): Promise<Measurement> {
    const e = this.need();
    if (prompt.length === 0) throw new Error('the prompt is empty: type some text to measure');
    const m = await e.measure(e.model.tokenizer.encode(prompt), { prompt, topK });
    // One forward pass cannot be interrupted; a cancel during it discards the result.
    e.jobs.check(jobId, 'measurement');
    return m;
  }

  async measureIds(ids: number[], topK = 10): Promise<Measurement> {
    return this.need().measure(ids, { prompt: null, topK });
  }

  async generate(
    req: { prompt: string; maxNewTokens: number; temperature: number; seed?: number; topP?: number },
    onToken?: (text: string) => void,
    jobId?: string,
  ): Promise<Generation> {
    const e = this.need();
    const tk = e.model.tokenizer;
    const ids = tk.encode(req.prompt);
    return e.generate({ ...req, ids }, onToken ? (_id, text) => onToken(text) : undefined, jobId);
  }

  /** Run a whole spec on the loaded model (load it first with spec.model). */
  async runSpec(spec: ExperimentSpec, onProgress?: ProgressFn, jobId?: string): Promise<ResultsFile> {
    const e = this.need();
    const info = this.info!;
    const results: PromptResult[] = [];
    for (const [i, prompt] of spec.prompts.entries()) {
      e.jobs.check(jobId, 'run');
      onProgress?.({ stage: 'measure', message: `prompt ${i + 1} of ${spec.prompts.length}`, fraction: i / spec.prompts.length });
      const r: PromptResult = { prompt, measurement: await this.measure(prompt, spec.measure.topK) };
      if (spec.measure.generate) r.generation = await this.generate({ prompt, ...spec.measure.generate }, undefined, jobId);
      results.push(r);
    }
    e.jobs.done(jobId);
    return { format: RESULTS_FORMAT, manifest: this.manifest(info), spec, results };
  }

  manifest(info = this.info!) {
    return buildManifest({
      appVersion: info.appVersion,
      source: info.source,
      files: info.files,
      card: info.card,
      ep: info.ep,
      onnxruntime: info.onnxruntime,
      platform: info.platform,
    });
  }

  /**
   * Forward latency at `seqLen` tokens, with every gain tap or with logits only: one warm-up run,
   * then `repeats` timed runs (ms each). For `npm run bench`; nothing asserts on it.
   */
  async benchForward(seqLen: number, taps: boolean, repeats: number): Promise<number[]> {
    const e = this.need();
    const ids = Array.from({ length: seqLen }, (_, i) => (i === 0 ? e.model.tokenizer.bosId : 3 + ((i * 37) % (e.card.vocabSize - 3))));
    const hooks = taps ? gainHooks(e.card.nLayers) : [];
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
    this.engine = null;
    this.info = null;
  }
}
