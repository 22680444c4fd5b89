/**
 * "Add a model" to the sweep queue, from the Model panel's three source kinds: llama2.c files on
 * the Hub, a Hugging Face ONNX repo on the Hub, or the local files / folder given in the Model view.
 */
import { useStudy, type SourceDraft } from '../../state/study-store';
import { useLab } from '../../state/store';
import { selectLocal } from '../../state/selectors';
import { editDraft } from '../../state/study-actions';
import { addDraftModel } from '../../state/study-jobs';

const KINDS: { kind: SourceDraft['kind']; label: string }[] = [
  { kind: 'hub', label: 'llama2.c (Hub)' },
  { kind: 'hf', label: 'Hugging Face model (Hub)' },
  { kind: 'local', label: 'Local files given in the Model view' },
];

function Text({ id, label, value, onChange, placeholder }: { id: string; label: string; value: string; onChange: (v: string) => void; placeholder?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} data-testid={id} type="text" spellCheck={false} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

export function SourceForm() {
  const draft = useStudy((s) => s.draft);
  const local = useLab(selectLocal);
  return (
    <div className="source-box">
      <div className="field">
        <label htmlFor="study-source-kind">Source</label>
        <select id="study-source-kind" data-testid="study-source-kind" value={draft.kind} onChange={(e) => editDraft({ kind: e.target.value as SourceDraft['kind'] })}>
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      {draft.kind === 'hub' && (
        <>
          <div className="field-pair">
            <Text id="study-hub-repo" label="Repo" value={draft.hub.repo} onChange={(repo) => editDraft({ hub: { repo } })} />
            <Text id="study-hub-revision" label="Revision" value={draft.hub.revision} onChange={(revision) => editDraft({ hub: { revision } })} />
          </div>
          <Text id="study-hub-checkpoint" label="Checkpoint path" value={draft.hub.checkpointPath} onChange={(checkpointPath) => editDraft({ hub: { checkpointPath } })} />
          <Text id="study-hub-tokenizer" label="Tokenizer path" value={draft.hub.tokenizerPath} onChange={(tokenizerPath) => editDraft({ hub: { tokenizerPath } })} />
        </>
      )}
      {draft.kind === 'hf' && (
        <>
          <Text id="study-hf-repo" label="Repo id" value={draft.hf.repo} placeholder="owner/name, e.g. Xenova/gpt2" onChange={(repo) => editDraft({ hf: { repo } })} />
          <div className="field-pair">
            <Text id="study-hf-revision" label="Revision" value={draft.hf.revision} onChange={(revision) => editDraft({ hf: { revision } })} />
            <Text id="study-hf-onnx" label="ONNX file" value={draft.hf.onnx} placeholder="auto" onChange={(onnx) => editDraft({ hf: { onnx } })} />
          </div>
        </>
      )}
      {draft.kind === 'local' && (
        <p className="small" data-testid="study-local-note">
          {local.files.length === 0
            ? 'No local files yet: drop or pick them in the Model view (Local files / folder), then add them here.'
            : local.mode === 'hf'
              ? `The Hugging Face folder given in the Model view (${local.files.length} files, graph ${local.onnx || 'auto'}).`
              : `The llama2.c pair given in the Model view: ${local.checkpoint ?? '?'} with ${local.tokenizer ?? '?'}.`}
        </p>
      )}
      <button type="button" className="btn btn-small" data-testid="study-add-model" onClick={addDraftModel}>
        Add to the queue
      </button>
    </div>
  );
}
