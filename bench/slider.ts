/**
 * Slider latency of the Modulator view, measured through the real UI in Chromium: the time from a new
 * alpha set on the linked slider to the modulated continuation for that alpha on screen (the rendered
 * continuation's data-alphas names the new alpha, the view is idle, and a frame has been painted).
 * stories260K, prompt "Once upon a time", random vector target (seed 1234), greedy, 32 new tokens,
 * `warmup` untimed moves, then `moves` sequential moves (each waits for the one before); median and p95
 * (nearest rank).
 *
 * For bench/run.ts (not wired in here): after `page.goto(`${APP}/?expose`)`,
 *   const r = await benchSlider(page, { ep, hubBaseUrl: HUB_URL });
 *   Object.assign(report, r.metrics); meta[`slider_${ep}`] = r.meta;
 * The model is loaded through the Model view's form (Hub source, or local files), so the UI knows it.
 */
import type { Page } from '@playwright/test';
import { median } from './median';
import { loadThroughUi } from './load-ui';

export interface SliderBenchOptions {
  ep: 'wasm' | 'webgpu';
  /** load stories260K from this Hub mirror through the Model view's Hub form (its defaults name stories260K) */ hubBaseUrl?: string;
  /** or from local files (checkpoint, tokenizer) through the file input */ files?: string[];
  /** number of timed moves (default 50) */ moves?: number;
  /** new tokens per continuation (default 32) */ maxNewTokens?: number;
  /** untimed moves first (default 10): sessions, the original's cache and the WASM engine's tier-up settle */ warmup?: number;
}

export interface SliderBenchResult {
  /** slider_p50_ms_<ep>, slider_p95_ms_<ep> */ metrics: Record<string, number>;
  meta: {
    moves: number;
    warmup: number;
    maxNewTokens: number;
    /** [moves] ms per move, in order */ times: number[];
    /** [moves] ms until the DOM held the new result (before the frame) */ domTimes: number[];
    /** generated tokens of each modulated continuation (32 unless a stop token came first) */ tokens: number[];
    /** the engine's own time per request (worker side), median */ workerMedianMs: number;
    statistic: string;
    ep: string;
  };
}

/** Nearest-rank percentile: the smallest value with at least p of the samples at or below it. */
const percentile = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * xs.length) - 1)];

/** Distinct alphas in (0, 0.5], 4 decimals, no two consecutive equal (a repeat would show at once). */
export function sliderAlphas(n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.round((0.01 + ((i * 0.1237) % 0.49)) * 1e4) / 1e4);
}

export async function benchSlider(page: Page, o: SliderBenchOptions): Promise<SliderBenchResult> {
  // tsx (esbuild keepNames) wraps named inner functions in __name(...); functions sent to the page need it defined there.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.evaluate('globalThis.__name = (f) => f;');
  const moves = o.moves ?? 50;
  const maxNewTokens = o.maxNewTokens ?? 32;
  await loadThroughUi(page, o);
  const id = (t: string) => page.getByTestId(t);
  await id('tab-modulator').click();
  await page.waitForSelector('[data-testid=modulator-view][data-state=ready]', { timeout: 60_000 });
  await id('mod-prompt').fill('Once upon a time');
  await id('mod-max-new-tokens').fill(String(maxNewTokens));
  await id('mod-decoding').selectOption('greedy');
  await id('target-choice').selectOption('random');
  await id('target-random-seed').fill('1234');
  await id('target-random-shape').selectOption('vector');

  const r = await page.evaluate(
    async ({ alphas, warmup }) => {
      const q = (t: string) => document.querySelector(`[data-testid=${t}]`);
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      /** Resolve when the rendered result is for `key` and nothing is in flight. */
      const shown = (key: string) =>
        new Promise<void>((resolve, reject) => {
          const ok = () => q('continuation-modulated')?.getAttribute('data-alphas') === key && q('modulator-status')?.getAttribute('data-state') === 'idle';
          const failed = () => q('modulator-status')?.getAttribute('data-state') === 'error';
          if (ok()) return resolve();
          const timer = setTimeout(() => {
            obs.disconnect();
            reject(new Error(`no result for alphas ${key} within 120 s`));
          }, 120_000);
          const obs = new MutationObserver(() => {
            if (!failed() && !ok()) return;
            obs.disconnect();
            clearTimeout(timer);
            if (failed()) reject(new Error(q('modulator-error')?.textContent ?? 'modulation failed'));
            else resolve();
          });
          obs.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-alphas', 'data-state'] });
        });
      const painted = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const move = async (a: number) => {
        const slider = q('alpha-slider') as HTMLInputElement;
        const n = (q('continuation-modulated')?.getAttribute('data-alphas') ?? '0').split(',').length || 1;
        const key = Array.from({ length: n }, () => String(a)).join(',');
        const t0 = performance.now();
        setter.call(slider, String(a));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        await shown(key);
        const t1 = performance.now();
        await painted();
        const ids = q('continuation-modulated')?.getAttribute('data-ids') ?? '';
        const worker = Number(/([\d.]+) ms/.exec(q('modulator-status')?.textContent ?? '')?.[1] ?? NaN);
        return { total: performance.now() - t0, dom: t1 - t0, tokens: ids ? ids.split(',').length : 0, worker };
      };
      // Wait for the view's first run, then warm up (original cached, sessions created) off the clock.
      await new Promise<void>((res) => {
        const t = setInterval(() => {
          if (q('modulator-status')?.getAttribute('data-state') !== 'idle') return;
          clearInterval(t);
          res();
        }, 20);
      });
      for (const a of warmup) await move(a);
      const out = [];
      for (const a of alphas) out.push(await move(a));
      return out;
    },
    { alphas: sliderAlphas(moves), warmup: Array.from({ length: o.warmup ?? 10 }, (_, i) => Math.round((0.0555 + i / 1000) * 1e4) / 1e4) },
  );
  const times = r.map((x) => x.total);
  return {
    metrics: { [`slider_p50_ms_${o.ep}`]: median(times), [`slider_p95_ms_${o.ep}`]: percentile(times, 0.95) },
    meta: {
      moves,
      warmup: o.warmup ?? 10,
      maxNewTokens,
      times,
      domTimes: r.map((x) => x.dom),
      tokens: r.map((x) => x.tokens),
      workerMedianMs: median(r.map((x) => x.worker).filter(Number.isFinite)),
      statistic: 'ms from setting the linked alpha slider (input event) to the modulated continuation for that alpha rendered and a frame painted; median and nearest-rank p95',
      ep: o.ep,
    },
  };
}
