/**
 * The modulator-type switch (lerp toward a target, or the seed's Geometric Field Modulator) and the
 * field modulator's settings: the weight seed and what the modulator does, in a sentence or two.
 */
import { useModulator } from '../../state/modulator-store';
import { editFieldSeed, setModType } from '../../state/modulator-actions';
import { modulateNow } from '../../state/modulator-jobs';
import type { ModulatorType } from '../../state/modulator-store';

export function ModulatorTypeSwitch() {
  const type = useModulator((s) => s.modType);
  const sweeping = useModulator((s) => s.sweep.running);
  return (
    <section className="panel" aria-labelledby="mod-type-h">
      <h2 id="mod-type-h">Modulator</h2>
      <div className="field field-inline">
        <label htmlFor="modulator-type">type</label>
        <select
          id="modulator-type"
          data-testid="modulator-type"
          value={type}
          disabled={sweeping}
          onChange={(e) => {
            setModType(e.target.value as ModulatorType);
            void modulateNow();
          }}
        >
          <option value="lerp">Lerp toward a target (seed 05 §7)</option>
          <option value="field">Geometric field (seed 05 §12)</option>
        </select>
      </div>
    </section>
  );
}

export function FieldPanel() {
  const seed = useModulator((s) => s.fieldSeed);
  const shape = useModulator((s) => s.shape)!;
  const sweeping = useModulator((s) => s.sweep.running);
  const nNull = Math.trunc(shape.dModel * 0.25);
  return (
    <section className="panel" aria-labelledby="mod-field-h">
      <h2 id="mod-field-h">Geometric field</h2>
      <div className="field field-inline">
        <label htmlFor="field-seed">weights seed</label>
        <input
          id="field-seed"
          data-testid="field-seed"
          type="number"
          step={1}
          value={Number.isNaN(seed) ? '' : seed}
          disabled={sweeping}
          onChange={(e) => editFieldSeed(e.target.value.trim() === '' ? NaN : Number(e.target.value))}
          onBlur={() => void modulateNow()}
        />
      </div>
      <p className="muted small">
        Three k-simplex experts (k = 1, 2, 4; edim 8) read the first {shape.dModel - nNull} dims of the stream before each block, deform a frozen template, measure it with
        the Cayley-Menger determinant and gate those dims multiplicatively: h<sub>a</sub> ← h<sub>a</sub> · ∏<sub>k</sub> ((1 − α<sub>k</sub>) + α<sub>k</sub> gate<sub>k</sub>). The last{' '}
        {nNull} dims (the null space) are never touched. Untrained weights drawn with PyTorch’s default init from the lab’s seeded generator; α clamped to [0.001, 0.35]
        as the seed does.
      </p>
    </section>
  );
}
