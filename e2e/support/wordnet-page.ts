/** The WordNet tab's page object: options, run / cancel, table cells by data-value, figure boxes, downloads (from GeometryPage). */
import { expect } from '@playwright/test';
import { GeometryPage } from './geometry-page';

export class WordNetPage extends GeometryPage {
  async openWordNet(): Promise<void> {
    await this.id('tab-wordnet').click();
    await expect(this.id('wordnet-view')).toBeVisible();
  }

  wordnetStatus() {
    return this.id('wordnet-status');
  }

  async setSeeds(n: number): Promise<void> {
    await this.id('wordnet-seeds').fill(String(n));
    await expect(this.id('wordnet-seeds')).toHaveValue(String(n));
  }

  /** Run the battery and wait for it to finish. */
  async runWordNetToEnd(): Promise<void> {
    await this.id('wordnet-run').click();
    await expect(this.wordnetStatus()).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
    await expect(this.id('wordnet-result')).toBeVisible();
  }

  /** A cell of the stability table: statistic `name` (runStatistics' name), summary `field` (mean, ci95_low, ...). */
  async stabilityCell(name: string, field: string): Promise<number> {
    return Number(await this.page.locator(`[data-testid=wordnet-stability-row][data-name="${name}"] [data-field="${field}"]`).getAttribute('data-value'));
  }

  /** A cell of seed 0's run table: row `field` (pearson, band_high, ...), column static | context. */
  async runCell(field: string, side: 'static' | 'context'): Promise<string> {
    return (await this.page.locator(`[data-testid=wordnet-run-row][data-field="${field}"] [data-field="${side}"]`).getAttribute('data-value')) ?? '';
  }

  /** The points a figure's box says it draws (data-points), and its traces. */
  async figureBox(id: string): Promise<{ points: number; traces: number }> {
    const box = this.id(`${id}-box`);
    return { points: Number(await box.getAttribute('data-points')), traces: Number(await box.getAttribute('data-traces')) };
  }
}
