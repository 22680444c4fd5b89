/**
 * One row per file of the current load (kept after it ends, until the next load): bytes so far,
 * rate and time left as the worker measured them, or "from the cache".
 */
import { useLab } from '../../state/store';
import { selectJob, selectLoadFiles } from '../../state/selectors';
import { bytesLabel } from '../../plots/format';
import type { FileProgressView } from '../../state/store';

/** Rate and time left as the worker measured them ("… at 3.10 MB/s, 4 s left"); null when the message has neither. */
function rateOf(detail: string): { rate: string | null; left: string | null } {
  return { rate: /at ([\d.]+ [kMG]?B\/s)/.exec(detail)?.[1] ?? null, left: /(\d+ s) left/.exec(detail)?.[1] ?? null };
}

function detailOf(f: FileProgressView): string {
  if (f.cached) return 'from the cache';
  if (f.stopped) return `stopped at ${bytesLabel(f.loaded)}${f.total !== undefined ? ` of ${bytesLabel(f.total)}` : ''}`;
  const { rate, left } = rateOf(f.detail);
  if (!rate) return f.detail;
  if (f.fraction === 1) return `done at ${rate}`;
  const size = f.total !== undefined ? `${bytesLabel(f.loaded)} of ${bytesLabel(f.total)}` : bytesLabel(f.loaded);
  return [size, rate, left && `${left} left`].filter(Boolean).join(' · ');
}

export function FileProgress() {
  const files = useLab(selectLoadFiles);
  const loading = useLab((s) => selectJob(s)?.kind === 'load');
  if (files.length === 0) return null;
  return (
    <div className="file-progress" data-testid="file-progress-list">
      <h3>{loading ? 'Downloading' : 'Files of the last load'}</h3>
      <ul>
        {files.map((f) => {
          const done = f.fraction === 1;
          return (
            <li
              key={f.file}
              data-testid="file-progress"
              data-file={f.file}
              data-fraction={f.fraction === undefined ? '' : String(f.fraction)}
              data-cached={f.cached ? 'true' : 'false'}
              data-stopped={f.stopped ? 'true' : 'false'}
              className={f.cached ? 'cached' : done ? 'done' : f.stopped ? 'stopped' : undefined}
            >
              <div className="fp-head">
                <span className="file-name" title={f.file}>
                  {f.file}
                </span>
                <span className="fp-size">{f.total !== undefined ? bytesLabel(f.total) : bytesLabel(f.loaded)}</span>
              </div>
              <div className="fp-bar" role="progressbar" aria-label={f.file} aria-valuemin={0} aria-valuemax={1} aria-valuenow={f.fraction}>
                <span style={{ width: `${((f.fraction ?? 0) * 100).toFixed(1)}%` }} className={f.fraction === undefined ? 'indeterminate' : undefined} />
              </div>
              <div className="fp-detail">{detailOf(f)}</div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
