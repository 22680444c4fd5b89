/** Page object for the Modulator view: stable test ids, numbers and ids read from data attributes. */
import { expect, type Page, type Locator, type Download } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { LabPage } from './lab-page';

export class ModulatorPage {
  readonly lab: LabPage;

  constructor(readonly page: Page) {
    this.lab = new LabPage(page);
  }

  id(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  async open(): Promise<void> {
    await this.id('tab-modulator').click();
    await expect(this.id('modulator-view')).toBeVisible();
  }

  async waitReady(): Promise<void> {
    await expect(this.id('modulator-view')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  }

  /** Wait until the newest result shown is for these alphas and nothing is in flight. */
  async waitFor(alphas: readonly number[]): Promise<void> {
    const key = alphas.map(String).join(',');
    await expect(this.id('continuation-modulated')).toHaveAttribute('data-alphas', key, { timeout: 120_000 });
    await expect(this.id('modulator-status')).toHaveAttribute('data-state', 'idle', { timeout: 120_000 });
    await expect(this.id('token-diff-count')).toHaveAttribute('data-alphas', key);
  }

  async ids(which: 'original' | 'modulated'): Promise<number[]> {
    const s = (await this.id(`continuation-${which}`).getAttribute('data-ids')) ?? '';
    return s === '' ? [] : s.split(',').map(Number);
  }

  async value(testId: string): Promise<number> {
    return Number(await this.id(testId).getAttribute('data-value'));
  }

  async preset(alpha: number): Promise<void> {
    await this.page.locator(`[data-testid=alpha-preset][data-alpha="${alpha}"]`).click();
  }

  /** Move the linked slider (fill sets a range input's value and fires input/change, as a drag does). */
  async slide(alpha: number): Promise<void> {
    await this.id('alpha-slider').fill(String(alpha));
  }

  async randomTarget(seed: number, shape: 'vector' | 'table'): Promise<void> {
    await this.id('target-choice').selectOption('random');
    await this.id('target-random-seed').fill(String(seed));
    await this.id('target-random-shape').selectOption(shape);
  }

  /** Switch to the Geometric Field Modulator with this weight seed (the seed field commits on blur). */
  async fieldModulator(seed: number): Promise<void> {
    await this.id('modulator-type').selectOption('field');
    await this.id('field-seed').fill(String(seed));
    await this.id('field-seed').blur();
  }

  /** The per-block validity rows of the field health table, [n_blocks][n_experts]. */
  async fieldValidity(): Promise<number[][]> {
    const rows = this.page.getByTestId('field-validity-row');
    const out: number[][] = [];
    for (let i = 0; i < (await rows.count()); i++) out.push(((await rows.nth(i).getAttribute('data-validity')) ?? '').split(',').map(Number));
    return out;
  }

  async download(testId: string): Promise<{ path: string; name: string; bytes: Buffer }> {
    const [d]: [Download, void] = await Promise.all([this.page.waitForEvent('download'), this.id(testId).click()]);
    const path = (await d.path())!;
    return { path, name: d.suggestedFilename(), bytes: readFileSync(path) };
  }
}
