/**
 * Hub downloads kept in the browser's Cache Storage: one row per repo revision with its size, a
 * button that puts it back into the matching source form, and Delete. Listed again after every
 * load and delete.
 */
import { useLab } from '../../state/store';
import { selectBusy, selectCache } from '../../state/selectors';
import { editHf, editHub, setSourceKind } from '../../state/actions';
import { deleteCachedModel } from '../../state/cache-jobs';
import type { CachedModel } from '../../model/cache';
import { bytesLabel } from '../../plots/format';

/** A cached repo with a config.json is a Hugging Face folder; otherwise llama2.c files. */
function fillFromCached(m: CachedModel): void {
  if (m.files.some((f) => f.path === 'config.json')) {
    setSourceKind('hf');
    editHf({ repo: m.repo, revision: m.revision });
  } else {
    setSourceKind('hub');
    editHub({ repo: m.repo, revision: m.revision });
  }
}

export function CacheList() {
  const cache = useLab(selectCache);
  const busy = useLab(selectBusy);
  const total = cache.models.reduce((s, m) => s + m.bytes, 0);
  return (
    <section className="panel" aria-labelledby="cache-h">
      <h2 id="cache-h">
        Cached models{' '}
        <span className="muted small" data-testid="cache-total" data-bytes={total}>
          {cache.state === 'ready' ? `${cache.models.length} · ${bytesLabel(total)}` : ''}
        </span>
      </h2>
      {cache.state === 'unknown' && <p className="muted small">Listing the cache…</p>}
      {cache.state === 'failed' && <p className="muted small">Cache Storage is not available in this window: downloads are not kept.</p>}
      <ul className="cache-list" data-testid="cache-list" data-state={cache.state}>
        {cache.models.map((m) => (
          <li key={`${m.repo}@${m.revision}`} data-testid="cache-row" data-repo={m.repo} data-revision={m.revision} data-bytes={m.bytes}>
            <div className="cache-main">
              <span className="file-name" title={m.files.map((f) => `${f.path} (${bytesLabel(f.bytes)})`).join('\n')}>
                {m.repo}
                {m.revision !== 'main' && <span className="muted">@{m.revision}</span>}
              </span>
              <span className="muted small">
                {m.files.length} file{m.files.length === 1 ? '' : 's'} · {bytesLabel(m.bytes)}
              </span>
            </div>
            <div className="cache-actions">
              <button type="button" className="btn btn-small" data-testid="cache-use" disabled={busy} onClick={() => fillFromCached(m)} title="Fill the source form with this repo">
                Use
              </button>
              <button type="button" className="btn btn-small btn-danger" data-testid="cache-delete" disabled={busy} onClick={() => void deleteCachedModel(m.repo, m.revision)}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
      {cache.state === 'ready' && cache.models.length === 0 && <p className="muted small">Nothing cached yet. Hub downloads are kept here, so the next load of the same repo needs no network.</p>}
    </section>
  );
}
