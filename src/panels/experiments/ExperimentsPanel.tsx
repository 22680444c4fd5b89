/**
 * Saved experiments and the share link, in a drawer under the tabs (every view saves into it):
 * the list (open, rename, duplicate, delete) and the link to the current state.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { usePersist } from '../../state/persist-store';
import { deleteExperiment, duplicateExperiment, openExperiment, renameExperiment } from '../../state/persist-jobs';
import type { RecordHeader } from '../../io/persist/records';
import { ShareLink } from './ShareLink';

function ExperimentRow({ r, onOpened }: { r: RecordHeader; onOpened: (kind: 'measurement' | 'sweep') => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const commit = () => {
    if (editing !== null && editing.trim() && editing.trim() !== r.name) void renameExperiment(r.id, editing);
    setEditing(null);
  };
  return (
    <li className="experiment" data-testid="experiment-row" data-id={r.id} data-kind={r.kind} data-name={r.name}>
      <div className="experiment-head">
        <span className={`badge ${r.kind === 'sweep' ? 'badge-ok' : 'badge-warn'}`}>{r.kind === 'sweep' ? 'Study' : 'Model'}</span>
        {editing === null ? (
          <strong className="experiment-name" data-testid="experiment-name">
            {r.name}
          </strong>
        ) : (
          <input
            className="experiment-rename"
            data-testid="experiment-rename-input"
            aria-label="New name"
            value={editing}
            autoFocus
            onChange={(e) => setEditing(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commit();
              if (e.key === 'Escape') setEditing(null);
            }}
          />
        )}
      </div>
      <div className="muted small experiment-summary">
        {r.summary} · saved {r.updatedAt.slice(0, 16).replace('T', ' ')} UTC
      </div>
      <div className="button-row">
        <button type="button" className="btn btn-small" data-testid="experiment-open" onClick={() => void openExperiment(r.id).then((k) => k && onOpened(k))}>
          Open
        </button>
        {editing === null ? (
          <button type="button" className="btn btn-small" data-testid="experiment-rename" onClick={() => setEditing(r.name)}>
            Rename
          </button>
        ) : (
          <button type="button" className="btn btn-small" data-testid="experiment-rename-save" onClick={commit}>
            Save name
          </button>
        )}
        <button type="button" className="btn btn-small" data-testid="experiment-duplicate" onClick={() => void duplicateExperiment(r.id)}>
          Duplicate
        </button>
        {confirming ? (
          <>
            <button type="button" className="btn btn-small btn-danger" data-testid="experiment-delete-confirm" onClick={() => void deleteExperiment(r.id)}>
              Delete for good
            </button>
            <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-small btn-danger" data-testid="experiment-delete" onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </div>
    </li>
  );
}

export function ExperimentsPanel({ view, onOpened }: { view: string; onOpened: (kind: 'measurement' | 'sweep') => void }) {
  const p = usePersist(useShallow((s) => ({ experiments: s.experiments, unreadable: s.unreadable, backend: s.backend, ready: s.ready })));
  return (
    <details className="experiments-drawer" data-testid="experiments" data-ready={p.ready} data-backend={p.backend} data-count={p.experiments.length}>
      <summary data-testid="experiments-toggle">
        Saved experiments ({p.experiments.length}) and share link
      </summary>
      <div className="experiments-body">
        <ShareLink view={view} />
        <h3>Saved in this browser</h3>
        {p.backend === 'memory' && <p className="callout callout-warn small">IndexedDB is not available here: experiments are kept only until this tab closes.</p>}
        {p.experiments.length === 0 ? (
          <p className="muted small" data-testid="experiments-empty">
            Nothing saved yet. Every measurement of the Model view and every Study sweep (each model as it finishes) is saved here as it completes.
          </p>
        ) : (
          <ul className="experiment-list" data-testid="experiment-list">
            {p.experiments.map((r) => (
              <ExperimentRow key={r.id} r={r} onOpened={onOpened} />
            ))}
          </ul>
        )}
        {p.unreadable.length > 0 && (
          <p className="muted small" data-testid="experiments-unreadable" title={p.unreadable.join('\n')}>
            {p.unreadable.length} saved experiment{p.unreadable.length === 1 ? '' : 's'} could not be read by this version of the lab (kept, not shown).
          </p>
        )}
      </div>
    </details>
  );
}
