/**
 * Persistence and sharing as UI state: the saved experiments' headers (the list), which saved
 * experiment the Model view's session and the Study run write to, storage and save warnings, the
 * deep link's outcome, and the share link of the current state. Plain data; the records themselves
 * live in IndexedDB (io/persist). Changes go through the named actions below and persist-jobs.ts.
 */
import { create } from 'zustand';
import type { RecordHeader } from '../io/persist/records';

export interface PersistState {
  /** 'memory': IndexedDB could not be opened, so nothing outlives this tab */
  backend: 'starting' | 'indexeddb' | 'memory';
  /** saved experiments, newest first */
  experiments: RecordHeader[];
  /** records this version cannot read (saved by a newer lab, or damaged) */
  unreadable: string[];
  /** the record the Model view's measurements go to, and the model (file hashes) it belongs to */
  labExpId: string | null;
  labModelKey: string | null;
  /** the record the Study run goes to (null: the next save makes a new one) */
  studyExpId: string | null;
  /** storage is close to its quota: said before saves fail */
  quotaWarning: string | null;
  /** the last save that failed, in words (what was saved before is kept) */
  saveError: string | null;
  /** the Model view shows saved numbers while no model is loaded */
  restoredNote: string | null;
  /** why the deep link could not be applied, or what it could not carry (local files) */
  linkError: string | null;
  linkNotes: string[];
  /** the link names a Hub model: offer to load it */
  linkOffer: { label: string } | null;
  /** the current state as a URL */
  shareUrl: string;
  /** startup (restore, deep link) finished */
  ready: boolean;
  lastAction: string;
}

export const initialPersistState = (): PersistState => ({
  backend: 'starting',
  experiments: [],
  unreadable: [],
  labExpId: null,
  labModelKey: null,
  studyExpId: null,
  quotaWarning: null,
  saveError: null,
  restoredNote: null,
  linkError: null,
  linkNotes: [],
  linkOffer: null,
  shareUrl: '',
  ready: false,
  lastAction: 'init',
});

export const usePersist = create<PersistState>()(() => initialPersistState());

function persistAction<A extends unknown[]>(name: string, update: (s: PersistState, ...args: A) => Partial<PersistState>): (...args: A) => void {
  return (...args: A) => usePersist.setState((s) => ({ ...update(s, ...args), lastAction: name }));
}

export const backendChosen = persistAction('backendChosen', (_s, backend: 'indexeddb' | 'memory', why?: string) => ({
  backend,
  ...(why ? { saveError: `Experiments cannot be saved in this browser (${why}): they are kept only until this tab closes.` } : {}),
}));
export const listLoaded = persistAction('listLoaded', (_s, experiments: RecordHeader[], unreadable: string[]) => ({ experiments, unreadable }));
export const labTarget = persistAction('labTarget', (_s, labExpId: string | null, labModelKey: string | null) => ({ labExpId, labModelKey }));
export const studyTarget = persistAction('studyTarget', (_s, studyExpId: string | null) => ({ studyExpId }));
export const quotaChecked = persistAction('quotaChecked', (_s, quotaWarning: string | null) => ({ quotaWarning }));
export const saveFailed = persistAction('saveFailed', (_s, saveError: string) => ({ saveError }));
export const saveSucceeded = persistAction('saveSucceeded', (s) => (s.saveError && s.backend === 'indexeddb' ? { saveError: null } : {}));
export const dismissSaveError = persistAction('dismissSaveError', () => ({ saveError: null }));
export const dismissQuotaWarning = persistAction('dismissQuotaWarning', () => ({ quotaWarning: null }));
export const restoredNoteSet = persistAction('restoredNoteSet', (_s, restoredNote: string | null) => ({ restoredNote }));
export const linkApplied = persistAction('linkApplied', (_s, linkError: string | null, linkNotes: string[], linkOffer: { label: string } | null) => ({ linkError, linkNotes, linkOffer }));
export const dismissLink = persistAction('dismissLink', () => ({ linkError: null, linkNotes: [], linkOffer: null }));
export const shareUrlChanged = persistAction('shareUrlChanged', (_s, shareUrl: string) => ({ shareUrl }));
export const persistReady = persistAction('persistReady', () => ({ ready: true }));
