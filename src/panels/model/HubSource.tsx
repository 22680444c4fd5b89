/** llama2.c files on the Hub: repo, revision and the two paths, prefilled with stories260K. */
import { useLab } from '../../state/store';
import { selectHub } from '../../state/selectors';
import { editHub } from '../../state/actions';
import type { HubForm } from '../../state/store';
import { HubBaseUrl } from './HubBaseUrl';

const FIELDS: { key: Exclude<keyof HubForm, 'baseUrl'>; label: string; testId: string; hint?: string }[] = [
  { key: 'repo', label: 'Repo', testId: 'hub-repo' },
  { key: 'revision', label: 'Revision', testId: 'hub-revision' },
  { key: 'checkpointPath', label: 'Checkpoint path', testId: 'hub-checkpoint-path', hint: 'llama2.c checkpoint (.bin)' },
  { key: 'tokenizerPath', label: 'Tokenizer path', testId: 'hub-tokenizer-path', hint: 'llama2.c tokenizer (tok*.bin)' },
];

export function HubSource() {
  const hub = useLab(selectHub);
  return (
    <div className="source-box">
      {FIELDS.map((f) => (
        <div className="field" key={f.key}>
          <label htmlFor={f.testId}>{f.label}</label>
          <input id={f.testId} data-testid={f.testId} type="text" spellCheck={false} value={hub[f.key]} title={f.hint} onChange={(e) => editHub({ [f.key]: e.target.value })} />
        </div>
      ))}
      <HubBaseUrl />
    </div>
  );
}
