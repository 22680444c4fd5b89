/**
 * The WordNet battery's wall time through the real UI in Chromium: stories260K on WASM, the WordNet
 * tab's default options but a single run (1 seed, section 3's sample sizes), seconds from the Run
 * click to the result on screen. The first run also fetches and parses the WordNet asset and
 * tokenizes every lemma (reported in meta as the cold time); the analysis worker keeps both for later
 * runs on the same model, so the metric, the median of the warm runs after it, is the battery itself:
 * definitions through the model, the relational statistics and the scatter pairs.
 *
 * For bench/run.ts (not wired in here): after `page.goto(`${APP}/`)`,
 *   const r = await benchWordNet(page, { hubBaseUrl: HUB_URL });
 *   Object.assign(report, r.metrics); meta.wordnet = r.meta;
 */
import type { Page } from '@playwright/test';
import { median } from './median';
import { loadThroughUi } from './load-ui';

export interface WordNetBenchOptions {
  /** load stories260K from this Hub mirror through the Model view's Hub form (its defaults name stories260K) */ hubBaseUrl?: string;
  /** or from local files (checkpoint, tokenizer) through the file input */ files?: string[];
  /** warm runs timed after the cold one (default 3) */ runs?: number;
}

export interface WordNetBenchResult {
  /** wordnet_battery_s_stories260k */ metrics: Record<string, number>;
  meta: {
    /** s of the first run, WordNet asset fetch and parse included */ coldS: number;
    /** [runs] s of each warm run */ warmS: number[];
    /** the analysis worker's own split of the last run: WordNet load, lemma tokenizing, whole job (ms) */ worker: { wordnetMs: number; encodeMs: number; totalMs: number };
    matched: number;
    pairsValid: number;
    statistic: string;
  };
}

/** One run: click Run, wait (in the page, no polling gaps) for status done with a new result; seconds. */
async function timedRun(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const q = (t: string) => document.querySelector(`[data-testid=${t}]`);
        const before = q('wordnet-result')?.getAttribute('data-total-ms') ?? null;
        const t0 = performance.now();
        const done = () => {
          const status = q('wordnet-status')?.getAttribute('data-status');
          if (status === 'failed' || status === 'cancelled') return reject(new Error(q('wordnet-note')?.textContent ?? `the run ended ${status}`));
          const now = q('wordnet-result')?.getAttribute('data-total-ms') ?? null;
          if (status !== 'done' || now === null || now === before) return;
          obs.disconnect();
          resolve((performance.now() - t0) / 1000);
        };
        const obs = new MutationObserver(done);
        obs.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status', 'data-total-ms'] });
        (q('wordnet-run') as HTMLButtonElement).click();
      }),
  );
}

export async function benchWordNet(page: Page, o: WordNetBenchOptions): Promise<WordNetBenchResult> {
  // tsx (esbuild keepNames) wraps named inner functions in __name(...); functions sent to the page need it defined there.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.evaluate('globalThis.__name = (f) => f;');
  await loadThroughUi(page, { ...o, ep: 'wasm' });
  await page.getByTestId('tab-wordnet').click();
  await page.getByTestId('wordnet-seeds').fill('1');
  const coldS = await timedRun(page);
  const warmS: number[] = [];
  for (let i = 0; i < (o.runs ?? 3); i++) warmS.push(await timedRun(page));
  const json = await page.evaluate(() => {
    const r = document.querySelector('[data-testid=wordnet-run-counts]');
    const m = document.querySelector('[data-testid=wordnet-matched]');
    const t = /WordNet loaded in (\d+) ms, lemmas tokenized in (\d+) ms.*; whole run ([\d.]+) s/.exec(document.querySelector('[data-testid=wordnet-timing]')?.textContent ?? '');
    return { pairs: Number(r?.getAttribute('data-pairs-valid')), matched: Number(m?.getAttribute('data-matched')), t: t ? [Number(t[1]), Number(t[2]), Number(t[3]) * 1000] : [NaN, NaN, NaN] };
  });
  return {
    metrics: { wordnet_battery_s_stories260k: median(warmS) },
    meta: {
      coldS,
      warmS,
      worker: { wordnetMs: json.t[0], encodeMs: json.t[1], totalMs: json.t[2] },
      matched: json.matched,
      pairsValid: json.pairs,
      statistic: 'seconds from the Run click to the new result on screen, WordNet tab, stories260K on WASM, 1 seed (section 3 sample sizes); median of the warm runs after one cold run (WordNet asset and lemma ids kept by the analysis worker)',
    },
  };
}
