/** Hub source fields, prefilled with stories260K; editing one selects the Hub as the source. */
import { useLab } from '../../state/store';
import { selectHub } from '../../state/selectors';
import { editHub, setSourceKind } from '../../state/actions';
import type { HubForm } from '../../state/store';

const FIELDS: { key: keyof HubForm; label: string; testId: string; hint?: string }[] = [
  { key: 'repo', label: 'Repo', testId: 'hub-repo' },
  { key: 'revision', label: 'Revision', testId: 'hub-revision' },
  { key: 'checkpointPath', label: 'Checkpoint path', testId: 'hub-checkpoint-path', hint: 'llama2.c checkpoint (.bin)' },
  { key: 'tokenizerPath', label: 'Tokenizer path', testId: 'hub-tokenizer-path', hint: 'llama2.c tokenizer (tok*.bin)' },
  { key: 'baseUrl', label: 'Hub base URL', testId: 'hub-base-url' },
];

export function HubSource({ active }: { active: boolean }) {
  const hub = useLab(selectHub);
  return (
    <div className={`source-box ${active ? 'active' : 'inactive'}`} onFocus={() => !active && setSourceKind('hub')}>
      {FIELDS.map((f) => (
        <div className="field" key={f.key}>
          <label htmlFor={f.testId}>{f.label}</label>
          <input
            id={f.testId}
            data-testid={f.testId}
            type="text"
            spellCheck={false}
            value={hub[f.key]}
            title={f.hint}
            onChange={(e) => editHub({ [f.key]: e.target.value })}
          />
        </div>
      ))}
    </div>
  );
}
