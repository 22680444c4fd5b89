/** The weight battery's figures (each with the shared export menu) and their choices: spectra by kind, the ESD of one matrix, the null test per family, the scale track. */
import { useMemo } from 'react';
import type { WeightBatteryResult } from '../../runtime/weight-battery';
import { useGeometry } from '../../state/geometry-store';
import { chooseEsdMatrix, chooseNullFamily, chooseSpectraKind } from '../../state/geometry-actions';
import { defaultEsdMatrix, resolveChoice, spectraKinds } from '../../state/geometry-view';
import { esdFigure, nullCosineFigure, scaleTrackFigure, spectraFigure } from '../../plots/geometry/weights';
import { PlotlyFigure } from '../common/PlotlyFigure';
import { ExportAllFigures } from '../common/ExportAllFigures';

function Choice({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: string[]; onChange: (v: string) => void }) {
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

export function WeightFigures({ r }: { r: WeightBatteryResult }) {
  const chosen = [useGeometry((s) => s.spectraKind), useGeometry((s) => s.esdMatrix), useGeometry((s) => s.nullFamily)];
  const kinds = spectraKinds(r);
  const names = r.matrices.map((m) => m.name);
  const families = r.nullTest?.families.map((f) => f.family) ?? [];
  const kind = resolveChoice(chosen[0], kinds);
  const matrix = resolveChoice(chosen[1], names, defaultEsdMatrix(r));
  const family = resolveChoice(chosen[2], families);
  const spectra = useMemo(() => spectraFigure(r.matrices, kind), [r, kind]);
  const esd = useMemo(() => esdFigure(r.matrices.find((m) => m.name === matrix)!), [r, matrix]);
  const cosine = useMemo(() => {
    const f = r.nullTest?.families.find((x) => x.family === family);
    return f ? nullCosineFigure(f, r.nullTestStack) : null;
  }, [r, family]);
  const scale = useMemo(() => (r.nullTest ? scaleTrackFigure(r.nullTest, r.nullTestStack) : null), [r]);
  return (
    <div className="figure-grid">
      <ExportAllFigures testId="geo-weights-export-all" name="weight-figures" />
      <div>
        <Choice id="geo-spectra-kind" label="Matrix kind" value={kind} options={kinds} onChange={chooseSpectraKind} />
        <PlotlyFigure figure={spectra} testId="geo-fig-spectra" />
      </div>
      {matrix && (
        <div>
          <Choice id="geo-esd-matrix" label="Matrix" value={matrix} options={names} onChange={chooseEsdMatrix} />
          <PlotlyFigure figure={esd} testId="geo-fig-esd" />
        </div>
      )}
      {cosine && (
        <div>
          <Choice id="geo-null-family" label="Family" value={family} options={families} onChange={chooseNullFamily} />
          <PlotlyFigure figure={cosine} testId="geo-fig-null-cosine" />
        </div>
      )}
      {scale && (
        <div>
          <PlotlyFigure figure={scale} testId="geo-fig-scale-track" />
        </div>
      )}
    </div>
  );
}
