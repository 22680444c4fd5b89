/**
 * The prompt set: start from a seed's preset or a saved set, edit it as text (one prompt a
 * line, `category<TAB>prompt` for a category), import a text or JSON file, save it in this browser.
 */
import { useStudy } from '../../state/study-store';
import { deleteSet, editPromptText, loadPromptText, saveSet, setSetName, studyError } from '../../state/study-actions';
import { usePromptSet } from '../../state/study-view';
import { importPromptFile } from '../../state/study-prompt-files';
import { formatPromptText, PROMPT_SET_PRESETS } from '../../io/prompt-sets';

const PRESET = 'preset:';
const SAVED = 'saved:';

export function PromptSetPanel() {
  const setName = useStudy((s) => s.setName);
  const text = useStudy((s) => s.promptText);
  const presetId = useStudy((s) => s.presetId);
  const saved = useStudy((s) => s.savedSets);
  const busy = useStudy((s) => s.sweep !== null);
  const parsed = usePromptSet();
  const choose = (v: string) => {
    if (v.startsWith(PRESET)) {
      const p = PROMPT_SET_PRESETS.find((x) => x.id === v.slice(PRESET.length));
      if (p) loadPromptText(p.name, formatPromptText(p.prompts), p.id);
    } else if (v.startsWith(SAVED)) {
      const s = saved.find((x) => x.name === v.slice(SAVED.length));
      if (s) loadPromptText(s.name, s.text);
    }
  };
  const savedHere = saved.find((s) => s.name === setName.trim());
  return (
    <section className="panel" aria-labelledby="study-prompts-h">
      <h2 id="study-prompts-h">Prompt set</h2>
      <div className="field">
        <label htmlFor="study-preset">Start from</label>
        <select id="study-preset" data-testid="study-preset" value={presetId ? PRESET + presetId : ''} onChange={(e) => choose(e.target.value)} disabled={busy}>
          <option value="">{presetId ? '' : 'your own set (edit below)'}</option>
          <optgroup label="Seed presets">
            {PROMPT_SET_PRESETS.map((p) => (
              <option key={p.id} value={PRESET + p.id}>
                {p.name} ({p.prompts.length})
              </option>
            ))}
          </optgroup>
          {saved.length > 0 && (
            <optgroup label="Saved in this browser">
              {saved.map((s) => (
                <option key={s.name} value={SAVED + s.name}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>
      <div className="field">
        <label htmlFor="study-set-name">Name</label>
        <input id="study-set-name" data-testid="study-set-name" type="text" value={setName} onChange={(e) => setSetName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="study-prompts-text">Prompts: one a line; a category goes first, then a TAB</label>
        <textarea
          id="study-prompts-text"
          data-testid="study-prompts-text"
          rows={9}
          spellCheck={false}
          wrap="off"
          value={text}
          placeholder={'Factual\tThe capital of France is\nOnce upon a time'}
          onChange={(e) => editPromptText(e.target.value)}
          onKeyDown={(e) => {
            // A TAB separates the category from the prompt: type it instead of leaving the box.
            if (e.key !== 'Tab' || e.shiftKey) return;
            e.preventDefault();
            const el = e.currentTarget;
            const at = el.selectionStart + 1;
            editPromptText(el.value.slice(0, el.selectionStart) + '\t' + el.value.slice(el.selectionEnd));
            requestAnimationFrame(() => el.setSelectionRange(at, at));
          }}
        />
      </div>
      <p className="small" data-testid="study-prompt-count" data-value={parsed.prompts.length} data-categories={parsed.categories.map((c) => c.category).join('|')}>
        <strong>{parsed.prompts.length}</strong> prompt{parsed.prompts.length === 1 ? '' : 's'}
        {parsed.categories.length > 0 ? (
          <>
            {' '}
            in {parsed.categories.length} categor{parsed.categories.length === 1 ? 'y' : 'ies'}:{' '}
            <span data-testid="study-categories">{parsed.categories.map((c) => `${c.category} (${c.count})`).join(', ')}</span>
          </>
        ) : (
          ' (no categories)'
        )}
        {parsed.presetName && <span className="muted"> · preset: {parsed.presetName}, verbatim from the seed</span>}
      </p>
      {parsed.error && (
        <p className="callout callout-warn" data-testid="study-prompts-error">
          {parsed.error}
        </p>
      )}
      <div className="button-row">
        <label className="btn btn-small">
          Import a file…
          <input
            className="visually-hidden"
            type="file"
            accept=".txt,.tsv,.json,text/plain,application/json"
            data-testid="study-prompts-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void importPromptFile(f).catch(studyError);
            }}
          />
        </label>
        <button type="button" className="btn btn-small" data-testid="study-save-set" onClick={saveSet} disabled={!parsed.prompts.length}>
          {savedHere ? 'Save (replace)' : 'Save'}
        </button>
        {savedHere && (
          <button type="button" className="btn btn-small btn-danger" data-testid="study-delete-set" onClick={() => deleteSet(savedHere.name)}>
            Delete saved
          </button>
        )}
      </div>
      <p className="muted small field-note-after">
        Text files: one prompt a line, <code>category&lt;TAB&gt;prompt</code> for a category. JSON: a saved prompt set (<code>id</code>, <code>name</code>,{' '}
        <code>source</code>, <code>prompts[]</code>). Saved sets stay in this browser (localStorage).
      </p>
    </section>
  );
}
