/** Hold every Hub request for one repo until release() (the model worker's fetches go through the page's routes). */
import type { Page, Route } from '@playwright/test';
import { HUB } from './lab-page';

export async function holdRepo(page: Page, repo: string): Promise<{ release: () => void; seen: () => boolean }> {
  let release!: () => void;
  const gate = new Promise<void>((ok) => (release = ok));
  let seen = false;
  await page.route(`${HUB}/${repo}/**`, async (route: Route) => {
    seen = true;
    await gate;
    // A request of a page that went away (a reload) is dropped quietly.
    await route.continue().catch(() => undefined);
  });
  return { release, seen: () => seen };
}
