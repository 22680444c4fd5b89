/**
 * Main-thread handle on the analysis worker. On first use it starts the worker and wires it to
 * the model worker with a MessageChannel: one port served by the model worker (exposeWeights),
 * the other read by the analysis worker (connect), so weights never pass through the page.
 */
import * as Comlink from 'comlink';
import type { AnalysisWorkerApi } from '../../workers/analysis.worker';
import { lab } from './client';

export type RemoteAnalysis = Comlink.Remote<AnalysisWorkerApi>;

let worker: Worker | null = null;
let connected: Promise<RemoteAnalysis> | null = null;

/** The analysis worker, once it is connected to the model worker. */
export function analysis(): Promise<RemoteAnalysis> {
  if (!connected) {
    worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
    const remote = Comlink.wrap<AnalysisWorkerApi>(worker);
    const { port1, port2 } = new MessageChannel();
    connected = Promise.all([lab().exposeWeights(Comlink.transfer(port1, [port1])), remote.connect(Comlink.transfer(port2, [port2]))]).then(() => remote);
    // A failed start is not cached: the next call tries again.
    connected.catch(() => {
      worker?.terminate();
      worker = null;
      connected = null;
    });
  }
  return connected;
}

/** Called when the analysis worker fails (it could not start, or it crashed); returns the unsubscribe. */
export function onAnalysisWorkerError(cb: (message: string) => void): () => void {
  const w = worker;
  if (!w) return () => {};
  const handler = (e: ErrorEvent | MessageEvent) => cb('message' in e && typeof e.message === 'string' && e.message ? e.message : 'the analysis worker failed to start or crashed');
  w.addEventListener('error', handler);
  w.addEventListener('messageerror', handler);
  return () => {
    w.removeEventListener('error', handler);
    w.removeEventListener('messageerror', handler);
  };
}

export { Comlink };
