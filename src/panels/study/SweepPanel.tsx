/**
 * The sweep: the model queue with each model's progress, token position, execution provider and
 * Hub base URL, and Run / Cancel / Resume. Resume measures only the model x prompt pairs the run
 * does not have yet (study-resume.ts).
 */
import { useStudy } from '../../state/study-store';
import { useLab } from '../../state/store';
import { dequeueModel, setPosition, setStudyByteIds, setStudyEp, setStudyHubBaseUrl } from '../../state/study-actions';
import { BYTE_IDS_LABEL } from '../../model/byte-ids';
import { cancelStudy, resumeStudy, runStudy } from '../../state/study-jobs';
import { queueLines } from '../../state/study-view';
import type { TokenPosition } from '../../analysis/aggregate';
import type { EpChoice } from '../../runtime/ep';
import { SourceForm } from './SourceForm';
import { useShallow } from 'zustand/react/shallow';

export function SweepPanel() {
  const s = useStudy(useShallow((x) => ({ queue: x.queue, run: x.run, runs: x.runs, sweep: x.sweep, position: x.position, ep: x.ep, hubBaseUrl: x.hubBaseUrl, byteIds: x.byteIds })));
  const labJob = useLab((x) => x.job);
  const lines = queueLines(s);
  const running = s.sweep !== null;
  const resumable = !running && s.run !== null && lines.some((l) => l.measured < l.total || l.status === 'not run');
  return (
    <section className="panel" aria-labelledby="study-sweep-h">
      <h2 id="study-sweep-h">Sweep</h2>
      <SourceForm />
      <h3>Queue</h3>
      {lines.length === 0 ? (
        <p className="muted small">No models yet: add them above, in the order they should run.</p>
      ) : (
        <ol className="queue" data-testid="study-queue">
          {lines.map((l) => (
            <li key={l.key} data-testid="study-queue-item" data-model={l.key} data-status={l.status} data-measured={l.measured} data-total={l.total} className={l.current ? 'current' : undefined}>
              <div className="queue-head">
                <code className="queue-name" title={l.key}>
                  {l.key}
                </code>
                <button type="button" className="btn btn-small btn-quiet" data-testid="study-queue-remove" disabled={running} onClick={() => dequeueModel(l.key)} aria-label={`Remove ${l.key}`}>
                  ×
                </button>
              </div>
              {l.total > 0 && <progress data-testid="study-model-progress" max={l.total} value={l.measured} />}
              <div className="queue-status small">
                <span className={`status status-${l.status}`}>{l.status}</span>
                {l.total > 0 && (
                  <span className="muted">
                    {' '}
                    · {l.measured} of {l.total} prompts{l.ep ? ` · ${l.ep.toUpperCase()}` : ''}
                  </span>
                )}
              </div>
              {l.error && l.status === 'failed' && (
                <div className="queue-error small" data-testid="study-model-error">
                  {l.error}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      <div className="param-row">
        <div className="field field-inline">
          <label htmlFor="study-position">Token position</label>
          <select id="study-position" data-testid="study-position" value={s.position} disabled={running} onChange={(e) => setPosition(e.target.value as TokenPosition)}>
            <option value="last">last token</option>
            <option value="mean">mean over tokens</option>
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor="study-ep">Execution provider</label>
          <select id="study-ep" data-testid="study-ep" value={s.ep} disabled={running} onChange={(e) => setStudyEp(e.target.value as EpChoice)}>
            <option value="auto">Auto</option>
            <option value="webgpu">WebGPU</option>
            <option value="wasm">WASM</option>
          </select>
        </div>
      </div>
      <label className="check" title={BYTE_IDS_LABEL}>
        <input type="checkbox" data-testid="study-byte-ids" checked={s.byteIds} disabled={running} onChange={(e) => setStudyByteIds(e.target.checked)} />
        Models without a tokenizer: feed each prompt's UTF-8 bytes as token ids (no BOS; vocabulary of 256 or more)
      </label>
      <div className="field">
        <label htmlFor="study-hub-base-url">Hub base URL</label>
        <input id="study-hub-base-url" data-testid="study-hub-base-url" type="text" spellCheck={false} value={s.hubBaseUrl} disabled={running} onChange={(e) => setStudyHubBaseUrl(e.target.value)} />
      </div>
      <div className="button-row">
        <button type="button" className="btn btn-primary" data-testid="study-run" disabled={running || labJob !== null || s.queue.length === 0} onClick={() => void runStudy()}>
          {s.run ? 'Run again' : 'Run'}
        </button>
        <button type="button" className="btn" data-testid="study-resume" disabled={!resumable || labJob !== null} onClick={() => void resumeStudy()}>
          Resume
        </button>
        {running && (
          <button type="button" className="btn btn-danger" data-testid="study-cancel" disabled={s.sweep?.cancelling} onClick={cancelStudy}>
            {s.sweep?.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {running && s.sweep && (
        <div className="job" data-testid="study-progress" data-job-id={s.sweep.jobId} data-fraction={s.sweep.fraction}>
          <progress max={1} value={s.sweep.fraction} />
          <div className="job-row">
            <span className="job-message" data-testid="study-progress-message">
              {s.sweep.requests > 1 ? `sweep ${s.sweep.requestNo} of ${s.sweep.requests}: ` : ''}
              {s.sweep.message}
            </span>
          </div>
        </div>
      )}
      <p className="muted small">
        {labJob ? `The Model view is busy (${labJob.kind}); the sweep waits for it. ` : ''}
        Each model loads, runs every prompt, and is unloaded before the next; a model that fails is reported and the sweep goes on. Run starts afresh with the
        prompt set above; Resume keeps the run's prompt set and measures only what is missing (a model cancelled part-way is loaded again for its missing
        prompts only).
      </p>
    </section>
  );
}
