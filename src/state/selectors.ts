/** Selectors: what components read. Kept here so panels never reach into the state's shape. */
import type { LabState } from './store';

export const selectWorker = (s: LabState) => s.worker;
export const selectSourceKind = (s: LabState) => s.sourceKind;
export const selectHub = (s: LabState) => s.hub;
export const selectLocal = (s: LabState) => s.local;
export const selectEp = (s: LabState) => s.ep;
export const selectModel = (s: LabState) => s.model;
export const selectPrompt = (s: LabState) => s.prompt;
export const selectGeneration = (s: LabState) => s.generation;
export const selectMeasurement = (s: LabState) => s.measurement;
export const selectResultsCount = (s: LabState) => s.results.length;
export const selectJob = (s: LabState) => s.job;
export const selectError = (s: LabState) => s.error;
export const selectNotice = (s: LabState) => s.notice;
export const selectBusy = (s: LabState) => s.job !== null || s.lockedBy !== null;
export const selectLoaded = (s: LabState) => s.model !== null;
export const selectHf = (s: LabState) => s.hf;
export const selectLoadFiles = (s: LabState) => s.loadFiles;
export const selectCache = (s: LabState) => s.cache;
