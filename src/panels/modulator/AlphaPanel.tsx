/**
 * The alpha sliders: one linked slider for every selected block (the default) or one per block, the
 * seed's presets as buttons, and the seed's logit parametrisation next to each value. Every change runs
 * a new request at once; the stale one is cancelled.
 */
import { useShallow } from 'zustand/react/shallow';
import { useModulator } from '../../state/modulator-store';
import { setAlpha, setLinked, setOwnAlpha, toggleBlock } from '../../state/modulator-actions';
import { modulateNow } from '../../state/modulator-jobs';
import { selectAlphaForm } from '../../state/modulator-selectors';
import { SEED_ALPHA_PRESETS, alphaToLogit } from '../../analysis/modulation/alpha';
import { FIELD_DEFAULTS } from '../../analysis/modulation/field/config';

/** "−∞" / "+∞" at the ends, else 5 decimals (the seed stores logits, so compare with its numbers). */
function logitText(alpha: number): string {
  const l = alphaToLogit(alpha);
  return l === -Infinity ? '−∞' : l === Infinity ? '+∞' : l.toFixed(5);
}

const change = (apply: () => void) => {
  apply();
  void modulateNow();
};

/** The slider's range: [0, 1] for the lerp; the field modulator's clamp range [0.001, 0.35]. */
interface Range {
  min: number;
  max: number;
}

function AlphaControl({ value, testId, label, disabled, onChange, range }: { value: number; testId: string; label: string; disabled: boolean; onChange: (v: number) => void; range: Range }) {
  return (
    <div className="alpha-control">
      <label className="alpha-label" htmlFor={`${testId}-range`}>
        {label}
      </label>
      <input id={`${testId}-range`} data-testid={`${testId}-slider`} type="range" min={range.min} max={range.max} step="any" value={value} disabled={disabled} onChange={(e) => onChange(Number(e.target.value))} />
      <input
        className="alpha-number"
        data-testid={`${testId}-input`}
        aria-label={`${label} value`}
        type="number"
        min={range.min}
        max={range.max}
        step="any"
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && ((v >= range.min && v <= range.max) || v === 0)) onChange(v);
        }}
      />
      <span className="alpha-readout">
        α = <code data-testid={`${testId}-value`} data-value={value}>{value}</code>, logit = <code data-testid={`${testId}-logit`} data-value={String(alphaToLogit(value))}>{logitText(value)}</code>
      </span>
    </div>
  );
}

export function AlphaPanel() {
  const f = useModulator(useShallow(selectAlphaForm));
  const sweeping = useModulator((s) => s.sweep.running);
  const field = useModulator((s) => s.modType === 'field');
  const n = f.blocks.length;
  const range: Range = field ? { min: FIELD_DEFAULTS.alphaMin, max: FIELD_DEFAULTS.alphaMax } : { min: 0, max: 1 };
  const presets = SEED_ALPHA_PRESETS.filter((p) => p <= range.max);
  return (
    <section className="panel" aria-labelledby="mod-alpha-h">
      <h2 id="mod-alpha-h">Alpha</h2>
      {field ? (
        <p className="muted small" data-testid="alpha-range" data-min={range.min} data-max={range.max}>
          Before each selected block i, every expert k gates with (1 − α<sub>i</sub>) + α<sub>i</sub> gate<sub>k</sub> (seed 05 §12). α is clamped to [{range.min}, {range.max}]
          after sigmoid(logit), as the seed’s modulator does; 0 (off) leaves a block alone.
        </p>
      ) : (
        <p className="muted small">
          Before each selected block i: h′ = (1 − α<sub>i</sub>) h + α<sub>i</sub> target (seed 05 §7). The seed stores α as a logit, α = sigmoid(logit), logit = ln(α / (1 − α)).
        </p>
      )}
      <div className="param-row">
        <label className="check">
          <input type="checkbox" data-testid="alpha-linked" checked={f.linked} disabled={sweeping} onChange={(e) => change(() => setLinked(e.target.checked))} />
          one alpha for every selected block
        </label>
      </div>
      <div className="block-toggles" role="group" aria-label="Modulated blocks">
        <span className="muted small">blocks:</span>
        {f.blocks.map((on, i) => (
          <label key={i} className="check block-toggle">
            <input type="checkbox" data-testid={`block-toggle-${i}`} checked={on} disabled={sweeping} onChange={() => change(() => toggleBlock(i))} />
            {i}
          </label>
        ))}
      </div>
      {f.linked ? (
        <AlphaControl value={f.alpha} testId="alpha" label={`α at ${f.blocks.filter(Boolean).length} of ${n} blocks`} disabled={sweeping} range={range} onChange={(v) => change(() => setAlpha(v))} />
      ) : (
        f.own.map((a, i) => <AlphaControl key={i} value={a} testId={`alpha-${i}`} label={`α block ${i}`} disabled={sweeping || !f.blocks[i]} range={range} onChange={(v) => change(() => setOwnAlpha(i, v))} />)
      )}
      <div className="button-row presets" role="group" aria-label="Seed presets">
        <span className="muted small">seed presets:</span>
        {presets.map((p) => (
          <button
            key={p}
            type="button"
            className={`btn btn-small ${f.linked && f.alpha === p ? 'btn-primary' : ''}`}
            data-testid="alpha-preset"
            data-alpha={p}
            disabled={sweeping}
            title={`logit ${logitText(p)}`}
            onClick={() => change(() => (f.linked ? setAlpha(p) : f.own.forEach((_, i) => setOwnAlpha(i, p))))}
          >
            {p}
          </button>
        ))}
        <button type="button" className="btn btn-small" data-testid="alpha-zero" disabled={sweeping} onClick={() => change(() => (f.linked ? setAlpha(0) : f.own.forEach((_, i) => setOwnAlpha(i, 0))))}>
          0 (off)
        </button>
      </div>
    </section>
  );
}
