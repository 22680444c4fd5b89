/** Page object for saved experiments and the share link (the drawer under the tabs), on top of the Study page object. */
import { expect, type Locator } from '@playwright/test';
import { StudyPage } from './study-page';

export class ExperimentsPage extends StudyPage {
  /** The page has finished restoring saved experiments and applying its link. */
  async waitReady(): Promise<void> {
    await expect(this.id('experiments')).toHaveAttribute('data-ready', 'true');
  }

  async openDrawer(): Promise<void> {
    const open = await this.id('experiments').evaluate((el) => (el as HTMLDetailsElement).open);
    if (!open) await this.id('experiments-toggle').click();
  }

  experiment(name: string): Locator {
    return this.page.locator(`[data-testid=experiment-row][data-name="${name}"]`);
  }

  experiments(kind?: 'measurement' | 'sweep'): Locator {
    return this.page.locator(kind ? `[data-testid=experiment-row][data-kind=${kind}]` : '[data-testid=experiment-row]');
  }

  async names(): Promise<string[]> {
    return this.experiments().evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
  }

  async rename(from: string, to: string): Promise<void> {
    const row = this.experiment(from);
    await row.getByTestId('experiment-rename').click();
    await row.getByTestId('experiment-rename-input').fill(to);
    await row.getByTestId('experiment-rename-save').click();
    await expect(this.experiment(to)).toHaveCount(1);
  }

  async remove(name: string): Promise<void> {
    const row = this.experiment(name);
    await row.getByTestId('experiment-delete').click();
    await row.getByTestId('experiment-delete-confirm').click();
    await expect(this.experiment(name)).toHaveCount(0);
  }

  async shareLink(): Promise<string> {
    await this.openDrawer();
    return this.id('share-link').inputValue();
  }

  /** Every data-value of the per-prompt rows of one model, by field, in prompt order. */
  async promptTable(model: string, fields: readonly string[]): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const f of fields) {
      const cells = this.page.locator(`[data-testid=study-prompt-row][data-model="${model}"] [data-field="${f}"]`);
      out[f] = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-value') ?? ''));
    }
    return out;
  }
}
