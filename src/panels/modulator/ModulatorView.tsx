/**
 * The Modulator view (issue 7): the model loaded in the Model view, pulled toward a target under alpha
 * sliders, h' = (1 - alpha) h + alpha target before each selected block, with the original and the
 * modulated continuation side by side, the seed's impact measures and an alpha sweep. The type switch
 * swaps the lerp for the seed's Geometric Field Modulator (section 12), with its health report.
 */
import { useEffect } from 'react';
import { useLab } from '../../state/store';
import { selectModel } from '../../state/selectors';
import { useModulator } from '../../state/modulator-store';
import { attachModel, modulateNow } from '../../state/modulator-jobs';
import { InputsPanel } from './InputsPanel';
import { TargetPanel } from './TargetPanel';
import { AlphaPanel } from './AlphaPanel';
import { Continuations } from './Continuations';
import { SweepSection } from './SweepSection';
import { FieldPanel, ModulatorTypeSwitch } from './FieldPanel';
import { FieldHealth } from './FieldHealth';

export function ModulatorView() {
  const model = useLab(selectModel);
  const locked = useLab((s) => s.lockedBy);
  const attached = useModulator((s) => s.modelKey !== null && (s.shape !== null || s.shapeError !== null));
  const shape = useModulator((s) => s.shape);
  const shapeError = useModulator((s) => s.shapeError);
  const hasResult = useModulator((s) => s.result !== null || s.pending !== null || s.error !== null);
  const field = useModulator((s) => s.modType === 'field');

  useEffect(() => {
    void attachModel(model);
  }, [model]);

  // The first look at a model shows a modulation at once (the default target is cheap to build).
  useEffect(() => {
    if (shape && !hasResult) void modulateNow();
  }, [shape, hasResult]);

  if (!model) {
    return (
      <section className="panel modulator-empty" data-testid="modulator-view" data-state="no-model">
        <h2>Modulator</h2>
        <p className="muted" data-testid="modulator-no-model">
          No model is loaded. Load one in the <a href="#model">Model</a> view;
          the Modulator works on the model loaded there.
        </p>
      </section>
    );
  }
  if (locked) {
    return (
      <section className="panel" data-testid="modulator-view" data-state="locked">
        <h2>Modulator</h2>
        <p className="muted">The {locked} view holds the model worker (a sweep is running); the Modulator waits for it.</p>
      </section>
    );
  }
  if (!attached) {
    return (
      <section className="panel" data-testid="modulator-view" data-state="attaching">
        <h2>Modulator</h2>
        <p className="muted">Reading the model’s residual structure…</p>
      </section>
    );
  }
  if (!shape) {
    return (
      <section className="panel" data-testid="modulator-view" data-state="unsupported">
        <h2>Modulator</h2>
        <p className="callout callout-warn" data-testid="modulator-shape-error">
          {shapeError}
        </p>
      </section>
    );
  }
  return (
    <div className="layout modulator" data-testid="modulator-view" data-state="ready">
      <aside className="col-left">
        <InputsPanel />
        <ModulatorTypeSwitch />
        {field ? <FieldPanel /> : <TargetPanel />}
      </aside>
      <main className="col-main">
        <AlphaPanel />
        <Continuations />
        <FieldHealth />
        <SweepSection />
      </main>
    </div>
  );
}
