/**
 * The Study view: prompt set, sweep queue and import on the left; the comparison table,
 * statistics, figures and per-prompt values of every model on the right.
 */
import { useStudy } from '../../state/study-store';
import { dismissStudyError, dismissStudyNotice } from '../../state/study-actions';
import { positionText, selectStudyError, selectStudyNotice, useFigureInput, useStudyModels, useStudyStats } from '../../state/study-view';
import { PromptSetPanel } from './PromptSetPanel';
import { SweepPanel } from './SweepPanel';
import { ImportPanel } from './ImportPanel';
import { StudyTable } from './StudyTable';
import { StatsPanel } from './StatsPanel';
import { StudyFigures } from './StudyFigures';
import { PromptsTable } from './PromptsTable';
import { StudyDataExport } from './StudyDataExport';

function StudyBanners() {
  const error = useStudy(selectStudyError);
  const notice = useStudy(selectStudyNotice);
  return (
    <>
      {error && (
        <div className="banner banner-error" role="alert" data-testid="study-error">
          <div className="banner-body">{error}</div>
          <button type="button" className="btn btn-quiet" onClick={dismissStudyError}>
            Dismiss
          </button>
        </div>
      )}
      {notice && (
        <div className="banner banner-notice" role="status" data-testid="study-notice">
          <div className="banner-body">{notice}</div>
          <button type="button" className="btn btn-quiet" onClick={dismissStudyNotice}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}

export function StudyView() {
  const models = useStudyModels();
  const { perModel, across, field } = useStudyStats(models);
  const figureInput = useFigureInput(models, across);
  return (
    <div className="study" data-testid="study-view">
      <div className="banners-inline">
        <StudyBanners />
      </div>
      <div className="layout">
        <aside className="col-left">
          <PromptSetPanel />
          <SweepPanel />
          <ImportPanel />
        </aside>
        <main className="col-main">
          <section className="panel" aria-labelledby="study-table-h">
            <h2 id="study-table-h">Comparison</h2>
            <p className="muted small" data-testid="study-position-note">
              One row per model. Gains at {positionText(models)}; mean ± sample std (ddof = 1) over the measured prompts; † = as the imported file states it.
            </p>
            <StudyTable models={models} />
            <PromptsTable models={models} />
            <StudyDataExport />
          </section>
          <section className="panel" aria-labelledby="study-stats-h">
            <h2 id="study-stats-h">Statistics</h2>
            <StatsPanel perModel={perModel} across={across} field={field} />
          </section>
          <section className="panel" aria-labelledby="study-figs-h">
            <h2 id="study-figs-h">Figures</h2>
            {models.length ? <StudyFigures input={figureInput} /> : <p className="muted">The figures appear once a model has results.</p>}
          </section>
        </main>
      </div>
    </div>
  );
}
