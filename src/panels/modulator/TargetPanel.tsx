/**
 * What the stream is pulled toward: a seeded random Gaussian (the null control), the seed's geometric
 * table, a steering vector from two prompt sets, or an uploaded file of shape [d_model] or
 * [vocab, d_model]. A refused file's message is shown here.
 */
import { useLab } from '../../state/store';
import { selectModel } from '../../state/selectors';
import { useModulator } from '../../state/modulator-store';
import { editTarget } from '../../state/modulator-actions';
import { buildTargetNow, loadTargetFile } from '../../state/modulator-jobs';
import type { TargetChoice } from '../../state/modulator-params';

const int = (s: string): number => (s.trim() === '' ? NaN : Number(s));

export function TargetPanel() {
  const model = useLab(selectModel);
  const t = useModulator((s) => s.target);
  const shape = useModulator((s) => s.shape)!;
  const file = useModulator((s) => s.file);
  const built = useModulator((s) => s.built);
  const building = useModulator((s) => s.building);
  const error = useModulator((s) => s.targetError);
  const sweeping = useModulator((s) => s.sweep.running);
  const idsMode = model !== null && !model.hasTokenizer;
  const D = shape.dModel;
  const V = shape.vocabSize;
  return (
    <section className="panel" aria-labelledby="mod-target-h">
      <h2 id="mod-target-h">Target</h2>
      <div className="field">
        <label htmlFor="target-choice">kind</label>
        <select id="target-choice" data-testid="target-choice" value={t.choice} disabled={sweeping} onChange={(e) => editTarget({ choice: e.target.value as TargetChoice })}>
          <option value="random">random Gaussian (null control)</option>
          <option value="geometric">geometric (seed 05)</option>
          <option value="steering">steering vector (two prompt sets)</option>
          <option value="file">file (.json / .npy)</option>
        </select>
      </div>
      {t.choice === 'random' && (
        <>
          <div className="param-row">
            <div className="field field-inline">
              <label htmlFor="target-random-seed">seed</label>
              <input id="target-random-seed" data-testid="target-random-seed" type="number" step={1} value={Number.isNaN(t.randomSeed) ? '' : t.randomSeed} onChange={(e) => editTarget({ randomSeed: int(e.target.value) })} />
            </div>
            <div className="field field-inline">
              <label htmlFor="target-random-shape">shape</label>
              <select id="target-random-shape" data-testid="target-random-shape" value={t.randomShape} onChange={(e) => editTarget({ randomShape: e.target.value as 'vector' | 'table' })}>
                <option value="vector">vector [{D}]</option>
                <option value="table">table [{V}, {D}]</option>
              </select>
            </div>
          </div>
          <p className="muted small">
            Entries N(0, norm² / d_model) from the lab’s seeded generator (scripts/rng.py mirrors it), norm = the mean resid_pre norm of the prompt over every block,
            6 significant digits: a target about as long as the stream, with a direction that carries no structure.
          </p>
        </>
      )}
      {t.choice === 'geometric' && (
        <>
          <div className="field field-inline">
            <label htmlFor="target-geo-seed">anchor seed</label>
            <input id="target-geo-seed" data-testid="target-geo-seed" type="number" step={1} value={Number.isNaN(t.geoSeed) ? '' : t.geoSeed} onChange={(e) => editTarget({ geoSeed: int(e.target.value) })} />
          </div>
          <p className="muted small">
            Seed 05’s geometric embedding: cosine similarity of the static token embedding, eigendecomposition to n_geo dimensions, k-nearest-anchor interpolation for
            the other tokens, orthogonal Procrustes onto the PCA of the anchors’ final states, scaled to 0.1 × their mean norm. A [{V}, {D}] table gathered by token id.
          </p>
        </>
      )}
      {t.choice === 'steering' && (
        <>
          <div className="field">
            <label htmlFor="target-steer-a">set A (one {idsMode ? 'id list' : 'prompt'} a line)</label>
            <textarea id="target-steer-a" data-testid="target-steer-a" rows={3} spellCheck={false} value={t.steerA} onChange={(e) => editTarget({ steerA: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="target-steer-b">set B</label>
            <textarea id="target-steer-b" data-testid="target-steer-b" rows={3} spellCheck={false} value={t.steerB} onChange={(e) => editTarget({ steerB: e.target.value })} />
          </div>
          <div className="field field-inline">
            <label htmlFor="target-steer-layer">block</label>
            <select id="target-steer-layer" data-testid="target-steer-layer" value={t.steerLayer} onChange={(e) => editTarget({ steerLayer: Number(e.target.value) })}>
              {Array.from({ length: shape.nBlocks }, (_, i) => (
                <option key={i} value={i}>
                  {i} (blocks.{i}.hook_resid_pre)
                </option>
              ))}
            </select>
          </div>
          <p className="muted small">mean(resid_pre over every token of set A) − mean(over set B) at the chosen block: a [{D}] vector, the usual activation-steering baseline.</p>
        </>
      )}
      {t.choice === 'file' && (
        <div className="field">
          <label htmlFor="target-file-input">
            target file: [{D}] or [{V}, {D}], float32 (.npy, or JSON nested lists / {'{'}"shape", "data"{'}'})
          </label>
          <input
            id="target-file-input"
            data-testid="target-file-input"
            type="file"
            accept=".json,.npy,application/json"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void loadTargetFile(f);
              e.target.value = '';
            }}
          />
          {file && (
            <p className="small" data-testid="target-file" data-kind={file.kind} data-shape={file.shape.join(',')}>
              <code>{file.name}</code>: {file.kind} [{file.shape.join(', ')}]
            </p>
          )}
        </div>
      )}
      {error && (
        <p className="callout callout-warn small" role="alert" data-testid="target-error">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="btn" data-testid="target-build" disabled={sweeping || building !== null} onClick={() => void buildTargetNow()}>
          Build target
        </button>
        {building && <span className="muted small" data-testid="target-building">{building}</span>}
      </div>
      {built && (
        <p className="small target-built" data-testid="target-built" data-kind={built.kind} data-shape={built.shape.join(',')} data-norm={built.norm ?? ''} data-label={built.label}>
          Current target: {built.label}
          {/* The label states the norm in words; the number is here for tests and scripts. */}
          {built.norm !== undefined && <data data-testid="target-norm" value={built.norm} data-value={built.norm} />}
          <span className="muted"> · built in {built.ms.toFixed(0)} ms</span>
        </p>
      )}
    </section>
  );
}
