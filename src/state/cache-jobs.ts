/** The Hub cache (Cache Storage, owned by the worker): list it, delete a model from it. */
import { lab } from '../runtime/client';
import { cacheFailed, cacheListed, showError } from './actions';

export async function refreshCache(): Promise<void> {
  try {
    cacheListed(await lab().listCached());
  } catch (e) {
    // Cache Storage can be missing (some private windows): loading still works, nothing is kept.
    cacheFailed();
    console.warn('residual-lab: could not list the Hub cache', e);
  }
}

/** Delete every cached file of one repo revision, then list again. */
export async function deleteCachedModel(repo: string, revision: string): Promise<void> {
  try {
    await lab().deleteCached(repo, revision);
  } catch (e) {
    showError(e);
  }
  await refreshCache();
}
