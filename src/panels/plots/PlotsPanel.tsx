/** The three figures of the last measurement, each with a caption naming its definition and token position. */
import { useMemo } from 'react';
import { useLab } from '../../state/store';
import { selectMeasurement } from '../../state/selectors';
import type { Measurement } from '../../runtime/results';
import { normsFigure } from '../../plots/norms';
import { blockGainsFigure } from '../../plots/block-gains';
import { blockGainHeatmap } from '../../plots/heatmap';
import { PlotlyFigure } from '../common/PlotlyFigure';
import { ExportAllFigures } from '../common/ExportAllFigures';

export function PlotsPanel() {
  const m = useLab(selectMeasurement);
  return (
    <section className="panel" aria-labelledby="plots-h">
      <h2 id="plots-h">Figures</h2>
      {m ? <Figures m={m} /> : <p className="muted">The residual-norm profile, block gains and the token × block heatmap appear after Measure.</p>}
    </section>
  );
}

function Figures({ m }: { m: Measurement }) {
  const norms = useMemo(() => normsFigure(m), [m]);
  const gains = useMemo(() => blockGainsFigure(m), [m]);
  const heat = useMemo(() => blockGainHeatmap(m), [m]);
  return (
    <div className="figures">
      <ExportAllFigures testId="plots-export-all" name="model-figures" />
      <PlotlyFigure figure={norms} testId="plot-norms" />
      <div className="figure-pair">
        <PlotlyFigure figure={gains} testId="plot-block-gains" />
        <PlotlyFigure figure={heat} testId="plot-heatmap" />
      </div>
    </div>
  );
}
