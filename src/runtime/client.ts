/**
 * Main-thread handle on the model worker. The UI sees only this remote interface; callbacks
 * cross as Comlink proxies. Each long job gets an id so it can be cancelled.
 */
import * as Comlink from 'comlink';
import type { ModelWorkerApi } from '../../workers/model.worker';

export type RemoteLab = Comlink.Remote<ModelWorkerApi>;

let worker: Worker | null = null;
let remote: RemoteLab | null = null;

export function lab(): RemoteLab {
  if (!remote) {
    worker = new Worker(new URL('../../workers/model.worker.ts', import.meta.url), { type: 'module', name: 'model' });
    remote = Comlink.wrap<ModelWorkerApi>(worker);
    // `?expose` hands the remote to scripts (the benchmark); the UI never reads it.
    if (typeof location !== 'undefined' && new URLSearchParams(location.search).has('expose')) {
      (globalThis as { residualLab?: RemoteLab }).residualLab = remote;
    }
  }
  return remote;
}

/** Called when the worker itself fails (it could not start, or it crashed); the UI reports it at once. */
export function onWorkerError(cb: (message: string) => void): () => void {
  lab();
  const handler = (e: ErrorEvent | MessageEvent) => cb('message' in e && e.message ? e.message : 'the model worker failed to start or crashed');
  worker!.addEventListener('error', handler);
  worker!.addEventListener('messageerror', handler);
  return () => {
    worker?.removeEventListener('error', handler);
    worker?.removeEventListener('messageerror', handler);
  };
}

let jobCounter = 0;
export const newJobId = (kind: string): string => `${kind}-${++jobCounter}`;

export { Comlink };

if (typeof location !== 'undefined' && new URLSearchParams(location.search).has('expose')) lab();
