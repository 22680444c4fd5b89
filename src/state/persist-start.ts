/**
 * Startup of persistence and sharing, in order: open the experiment store, bring back the newest
 * saved measurement and sweep, then apply the page's link on top (a link names the form the user
 * wants), then let the address bar follow the state.
 */
import { openExperiments, restoreLatest } from './persist-jobs';
import { applyLinkFromLocation, startUrlSync } from './persist-url';
import { persistReady } from './persist-store';

let started = false;

export async function startPersistence(): Promise<void> {
  // React's StrictMode runs effects twice in development: start once.
  if (started) return;
  started = true;
  try {
    await openExperiments();
    await restoreLatest();
  } finally {
    applyLinkFromLocation();
    startUrlSync();
    persistReady();
  }
}
