/** The six study figures for the chosen gain definition, each with a caption naming it and the token position. */
import { useMemo } from 'react';
import type { StudyFigureInput } from '../../plots/study/types';
import { rhoFigure } from '../../plots/study/rho';
import { layersFigure } from '../../plots/study/layers';
import { categoryFigure, distFigure } from '../../plots/study/distributions';
import { entropyFigure } from '../../plots/study/entropy';
import { normFigure } from '../../plots/study/norm';
import { PlotlyFigure } from '../common/PlotlyFigure';
import { ExportAllFigures } from '../common/ExportAllFigures';

export function StudyFigures({ input }: { input: StudyFigureInput }) {
  const figs = useMemo(
    () => [
      { id: 'study-fig-rho', fig: rhoFigure(input) },
      { id: 'study-fig-layers', fig: layersFigure(input) },
      { id: 'study-fig-dist', fig: distFigure(input) },
      { id: 'study-fig-category', fig: categoryFigure(input) },
      { id: 'study-fig-entropy', fig: entropyFigure(input) },
      { id: 'study-fig-norm', fig: normFigure(input) },
    ],
    [input],
  );
  return (
    <div className="figure-grid">
      <ExportAllFigures testId="study-export-all" name="study-figures" />
      {figs.map((f) => (
        <PlotlyFigure key={f.id} figure={f.fig} testId={f.id} />
      ))}
    </div>
  );
}
