/** The Geometry view's page object: battery controls, table cells by data-value, figures, exports. */
import { expect, type Download, type Route } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { LabPage } from './lab-page';

export type Battery = 'weights' | 'embedding';

export class GeometryPage extends LabPage {
  async openGeometry(): Promise<void> {
    await this.id('tab-geometry').click();
    await expect(this.id('geometry-view')).toBeVisible();
  }

  status(kind: Battery) {
    return this.id(`${kind}-status`);
  }

  /** Run a battery and wait for it to finish. */
  async runToEnd(kind: Battery): Promise<void> {
    await this.id(`${kind}-run`).click();
    await expect(this.status(kind)).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
    await expect(this.id(`${kind}-result`)).toBeVisible();
  }

  /** A number cell of the weight table: row `name` (catalog name), column `field`. */
  async matrixCell(name: string, field: string): Promise<number> {
    return Number(await this.page.locator(`[data-testid=weights-row][data-name="${name}"] [data-field="${field}"]`).getAttribute('data-value'));
  }

  async embeddingCell(field: string): Promise<number> {
    return Number(await this.page.locator(`[data-testid=embedding-row][data-field="${field}"] td`).getAttribute('data-value'));
  }

  /** Click an export button and read the downloaded file. */
  async download(testId: string): Promise<{ name: string; text: string }> {
    const [dl]: [Download, void] = await Promise.all([this.page.waitForEvent('download'), this.id(testId).click()]);
    return { name: dl.suggestedFilename(), text: readFileSync((await dl.path())!, 'utf8') };
  }

  /** One figure's SVG / PNG through its export menu (the shared FigureExport), the menu closed again after. */
  async exportFigure(testId: string, format: 'svg' | 'png'): Promise<{ name: string; text: string }> {
    const menu = this.id(`${testId}-export`);
    if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
    const file = await this.download(`${testId}-export-${format}`);
    await menu.locator('summary').click();
    return file;
  }

  /** Points in every trace of a figure (Plotly keeps its data on the graph div), once it is drawn. */
  async tracePoints(testId: string): Promise<number[]> {
    await expect.poll(() => this.id(testId).evaluate((el) => Array.isArray((el as HTMLElement & { data?: unknown[] }).data)), { timeout: 60_000 }).toBe(true);
    return this.id(testId).evaluate((el) => {
      const data = (el as HTMLElement & { data?: { y?: unknown[]; z?: unknown[][] }[] }).data ?? [];
      return data.map((t) => (t.z ? t.z.reduce((a, row) => a + row.length, 0) : (t.y?.length ?? 0)));
    });
  }

  /**
   * Serve the analysis worker's script wrapped so every setTimeout in it waits at least `ms`:
   * the batteries yield with setTimeout(0) between steps, and stories260K's whole weight battery
   * takes ~0.2 s, less than a click needs to land. Nothing else in the worker changes.
   */
  async paceAnalysisWorker(ms: number): Promise<void> {
    await this.page.route('**/__e2e__/pace-timers.js', (route: Route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: `const st = globalThis.setTimeout; globalThis.setTimeout = (f, t, ...a) => st(f, Math.max(Number(t) || 0, ${ms}), ...a);`,
      }),
    );
    await this.page.route(/\/analysis\.worker-[\w-]+\.js/, (route: Route) => {
      const url = new URL(route.request().url());
      if (url.searchParams.has('unpaced')) return route.continue();
      url.searchParams.set('unpaced', '1');
      return route.fulfill({ contentType: 'text/javascript', body: `import '/__e2e__/pace-timers.js';\nimport ${JSON.stringify(url.pathname + url.search)};\n` });
    });
  }
}
