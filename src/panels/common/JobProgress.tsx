/** Progress of the running job with its message and a Cancel button; shown where the job was started. */
import { useLab } from '../../state/store';
import { selectJob } from '../../state/selectors';
import { cancelJob } from '../../state/jobs';
import type { JobKind } from '../../state/store';

export function JobProgress({ kinds }: { kinds: readonly JobKind[] }) {
  const job = useLab(selectJob);
  if (!job || !kinds.includes(job.kind)) return null;
  return (
    <div className="job" data-testid="job" data-kind={job.kind} data-job-id={job.jobId}>
      <progress data-testid="job-progress" max={1} {...(job.fraction !== undefined ? { value: job.fraction } : {})} />
      <div className="job-row">
        <span className="job-message" data-testid="job-message">
          {job.message}
        </span>
        <button type="button" className="btn btn-small" data-testid="cancel-button" onClick={cancelJob} disabled={job.cancelling}>
          {job.cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}
