/** The Study view's page object: queue items, table rows and cells, per-prompt values, adding models. */
import { LabPage } from './lab-page';

export class StudyPage extends LabPage {
  queueItem(model: string) {
    return this.page.locator(`[data-testid=study-queue-item][data-model="${model}"]`);
  }

  row(model: string) {
    return this.page.locator(`[data-testid=study-row][data-model="${model}"]`);
  }

  async cell(model: string, field: string): Promise<number> {
    return Number(await this.row(model).locator(`[data-field="${field}"]`).getAttribute('data-value'));
  }

  /** The per-prompt values of one field for one model, in prompt order. */
  async promptValues(model: string, field: string): Promise<number[]> {
    const cells = this.page.locator(`[data-testid=study-prompt-row][data-model="${model}"] [data-field="${field}"]`);
    return (await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-value') ?? ''))).map(Number);
  }

  async addModel(kind: 'hub' | 'hf', repo?: string): Promise<void> {
    await this.id('study-source-kind').selectOption(kind);
    if (repo) await this.id('study-hf-repo').fill(repo);
    await this.id('study-add-model').click();
  }
}
