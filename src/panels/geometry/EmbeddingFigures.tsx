/** The embedding battery's figures: norm and cosine histograms, covariance eigenspectrum, hidden-state evolution. */
import { useMemo } from 'react';
import type { EmbeddingBatteryResult } from '../../runtime/embedding-battery';
import { cosineHistogramFigure, covarianceFigure, evolutionCosineFigure, evolutionNormFigure, normHistogramFigure } from '../../plots/geometry/embedding';
import { PlotlyFigure } from '../common/PlotlyFigure';
import { ExportAllFigures } from '../common/ExportAllFigures';

export function EmbeddingFigures({ r }: { r: EmbeddingBatteryResult }) {
  const figs = useMemo(() => {
    const g = r.geometry;
    const e = r.evolution;
    return [
      { id: 'geo-fig-emb-norms', fig: normHistogramFigure(g) },
      { id: 'geo-fig-emb-cosines', fig: cosineHistogramFigure(g) },
      { id: 'geo-fig-emb-covariance', fig: covarianceFigure(g) },
      ...(e ? [{ id: 'geo-fig-hidden-norm', fig: evolutionNormFigure(e, r.evolutionHooks) }, { id: 'geo-fig-hidden-cos', fig: evolutionCosineFigure(e, r.evolutionHooks) }] : []),
    ];
  }, [r]);
  return (
    <div className="figure-grid">
      <ExportAllFigures testId="geo-embedding-export-all" name="embedding-figures" />
      {figs.map((f) => (
        <PlotlyFigure key={f.id} figure={f.fig} testId={f.id} />
      ))}
    </div>
  );
}
