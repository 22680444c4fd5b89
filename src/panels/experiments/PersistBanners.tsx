/** Banners of persistence and links: storage near its quota, a failed save, and what a deep link did. */
import { useShallow } from 'zustand/react/shallow';
import { dismissLink, dismissQuotaWarning, dismissSaveError, usePersist } from '../../state/persist-store';
import { loadModel } from '../../state/jobs';
import { useLab } from '../../state/store';

export function PersistBanners() {
  const p = usePersist(useShallow((s) => ({ quota: s.quotaWarning, save: s.saveError, linkError: s.linkError, notes: s.linkNotes, offer: s.linkOffer })));
  const busy = useLab((s) => s.job !== null || s.lockedBy !== null);
  return (
    <>
      {p.quota && (
        <div className="banner banner-error" role="alert" data-testid="storage-warning">
          <div className="banner-body">{p.quota}</div>
          <button type="button" className="btn btn-quiet" onClick={dismissQuotaWarning}>
            Dismiss
          </button>
        </div>
      )}
      {p.save && (
        <div className="banner banner-error" role="alert" data-testid="save-error">
          <div className="banner-body">{p.save}</div>
          <button type="button" className="btn btn-quiet" onClick={dismissSaveError}>
            Dismiss
          </button>
        </div>
      )}
      {(p.linkError || p.notes.length > 0 || p.offer) && (
        <div className={`banner ${p.linkError ? 'banner-error' : 'banner-notice'}`} role={p.linkError ? 'alert' : 'status'} data-testid="link-banner">
          <div className="banner-body">
            {p.linkError && <div data-testid="link-error">{p.linkError}</div>}
            {p.notes.map((n) => (
              <div key={n}>{n}</div>
            ))}
            {p.offer && (
              <div data-testid="link-offer">
                This link names the model <code>{p.offer.label}</code>; its form, prompt and options are filled in.{' '}
                <button
                  type="button"
                  className="btn btn-small btn-primary"
                  data-testid="link-load"
                  disabled={busy}
                  onClick={() => {
                    dismissLink();
                    void loadModel();
                  }}
                >
                  Load it
                </button>
              </div>
            )}
          </div>
          <button type="button" className="btn btn-quiet" onClick={dismissLink}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
