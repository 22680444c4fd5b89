/**
 * Downloaded Hub files kept in the browser's Cache Storage, keyed by their Hub URL, so a model
 * loads offline the second time. Where there is no Cache Storage (Node, the CLI), nothing is kept.
 */
export const CACHE_NAME = 'residual-lab-hub-v1';

export interface CachedFile {
  url: string;
  /** path inside the repo */ path: string;
  bytes: number;
}

export interface CachedModel {
  repo: string;
  revision: string;
  files: CachedFile[];
  bytes: number;
}

const storage = (): CacheStorage | null => (typeof caches === 'undefined' ? null : caches);

export async function cacheGet(url: string): Promise<ArrayBuffer | null> {
  const c = storage();
  if (!c) return null;
  const hit = await (await c.open(CACHE_NAME)).match(url);
  return hit ? hit.arrayBuffer() : null;
}

export async function cachePut(url: string, bytes: ArrayBuffer): Promise<void> {
  const c = storage();
  if (!c) return;
  try {
    const headers = { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.byteLength), 'X-Cached-At': new Date().toISOString() };
    await (await c.open(CACHE_NAME)).put(url, new Response(bytes, { headers }));
  } catch (e) {
    // A full disk or a private window: the model still loads, it is just not kept.
    console.warn(`residual-lab: could not cache ${url}: ${(e as Error).message}`);
  }
}

/** `{base}/{owner}/{name}/resolve/{revision}/{path}` -> its parts. */
function parseHubUrl(url: string): { repo: string; revision: string; path: string } | null {
  const m = /^https?:\/\/[^/]+\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url);
  return m ? { repo: m[1], revision: decodeURIComponent(m[2]), path: decodeURIComponent(m[3]) } : null;
}

export async function listCached(): Promise<CachedModel[]> {
  const c = storage();
  if (!c) return [];
  const cache = await c.open(CACHE_NAME);
  const models = new Map<string, CachedModel>();
  for (const req of await cache.keys()) {
    const parts = parseHubUrl(req.url);
    if (!parts) continue;
    const res = await cache.match(req);
    const bytes = Number(res?.headers.get('Content-Length')) || (res ? (await res.arrayBuffer()).byteLength : 0);
    const key = `${parts.repo}@${parts.revision}`;
    const m = models.get(key) ?? { repo: parts.repo, revision: parts.revision, files: [], bytes: 0 };
    m.files.push({ url: req.url, path: parts.path, bytes });
    m.bytes += bytes;
    models.set(key, m);
  }
  return [...models.values()].sort((a, b) => a.repo.localeCompare(b.repo));
}

/** Delete every cached file of `repo` (all revisions when none is given); returns how many were removed. */
export async function deleteCached(repo: string, revision?: string): Promise<number> {
  const c = storage();
  if (!c) return 0;
  const cache = await c.open(CACHE_NAME);
  let n = 0;
  for (const req of await cache.keys()) {
    const p = parseHubUrl(req.url);
    if (p && p.repo === repo && (!revision || p.revision === revision) && (await cache.delete(req))) n++;
  }
  return n;
}
