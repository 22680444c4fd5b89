/** Run, progress with the current step, Cancel, and Download JSON for one battery. */
import type { ReactNode } from 'react';
import { useGeometry, type BatteryKind } from '../../state/geometry-store';
import { selectRun } from '../../state/geometry-view';
import { cancelBattery, runBattery } from '../../state/geometry-jobs';

export function BatteryControls({ kind, canRun, onDownload, children }: { kind: BatteryKind; canRun: boolean; onDownload: (() => void) | null; children?: ReactNode }) {
  const run = useGeometry(selectRun(kind));
  const busy = run.jobId !== null;
  return (
    <div className="battery-controls" data-testid={`${kind}-status`} data-status={run.status}>
      <div className="button-row">
        <button type="button" className="btn btn-primary" data-testid={`${kind}-run`} disabled={busy || !canRun} onClick={() => void runBattery(kind)}>
          {run.resultId ? 'Run again' : 'Run'}
        </button>
        {children}
        <button type="button" className="btn" data-testid={`${kind}-download`} disabled={!onDownload} onClick={() => onDownload?.()}>
          Download JSON
        </button>
      </div>
      {busy && (
        <div className="job" data-testid={`${kind}-job`} data-job-id={run.jobId}>
          <progress data-testid={`${kind}-progress`} max={1} {...(run.fraction !== null ? { value: run.fraction } : {})} />
          <div className="job-row">
            <span className="job-message" data-testid={`${kind}-message`}>
              {run.message}
            </span>
            <button type="button" className="btn btn-small" data-testid={`${kind}-cancel`} disabled={run.status === 'cancelling'} onClick={() => cancelBattery(kind)}>
              {run.status === 'cancelling' ? 'Cancelling…' : 'Cancel'}
            </button>
          </div>
        </div>
      )}
      {run.note && (
        <p className={`callout ${run.status === 'failed' ? 'callout-warn' : 'callout-note'}`} role="status" data-testid={`${kind}-note`}>
          {run.note}
        </p>
      )}
    </div>
  );
}
