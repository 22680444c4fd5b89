/** The error banner (every worker or input error, dismissible) and a quieter notice line. */
import { useLab } from '../../state/store';
import { selectError, selectNotice } from '../../state/selectors';
import { dismissError, dismissNotice } from '../../state/actions';

export function ErrorBanner() {
  const error = useLab(selectError);
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="error-banner" data-error-name={error.name ?? ''}>
      <div className="banner-body">
        <strong>{error.name && error.name !== 'Error' ? error.name : 'Error'}:</strong> <span data-testid="error-message">{error.message}</span>
      </div>
      <button type="button" className="btn btn-quiet" data-testid="error-dismiss" onClick={dismissError} aria-label="Dismiss the error">
        Dismiss
      </button>
    </div>
  );
}

export function NoticeBanner() {
  const notice = useLab(selectNotice);
  if (!notice) return null;
  return (
    <div className="banner banner-notice" role="status" data-testid="notice">
      <div className="banner-body">{notice}</div>
      <button type="button" className="btn btn-quiet" onClick={dismissNotice}>
        Dismiss
      </button>
    </div>
  );
}
