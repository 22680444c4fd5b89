/**
 * Local files: drop zone and file picker. The files go straight to the worker (by name); the
 * guessed roles (checkpoint / tokenizer) can be changed with the two selects.
 */
import { useState, type DragEvent } from 'react';
import { useLab } from '../../state/store';
import { selectLocal } from '../../state/selectors';
import { assignLocalRole, setSourceKind } from '../../state/actions';
import { giveLocalFiles } from '../../state/jobs';
import { bytesLabel } from '../../plots/format';

export function LocalSource({ active }: { active: boolean }) {
  const local = useLab(selectLocal);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    void giveLocalFiles([...e.dataTransfer.files]);
  };
  return (
    <div className={`source-box ${active ? 'active' : 'inactive'}`} onFocus={() => !active && local.files.length > 0 && setSourceKind('local')}>
      <div
        className={`drop-zone ${over ? 'over' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>Drop a llama2.c checkpoint (*.bin) and its tokenizer (tok*.bin) here, or</p>
        <input
          type="file"
          multiple
          data-testid="file-input"
          aria-label="Pick model files"
          onChange={(e) => {
            void giveLocalFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </div>
      {local.files.length > 0 && (
        <div className="local-roles">
          <RoleSelect role="checkpoint" label="Checkpoint" value={local.checkpoint} files={local.files} />
          <RoleSelect role="tokenizer" label="Tokenizer" value={local.tokenizer} files={local.files} />
        </div>
      )}
    </div>
  );
}

function RoleSelect(props: { role: 'checkpoint' | 'tokenizer'; label: string; value: string | null; files: { name: string; bytes: number }[] }) {
  const id = `local-${props.role}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} data-testid={id} value={props.value ?? ''} onChange={(e) => assignLocalRole(props.role, e.target.value)}>
        <option value="">(choose a file)</option>
        {props.files.map((f) => (
          <option key={f.name} value={f.name}>
            {f.name} ({bytesLabel(f.bytes)})
          </option>
        ))}
      </select>
    </div>
  );
}
