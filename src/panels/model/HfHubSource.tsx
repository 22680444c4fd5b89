/**
 * A Hugging Face model folder on the Hub: repo id (typed, or picked from the curated catalog grouped
 * by family, with its size and how its files were verified), revision, and the ONNX graph (auto =
 * the most exact variant present).
 */
import { useLab } from '../../state/store';
import { selectHf } from '../../state/selectors';
import { editHf } from '../../state/actions';
import { CATALOG, type CatalogEntry } from '../../model/hf/catalog';
import { ONNX_AUTO_ORDER } from '../../state/onnx-candidates';
import { countLabel } from '../../plots/format';
import { HubBaseUrl } from './HubBaseUrl';

/** Readable names of the catalog's families (config.json model_type); an unknown one shows as is. */
const FAMILY_NAMES: Record<string, string> = {
  gpt2: 'GPT-2',
  gpt_neox: 'Pythia (GPT-NeoX)',
  t5: 'T5 (encoder-decoder)',
  llama: 'Llama',
  qwen2: 'Qwen2',
  qwen3: 'Qwen3',
};

/** Hugging Face ONNX repos of the catalog (llama2.c checkpoints load through the other Hub source). */
const HF_ENTRIES = CATALOG.filter((e) => e.layout !== 'llama2c');
const FAMILIES = [...new Set(HF_ENTRIES.map((e) => e.family))];

export function HfHubSource() {
  const hf = useLab(selectHf);
  const entry = HF_ENTRIES.find((e) => e.id === hf.repo.trim());
  const graphs = entry?.files.onnx.length ? entry.files.onnx.filter((f) => f.endsWith('.onnx')) : ONNX_AUTO_ORDER;
  return (
    <div className="source-box">
      <div className="field">
        <label htmlFor="hf-catalog">Curated models</label>
        <select id="hf-catalog" data-testid="hf-catalog" value={entry?.id ?? ''} onChange={(e) => e.target.value && editHf({ repo: e.target.value, onnx: '' })}>
          <option value="">Pick one, or type any repo below</option>
          {FAMILIES.map((family) => (
            <optgroup key={family} label={FAMILY_NAMES[family] ?? family}>
              {HF_ENTRIES.filter((e) => e.family === family).map((e) => (
                <option key={e.id} value={e.id}>
                  {e.label} · {countLabel(e.params)} params{e.verified === 'unverified' ? ' · unverified' : ''}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="hf-repo">Repo id</label>
        <input
          id="hf-repo"
          data-testid="hf-repo"
          type="text"
          list="hf-repo-options"
          placeholder="owner/name, e.g. Xenova/gpt2"
          spellCheck={false}
          value={hf.repo}
          onChange={(e) => editHf({ repo: e.target.value })}
        />
        <datalist id="hf-repo-options">
          {HF_ENTRIES.map((e) => (
            <option key={e.id} value={e.id}>
              {`${FAMILY_NAMES[e.family] ?? e.family} · ${e.label}`}
            </option>
          ))}
        </datalist>
      </div>
      {entry && <CatalogNote entry={entry} />}
      <div className="field-pair">
        <div className="field">
          <label htmlFor="hf-revision">Revision</label>
          <input id="hf-revision" data-testid="hf-revision" type="text" spellCheck={false} value={hf.revision} onChange={(e) => editHf({ revision: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="hf-onnx">ONNX file</label>
          <input
            id="hf-onnx"
            data-testid="hf-onnx"
            type="text"
            list="hf-onnx-options"
            placeholder="auto"
            spellCheck={false}
            value={hf.onnx}
            title={`empty = auto: the first present of ${ONNX_AUTO_ORDER.join(', ')}`}
            onChange={(e) => editHf({ onnx: e.target.value })}
          />
          <datalist id="hf-onnx-options">
            {graphs.map((g) => (
              <option key={g} value={g} />
            ))}
          </datalist>
        </div>
      </div>
      <p className="muted small field-note">ONNX file empty = auto: the most exact variant present (fp32 before fp16 before quantized).</p>
      <HubBaseUrl />
    </div>
  );
}

function CatalogNote({ entry }: { entry: CatalogEntry }) {
  const unverified = entry.verified === 'unverified';
  return (
    <div className="catalog-note" data-testid="hf-catalog-note" data-verified={unverified ? 'false' : 'true'}>
      <div>
        <strong>{entry.label}</strong> <span className="muted">· {FAMILY_NAMES[entry.family] ?? entry.family} · {countLabel(entry.params)} params · {entry.layout}</span>
      </div>
      <div className="muted">{entry.note}</div>
      <div className="catalog-verified">
        <span className={unverified ? 'badge badge-warn' : 'badge badge-ok'}>{unverified ? 'files not verified' : 'files checked'}</span>{' '}
        <span className="muted">{unverified ? 'the loader reports what is missing' : entry.verified.replace(/^checked: /, '')}</span>
      </div>
    </div>
  );
}
