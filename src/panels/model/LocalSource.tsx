/**
 * Local files or a folder: drop zone, a file picker and a folder picker. The files go straight to
 * the worker, named by path; a set with config.json is a Hugging Face folder (choose its ONNX
 * graph), otherwise a llama2.c pair (the guessed roles can be changed).
 */
import { useState, type DragEvent } from 'react';
import { useLab } from '../../state/store';
import { selectLocal } from '../../state/selectors';
import { assignLocalRole, setLocalOnnx } from '../../state/actions';
import { giveLocalFiles } from '../../state/jobs';
import { autoOnnx, onnxFiles } from '../../state/local-files';
import type { LocalFileMeta, LocalForm } from '../../state/store';
import { ONNX_AUTO_ORDER } from '../../state/onnx-candidates';
import { bytesLabel } from '../../plots/format';
import { droppedFiles, pickedFiles } from './folder-drop';

/** `webkitdirectory` is not in React's input props; the DOM attribute is what browsers read. */
const DIRECTORY = { webkitdirectory: '', directory: '' } as Record<string, string>;

export function LocalSource() {
  const local = useLab(selectLocal);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    void droppedFiles(e.dataTransfer).then(giveLocalFiles);
  };
  return (
    <div className="source-box">
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
        <p>
          Drop a llama2.c checkpoint (*.bin) with its tokenizer (tok*.bin), or a Hugging Face model folder (config.json, onnx/*.onnx, tokenizer.json), here, or
        </p>
        <div className="pick-row">
          <label className="btn btn-small">
            Pick files…
            <input
              className="visually-hidden"
              type="file"
              multiple
              data-testid="file-input"
              aria-label="Pick model files"
              onChange={(e) => {
                void giveLocalFiles(pickedFiles(e.target.files));
                e.target.value = '';
              }}
            />
          </label>
          <label className="btn btn-small">
            Pick a folder…
            <input
              className="visually-hidden"
              type="file"
              {...DIRECTORY}
              data-testid="folder-input"
              aria-label="Pick a model folder"
              onChange={(e) => {
                void giveLocalFiles(pickedFiles(e.target.files));
                e.target.value = '';
              }}
            />
          </label>
        </div>
      </div>
      {local.files.length > 0 && local.mode === 'llama2c' && (
        <div className="local-roles">
          <RoleSelect role="checkpoint" label="Checkpoint" value={local.checkpoint} files={local.files} />
          <RoleSelect role="tokenizer" label="Tokenizer" value={local.tokenizer} files={local.files} />
        </div>
      )}
      {local.mode === 'hf' && <HfFolder local={local} />}
    </div>
  );
}

function HfFolder({ local }: { local: LocalForm }) {
  const graphs = onnxFiles(local.files);
  const auto = autoOnnx(local.files, ONNX_AUTO_ORDER);
  const has = (name: string) => local.files.some((f) => f.name === name);
  const total = local.files.reduce((s, f) => s + f.bytes, 0);
  return (
    <div className="hf-folder" data-testid="local-hf-folder">
      <p className="small">
        <strong>Hugging Face model folder</strong> <span className="muted">· {local.files.length} files · {bytesLabel(total)}</span>
      </p>
      <ul className="checklist small">
        <li className="ok">config.json</li>
        <li className={has('tokenizer.json') ? 'ok' : 'missing'}>{has('tokenizer.json') ? 'tokenizer.json' : 'no tokenizer.json: the model takes token ids'}</li>
        <li className={graphs.length ? 'ok' : 'missing'}>{graphs.length ? `${graphs.length} ONNX graph${graphs.length === 1 ? '' : 's'}` : 'no ONNX graph (*.onnx)'}</li>
      </ul>
      {graphs.length > 0 && (
        <div className="field">
          <label htmlFor="local-onnx">ONNX file</label>
          <select id="local-onnx" data-testid="local-onnx" value={local.onnx} onChange={(e) => setLocalOnnx(e.target.value)}>
            <option value="">auto{auto ? `: ${auto}` : ''}</option>
            {graphs.map((g) => (
              <option key={g.name} value={g.name}>
                {g.name} ({bytesLabel(g.bytes)})
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}

function RoleSelect(props: { role: 'checkpoint' | 'tokenizer'; label: string; value: string | null; files: LocalFileMeta[] }) {
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
