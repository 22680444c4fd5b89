/** The link to the current state (model source, prompts, options, sliders), with a Copy button. */
import { useState } from 'react';
import { usePersist } from '../../state/persist-store';
import { useLab } from '../../state/store';

export function ShareLink({ view }: { view: string }) {
  const base = usePersist((s) => s.shareUrl);
  const local = useLab((s) => s.sourceKind === 'local');
  const [copied, setCopied] = useState(false);
  const url = base && view !== 'model' ? `${base}#${view}` : base;
  const copy = () => {
    void navigator.clipboard
      ?.writeText(url)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  };
  return (
    <div className="share-link">
      <label htmlFor="share-link">Link to this state (model source, prompts, options{view === 'modulator' ? ', sliders' : ''})</label>
      <div className="share-row">
        <input id="share-link" data-testid="share-link" type="text" readOnly value={url} onFocus={(e) => e.target.select()} />
        <button type="button" className="btn btn-small" data-testid="share-copy" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="muted small">
        Opening it restores the forms; a Hub model is offered for loading.{local ? ' Local files cannot travel in a link: the link says a local model was used, not which.' : ''}
      </p>
    </div>
  );
}
