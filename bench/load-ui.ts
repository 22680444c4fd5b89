/** Load stories260K through the Model view (Hub form or local files) on a chosen EP, as a researcher would. */
import type { Page } from '@playwright/test';

export interface LoadOptions {
  ep: 'wasm' | 'webgpu';
  /** load from this Hub mirror through the Model view's Hub form (its defaults name stories260K) */ hubBaseUrl?: string;
  /** or from local files (checkpoint, tokenizer) through the file input */ files?: string[];
}

export async function loadThroughUi(page: Page, o: LoadOptions): Promise<void> {
  const id = (t: string) => page.getByTestId(t);
  await id('tab-model').click();
  await id('load-button').waitFor();
  if (o.files) {
    await id('source-local').check();
    await id('file-input').setInputFiles(o.files);
  } else {
    await id('source-hub').check();
    if (o.hubBaseUrl) await id('hub-base-url').fill(o.hubBaseUrl);
  }
  await id('ep-select').selectOption(o.ep);
  await page.waitForFunction(() => !(document.querySelector('[data-testid=load-button]') as HTMLButtonElement | null)?.disabled);
  await id('load-button').click();
  await page.waitForFunction((ep) => {
    const s = document.querySelector('[data-testid=model-status]');
    return s?.getAttribute('data-loaded') === 'true' && s.getAttribute('data-ep') === ep;
  }, o.ep, { timeout: 180_000 });
}
