/** The WordNet battery's figures, each with the lab's export menu; data-points on each box counts what it draws. */
import { useMemo } from 'react';
import type { WordNetJobResult } from '../../../workers/analysis.worker';
import { depthFigure, scatterFigure, stabilityFigure } from './figures';
import type { FigureSpec } from '../../plots/types';
import { PlotlyFigure } from '../common/PlotlyFigure';
import { ExportAllFigures } from '../common/ExportAllFigures';

const pointsOf = (f: FigureSpec): number => f.data.reduce((a, t) => a + (t.y?.length ?? 0), 0);

export function WordNetFigures({ r }: { r: WordNetJobResult }) {
  const figs = useMemo(() => {
    const b = r.battery;
    const out: { id: string; fig: FigureSpec }[] = [];
    if (r.pairs) out.push({ id: 'wn-fig-scatter-static', fig: scatterFigure(b, r.pairs, 'static' as const) }, { id: 'wn-fig-scatter-context', fig: scatterFigure(b, r.pairs, 'context' as const) });
    out.push({ id: 'wn-fig-depth', fig: depthFigure(b) });
    const st = stabilityFigure(b);
    if (st) out.push({ id: 'wn-fig-stability', fig: st });
    return out;
  }, [r]);
  return (
    <div className="figure-grid" data-testid="wordnet-figures" data-count={figs.length}>
      <ExportAllFigures testId="wordnet-export-all" name="wordnet-figures" />
      {r.pairsNote && (
        <p className="callout callout-note" data-testid="wordnet-pairs-note">
          No scatter figures: {r.pairsNote}.
        </p>
      )}
      {figs.map((f) => (
        <div key={f.id} data-testid={`${f.id}-box`} data-points={pointsOf(f.fig)} data-traces={f.fig.data.length}>
          <PlotlyFigure figure={f.fig} testId={f.id} />
        </div>
      ))}
    </div>
  );
}
