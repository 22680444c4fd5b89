/**
 * Issue 5's acceptance sweep in the browser: stories260K (llama2.c, Hub) and the three hf-tiny
 * decoders (HF layout, Hub; no tokenizer, so the prompts go in as UTF-8 bytes) over seed 02's 25
 * prompts on WASM. Per-prompt values and table means against the numpy/scipy reference
 * (fixtures/study-bytes.reference.json), one prompt against the Model view's single Measure.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { HUB } from './support/lab-page';
import { StudyPage } from './support/study-page';
import { parseTidyCsv } from '../src/io/tidy';

const LLAMA2C = `hf://karpathy/tinyllamas@main/stories260K/stories260K.bin`;
const FAMILIES = ['gpt2', 'gpt_neox', 'llama'] as const;
const key = (f: string) => `hf://residual-lab/hf-tiny-${f}@main`;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

interface RefRow { G_block_last: number; G_hf_last: number; entropy_nats: number; ids: number[]; truncated: boolean; n_bytes: number }
interface MS { mean: number }
const ref = JSON.parse(readFileSync('fixtures/study-bytes.reference.json', 'utf8')) as {
  models: Record<string, { positions: { last: { rows: RefRow[]; summary: Record<'G_block_last' | 'G_hf_last' | 'G_hf_penult' | 'total' | 'entropy_nats', MS> } } }>;
};

test('stories260K and the hf-tiny decoders over seed 02 with byte ids: per-prompt values, means, one single Measure', async ({ page }) => {
  test.setTimeout(300_000);
  const lab = new StudyPage(page);
  await lab.open();
  await lab.id('tab-study').click();
  await lab.id('study-preset').selectOption('preset:seed02-25');
  await lab.addModel('hub');
  for (const f of FAMILIES) await lab.addModel('hf', `residual-lab/hf-tiny-${f}`);
  await expect(lab.page.getByTestId('study-queue-item')).toHaveCount(4);
  await lab.id('study-hub-base-url').fill(HUB);
  await lab.id('study-ep').selectOption('wasm');
  await lab.id('study-byte-ids').check();
  await lab.id('study-run').click();
  for (const m of [LLAMA2C, ...FAMILIES.map(key)]) await expect(lab.queueItem(m)).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  await expect(lab.id('study-progress')).toBeHidden();

  await expect(lab.row(LLAMA2C).getByTestId('study-row-byte-ids')).toHaveCount(0);
  for (const f of FAMILIES) {
    const r = ref.models[`hf-tiny-${f}`].positions.last;
    await expect(lab.row(key(f)).getByTestId('study-row-byte-ids')).toBeVisible();
    const fields = { G_block_last: 'G_block_last', G_hf_last: 'G_hf_last', G_hf_penult: 'G_hf_penult', total: 'total', entropyNats: 'entropy_nats' } as const;
    for (const [field, refKey] of Object.entries(fields)) {
      expect(rel(await lab.cell(key(f), field), r.summary[refKey].mean), `${f} ${field} mean`).toBeLessThan(1e-6);
    }
    const g = await lab.promptValues(key(f), 'G_block_last');
    g.forEach((x, i) => expect(rel(x, r.rows[i].G_block_last), `${f} prompt ${i}`).toBeLessThan(1e-5));
    const truncated = lab.page.locator(`[data-testid=study-prompt-row][data-model="${key(f)}"] [data-testid=study-prompt-truncated]`);
    await expect(truncated).toHaveCount(r.rows.filter((x) => x.truncated).length);
  }

  // The tidy export holds the table's per-prompt numbers bit for bit, with the run in its manifest.
  const [dl] = await Promise.all([page.waitForEvent('download'), lab.id('study-export-tidy-csv').click()]);
  const tidy = parseTidyCsv(readFileSync((await dl.path())!, 'utf8'));
  expect((tidy.manifest as { study: { byteIds: boolean } }).study.byteIds).toBe(true);
  const gpt2 = await lab.promptValues(key('gpt2'), 'G_block_last');
  const L = 3;
  gpt2.forEach((x, i) => expect(tidy.rows.find((r) => r.model === key('gpt2') && r.prompt_index === i && r.definition === 'G_block' && r.layer === L - 1)!.value).toBe(x));

  // A prompt's row equals the Model view's Measure of the same ids (the sweep is the skeleton's measurement).
  const k = 3;
  const row = ref.models['hf-tiny-llama'].positions.last.rows[k];
  const inTable = (await lab.promptValues(key('llama'), 'G_block_last'))[k];
  await lab.id('tab-model').click();
  await lab.loadHfRepo('residual-lab/hf-tiny-llama');
  await lab.waitLoaded('wasm');
  await lab.measure(row.ids.join(','));
  expect(await lab.value('gain-G_block_last')).toBe(inTable);
  expect(rel(await lab.value('entropy'), row.entropy_nats)).toBeLessThan(1e-6);
});
