/** The views of the lab as tabs; the URL hash (#study, #methods) names the open one so it survives a reload. */
import { useEffect, useState } from 'react';

export type ViewId = 'model' | 'study' | 'geometry' | 'modulator' | 'wordnet' | 'methods';

const TABS: { id: ViewId; label: string }[] = [
  { id: 'model', label: 'Model' },
  { id: 'study', label: 'Study' },
  { id: 'geometry', label: 'Geometry' },
  { id: 'modulator', label: 'Modulator' },
  { id: 'wordnet', label: 'WordNet' },
  { id: 'methods', label: 'Methods' },
];

const fromHash = (): ViewId => {
  const h = typeof location === 'undefined' ? '' : location.hash.replace(/^#/, '');
  return TABS.some((t) => t.id === h) ? (h as ViewId) : 'model';
};

/** The open view, following the hash (back / forward move between views). */
export function useView(): [ViewId, (v: ViewId) => void] {
  const [view, setView] = useState<ViewId>(fromHash);
  useEffect(() => {
    const on = () => setView(fromHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const go = (v: ViewId) => {
    // The Model view is the page itself: no hash, so links to the bare URL keep working.
    history.pushState(null, '', v === 'model' ? location.pathname + location.search : `#${v}`);
    setView(v);
  };
  return [view, go];
}

export function TabBar({ view, onChange }: { view: ViewId; onChange: (v: ViewId) => void }) {
  return (
    <nav className="tab-bar" role="tablist" aria-label="Views">
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          data-testid={`tab-${t.id}`}
          aria-selected={view === t.id}
          aria-controls={`view-${t.id}`}
          className={`tab ${view === t.id ? 'active' : ''}`}
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </nav>
  );
}
