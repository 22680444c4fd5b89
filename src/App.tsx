/** The lab: a header, the banners, and the views as tabs: Model (the single-model dashboard, the default), Study, Geometry, Modulator and Methods. */
import { useEffect } from 'react';
import { Header } from './panels/common/Header';
import { ErrorBanner, NoticeBanner } from './panels/common/Banners';
import { TabBar, useView } from './panels/common/TabBar';
import { ModelPanel } from './panels/model/ModelPanel';
import { CacheList } from './panels/model/CacheList';
import { PromptPanel } from './panels/prompt/PromptPanel';
import { GainPanel } from './panels/gains/GainPanel';
import { PlotsPanel } from './panels/plots/PlotsPanel';
import { ExportPanel } from './panels/export/ExportPanel';
import { StudyView } from './panels/study/StudyView';
import { MethodsPage } from './panels/methods/MethodsPage';
import { GeometryView } from './panels/geometry/GeometryView';
import { ModulatorView } from './panels/modulator/ModulatorView';
import { WordNetView } from './panels/wordnet/WordNetView';
import { probeWorker } from './state/jobs';
import { startPersistence } from './state/persist-start';
import { ExperimentsPanel } from './panels/experiments/ExperimentsPanel';
import { PersistBanners } from './panels/experiments/PersistBanners';
import { RestoredNote } from './panels/experiments/RestoredNote';

function ModelView() {
  return (
    <div className="layout">
      <aside className="col-left">
        <ModelPanel />
        <CacheList />
      </aside>
      <main className="col-main">
        <RestoredNote />
        <PromptPanel />
        <GainPanel />
        <PlotsPanel />
        <ExportPanel />
      </main>
    </div>
  );
}

export function App() {
  const [view, setView] = useView();
  useEffect(() => {
    void probeWorker();
    void startPersistence();
  }, []);
  return (
    <div className="app">
      <Header />
      <TabBar view={view} onChange={setView} />
      <ExperimentsPanel view={view} onOpened={(kind) => setView(kind === 'sweep' ? 'study' : 'model')} />
      <div className="banners">
        <ErrorBanner />
        <NoticeBanner />
        <PersistBanners />
      </div>
      <div role="tabpanel" id={`view-${view}`} aria-labelledby={`tab-${view}`}>
        {view === 'model' && <ModelView />}
        {view === 'study' && <StudyView />}
        {view === 'geometry' && <GeometryView />}
        {view === 'modulator' && <ModulatorView />}
        {view === 'wordnet' && <WordNetView />}
        {view === 'methods' && <MethodsPage />}
      </div>
    </div>
  );
}
