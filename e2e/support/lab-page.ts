/** Page object for the lab: stable test ids only, numbers read from data-value attributes. */
import { expect, type Page, type Locator } from '@playwright/test';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';

export const SHARED = resolve(process.cwd(), '../shared');
export const CKPT = resolve(SHARED, 'models/llama2c/stories260K.bin');
export const TOK = resolve(SHARED, 'models/llama2c/stories260K.tok512.bin');
export const HUB = 'http://localhost:5174';
export const PUBLISHED_TEXT =
  'Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.';

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export const fileFrom = (path: string, name = path.split('/').pop()!): FilePayload => ({
  name,
  mimeType: 'application/octet-stream',
  buffer: readFileSync(path),
});

export class LabPage {
  constructor(readonly page: Page) {}

  id(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.id('load-button')).toBeEnabled();
  }

  async loadLocal(files: (string | FilePayload)[], ep: 'auto' | 'webgpu' | 'wasm' = 'wasm'): Promise<void> {
    await this.id('source-local').check();
    await this.id('ep-select').selectOption(ep);
    await this.id('file-input').setInputFiles(files.map((f) => (typeof f === 'string' ? fileFrom(f) : f)));
    await this.id('load-button').click();
  }

  /** Pick a whole model folder (a Hugging Face folder with config.json) and load it. */
  async loadFolder(dir: string, ep: 'auto' | 'webgpu' | 'wasm' = 'wasm'): Promise<void> {
    await this.id('source-local').check();
    await this.id('ep-select').selectOption(ep);
    await this.id('folder-input').setInputFiles(dir);
    await this.id('load-button').click();
  }

  /** Load a Hugging Face repo through the Hub path. */
  async loadHfRepo(repo: string, ep: 'auto' | 'webgpu' | 'wasm' = 'wasm', base = HUB): Promise<void> {
    await this.id('source-hf').check();
    await this.id('hf-repo').fill(repo);
    await this.id('hub-base-url').fill(base);
    await this.id('ep-select').selectOption(ep);
    await this.id('load-button').click();
  }

  fileRow(file: string): Locator {
    return this.page.locator(`[data-testid=file-progress][data-file="${file}"]`);
  }

  cacheRow(repo: string): Locator {
    return this.page.locator(`[data-testid=cache-row][data-repo="${repo}"]`);
  }

  async loadHub(ep: 'auto' | 'webgpu' | 'wasm' = 'wasm', base = HUB): Promise<void> {
    await this.id('source-hub').check();
    await this.id('hub-base-url').fill(base);
    await this.id('ep-select').selectOption(ep);
    await this.id('load-button').click();
  }

  async waitLoaded(ep?: 'webgpu' | 'wasm'): Promise<void> {
    await expect(this.id('model-status')).toHaveAttribute('data-loaded', 'true', { timeout: 120_000 });
    if (ep) await expect(this.id('model-status')).toHaveAttribute('data-ep', ep);
  }

  async generate(prompt: string, maxNewTokens: number): Promise<string> {
    await this.id('prompt-input').fill(prompt);
    await this.id('max-new-tokens').fill(String(maxNewTokens));
    await this.id('temperature').fill('0');
    await this.id('generate-button').click();
    await expect(this.id('generation-output')).toHaveAttribute('data-done', 'true', { timeout: 180_000 });
    return (await this.id('generation-output').textContent()) ?? '';
  }

  async measure(prompt: string): Promise<void> {
    await this.id('prompt-input').fill(prompt);
    await this.id('measure-button').click();
    await expect(this.id('gain-table')).toBeVisible({ timeout: 120_000 });
    await expect(this.id('gain-G_hf_last')).toHaveAttribute('data-prompt', prompt, { timeout: 120_000 });
  }

  async value(testId: string): Promise<number> {
    return Number(await this.id(testId).getAttribute('data-value'));
  }

  async error(): Promise<string> {
    await expect(this.id('error-banner')).toBeVisible();
    return (await this.id('error-banner').textContent()) ?? '';
  }

  async dismissError(): Promise<void> {
    await this.id('error-dismiss').click();
    await expect(this.id('error-banner')).toBeHidden();
  }

  /** Number of points in trace `trace` of a Plotly figure (Plotly keeps its data on the graph div). */
  async plotPoints(testId: string, trace = 0): Promise<number> {
    // Plotly is loaded on first use and draws asynchronously: wait until the figure holds data.
    await expect
      .poll(() => this.id(testId).evaluate((el) => Array.isArray((el as HTMLElement & { data?: unknown[] }).data)), { timeout: 60_000 })
      .toBe(true);
    return this.id(testId).evaluate((el, t) => {
      const data = (el as HTMLElement & { data?: { y?: unknown[] }[] }).data;
      return data?.[t]?.y?.length ?? -1;
    }, trace);
  }
}
