/**
 * The one module that owns onnxruntime: session creation on a chosen execution provider,
 * runs serialised per session, output tensors copied out and released. The onnxruntime
 * package is injected (onnxruntime-web in the worker, onnxruntime-node in the CLI and tests),
 * so the same engine runs in both.
 */
import type { InferenceSession, Tensor, Env } from 'onnxruntime-common';
import type { PlainFeed } from './feeds';

export interface OrtModule {
  InferenceSession: typeof InferenceSession;
  Tensor: typeof Tensor;
  env: Env;
}

/** The execution provider a session runs on, as observed (not as requested). */
export type ExecutionProvider = 'webgpu' | 'wasm' | 'cpu';

export interface OutputTensor {
  /** row-major data */ data: Float32Array;
  dims: number[];
}

export class ModelSession {
  private queue: Promise<unknown> = Promise.resolve();
  private released = false;

  private constructor(
    private readonly ort: OrtModule,
    private readonly session: InferenceSession,
    readonly ep: ExecutionProvider,
  ) {}

  /** Nodes per execution provider, read from onnxruntime's own placement log (when captured). */
  placements: Record<string, number> | null = null;

  /**
   * Create a session on `ep`. With `capturePlacement`, onnxruntime's verbose log of this creation
   * is read to count the nodes it placed on each provider: what ran, not what was asked for.
   */
  static async create(ort: OrtModule, bytes: Uint8Array, ep: ExecutionProvider, capturePlacement = false): Promise<ModelSession> {
    const placements: Record<string, number> = {};
    const restore = capturePlacement ? captureConsole((line) => {
      const m = /(?:Node\(s\)|All nodes) placed on \[(\w+)\]\. Number of nodes: (\d+)/.exec(line);
      if (m) placements[m[1]] = Number(m[2]);
    }) : () => undefined;
    let session: InferenceSession;
    try {
      session = await ort.InferenceSession.create(bytes, {
        executionProviders: [ep],
        graphOptimizationLevel: 'all',
        logSeverityLevel: capturePlacement ? 0 : 3,
        logVerbosityLevel: 0,
      });
    } finally {
      restore();
    }
    const s = new ModelSession(ort, session, ep);
    if (capturePlacement) s.placements = placements;
    return s;
  }

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  /** Run with plain feeds (see feeds.ts); returns the requested float outputs, copied out of onnxruntime. */
  run(feeds: Record<string, PlainFeed>, outputs: readonly string[]): Promise<Map<string, OutputTensor>> {
    const job = this.queue.then(() => this.runNow(feeds, outputs));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async runNow(plain: Record<string, PlainFeed>, outputs: readonly string[]): Promise<Map<string, OutputTensor>> {
    if (this.released) throw new Error('the model session was released');
    const feeds: Record<string, Tensor> = {};
    for (const [name, f] of Object.entries(plain)) feeds[name] = new this.ort.Tensor(f.type, f.data, f.dims);
    const result = await this.session.run(feeds, outputs as string[], { logSeverityLevel: 3 });
    const out = new Map<string, OutputTensor>();
    try {
      for (const name of outputs) {
        const t = result[name];
        if (!t || t.type !== 'float32') throw new Error(`output '${name}' is missing or not float32`);
        // getData copies from GPU buffers when the output lives on the device.
        const data = (await t.getData()) as Float32Array;
        out.set(name, { data: new Float32Array(data), dims: t.dims.slice() });
      }
    } finally {
      for (const t of Object.values(result)) t.dispose();
      for (const t of Object.values(feeds)) t.dispose();
    }
    return out;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.queue;
    await this.session.release();
  }
}

/**
 * onnxruntime-web's WASM module binds console.log once, at its start; to read its log we put a
 * dispatcher in place before that (installConsoleTap, from the worker) and point it at a sink
 * while a session is created. Its verbose and info lines are dropped when nobody listens.
 */
let sink: ((line: string) => void) | null = null;

export function installConsoleTap(): void {
  const c = console as Console & { __residualLabTap?: boolean };
  if (c.__residualLabTap) return;
  c.__residualLabTap = true;
  let inShaderDump = false; // the WebGPU EP dumps each kernel's WGSL at verbose level
  for (const k of ['log', 'info', 'debug', 'warn', 'error'] as const) {
    const original = console[k].bind(console);
    console[k] = (...args: unknown[]) => {
      const line = args.map(String).join(' ');
      if (line.startsWith('=== WebGPU Shader code')) inShaderDump = !line.includes('End ===');
      else if (!inShaderDump && line.trim() !== '') {
        const ort = /\[[VIW]:onnxruntime/.test(line);
        if (sink && ort) sink(line);
        // Verbose and info chatter is dropped; warnings are shown unless a capture is reading them.
        else if (!ort || line.includes('[W:')) original(...args);
      }
    };
  }
}

function captureConsole(s: (line: string) => void): () => void {
  sink = s;
  return () => {
    sink = null;
  };
}
