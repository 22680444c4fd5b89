/** The walking skeleton's single dashboard: model on the left, prompt, gains, figures and export on the right. */
import { useEffect } from 'react';
import { Header } from './panels/common/Header';
import { ErrorBanner, NoticeBanner } from './panels/common/Banners';
import { ModelPanel } from './panels/model/ModelPanel';
import { CacheList } from './panels/model/CacheList';
import { PromptPanel } from './panels/prompt/PromptPanel';
import { GainPanel } from './panels/gains/GainPanel';
import { PlotsPanel } from './panels/plots/PlotsPanel';
import { ExportPanel } from './panels/export/ExportPanel';
import { probeWorker } from './state/jobs';

export function App() {
  useEffect(() => {
    void probeWorker();
  }, []);
  return (
    <div className="app">
      <Header />
      <div className="banners">
        <ErrorBanner />
        <NoticeBanner />
      </div>
      <div className="layout">
        <aside className="col-left">
          <ModelPanel />
          <CacheList />
        </aside>
        <main className="col-main">
          <PromptPanel />
          <GainPanel />
          <PlotsPanel />
          <ExportPanel />
        </main>
      </div>
    </div>
  );
}
