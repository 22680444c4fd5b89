/** Fetch model files: from the Hugging Face Hub (with progress and cancel) or from local files. */
import { fileRefLabel, type FileRef, type HfSource, type HubFile, type ModelSource } from '../io/spec';
import type { NamedBytes } from './prepared';
import type { ProgressFn } from '../runtime/jobs';
import { cacheGet, cachePut } from './cache';

export class SourceError extends Error {
  override name = 'SourceError';
}

/** A file that is not there (HTTP 404, no such local file): optional files are skipped on it. */
export class NotFoundError extends SourceError {
  override name = 'NotFoundError';
}

export function hubUrl(base: string, f: HubFile): string {
  const path = f.path.split('/').map(encodeURIComponent).join('/');
  return `${base.replace(/\/+$/, '')}/${f.repo}/resolve/${encodeURIComponent(f.revision)}/${path}`;
}

/** Download with byte progress, rate and time left; `signal` aborts the transfer. */
export async function fetchWithProgress(url: string, label: string, onProgress?: ProgressFn, signal?: AbortSignal): Promise<ArrayBuffer> {
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new SourceError(`could not download ${label} from ${url}: ${(e as Error).message}`);
  }
  if (res.status === 404) throw new NotFoundError(`could not download ${label}: ${url} answered HTTP 404 (no such file)`);
  if (!res.ok) throw new SourceError(`could not download ${label}: ${url} answered HTTP ${res.status}`);
  const total = Number(res.headers.get('content-length')) || undefined;
  if (!res.body) return res.arrayBuffer();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const t0 = performance.now();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    const secs = (performance.now() - t0) / 1000;
    const rate = secs > 0 ? loaded / secs : 0;
    const left = total && rate > 0 ? (total - loaded) / rate : undefined;
    onProgress?.({
      stage: 'download',
      file: label,
      message: `${label}: ${(loaded / 1e6).toFixed(2)}${total ? ` / ${(total / 1e6).toFixed(2)}` : ''} MB at ${(rate / 1e6).toFixed(2)} MB/s${left !== undefined ? `, ${left.toFixed(0)} s left` : ''}`,
      fraction: total ? loaded / total : undefined,
      rate,
      secondsLeft: left,
      loaded,
      total,
    });
  }
  const out = new Uint8Array(loaded);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out.buffer;
}

export interface FileAccess {
  hubBaseUrl: string;
  /** bytes of a local file: a path in Node, a dropped file's name in the browser */
  readLocal(name: string): Promise<ArrayBuffer>;
}

export async function readFileRef(ref: FileRef, io: FileAccess, onProgress?: ProgressFn, signal?: AbortSignal): Promise<NamedBytes> {
  const label = fileRefLabel(ref);
  if ('hub' in ref) {
    const url = hubUrl(io.hubBaseUrl, ref.hub);
    const name = ref.hub.path;
    const cached = await cacheGet(url);
    if (cached) {
      onProgress?.({ stage: 'download', file: name, message: `${name}: ${(cached.byteLength / 1e6).toFixed(2)} MB from the cache`, fraction: 1, loaded: cached.byteLength, total: cached.byteLength });
      return { name: name.split('/').pop()!, bytes: cached };
    }
    const bytes = await fetchWithProgress(url, name, onProgress, signal);
    await cachePut(url, bytes);
    return { name: name.split('/').pop()!, bytes };
  }
  onProgress?.({ stage: 'read', message: `reading ${label}` });
  return { name: ref.local.split(/[\\/]/).pop()!, bytes: await io.readLocal(ref.local) };
}

/** Read `rel` (a path inside a Hugging Face model folder) from the Hub or a local folder. */
export async function readRepoFile(
  location: HfSource['location'],
  rel: string,
  io: FileAccess,
  onProgress?: ProgressFn,
  signal?: AbortSignal,
): Promise<NamedBytes> {
  const ref: FileRef = 'hub' in location ? { hub: { ...location.hub, path: rel } } : { local: location.local ? `${location.local.replace(/[\\/]+$/, '')}/${rel}` : rel };
  return { ...(await readFileRef(ref, io, onProgress, signal)), name: rel };
}

/** As readRepoFile, but null when the file does not exist. */
export async function readOptional(...a: Parameters<typeof readRepoFile>): Promise<NamedBytes | null> {
  try {
    return await readRepoFile(...a);
  } catch (e) {
    if (e instanceof NotFoundError || (e as { code?: string }).code === 'ENOENT') return null;
    throw e;
  }
}

export async function readSourceFiles(source: ModelSource, io: FileAccess, onProgress?: ProgressFn, signal?: AbortSignal): Promise<NamedBytes[]> {
  switch (source.kind) {
    case 'llama2c':
      return [await readFileRef(source.checkpoint, io, onProgress, signal), await readFileRef(source.tokenizer, io, onProgress, signal)];
    case 'hf':
      throw new Error('Hugging Face folders are read file by file (see model/hf/load.ts)');
  }
}
