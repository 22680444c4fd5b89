/** Bad input gets a message naming the problem; the page stays usable and earlier results stay on screen. */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { LabPage, CKPT, TOK, fileFrom } from './support/lab-page';

const ref = JSON.parse(readFileSync('fixtures/stories260K.reference.json', 'utf8'));
const p0 = ref.prompts[0];

test.describe('bad input', () => {
  let lab: LabPage;

  test.beforeEach(async ({ page }) => {
    lab = new LabPage(page);
    await lab.open();
    await lab.loadLocal([CKPT, TOK], 'wasm');
    await lab.waitLoaded('wasm');
    await lab.measure(p0.text);
  });

  /** The earlier model and measurement are still there. */
  async function earlierResultsSurvive() {
    await expect(lab.id('model-status')).toHaveAttribute('data-loaded', 'true');
    await expect(lab.id('card-nLayers')).toHaveAttribute('data-value', '5');
    await expect(lab.id('gain-G_hf_last')).toHaveAttribute('data-prompt', p0.text);
    expect(Math.abs((await lab.value('gain-G_hf_last')) - p0.gains_last_token.G_hf_last)).toBeLessThan(1e-4);
    expect(await lab.plotPoints('plot-block-gains')).toBe(5);
  }

  test('a truncated checkpoint', async () => {
    const cut = fileFrom(CKPT, 'truncated.bin');
    cut.buffer = cut.buffer.subarray(0, 500_000);
    await lab.loadLocal([cut, TOK]);
    expect(await lab.error()).toMatch(/truncated\.bin is truncated: .* needs 1056540 bytes, the file has 500000/);
    await earlierResultsSurvive();
  });

  test('a file that is not a checkpoint', async () => {
    const notes = { name: 'notes.bin', mimeType: 'application/octet-stream', buffer: Buffer.from('These are my lab notes, not model weights.\n'.repeat(40)) };
    await lab.loadLocal([notes, TOK]);
    expect(await lab.error()).toMatch(/notes\.bin is not a llama2\.c checkpoint/);
    await earlierResultsSurvive();
  });

  test('a tokenizer of another vocabulary size', async () => {
    // Keep the first 300 whole tokens of the llama2.c tokenizer (int32 max_len; per token: f32 score, i32 len, bytes).
    const tok = fileFrom(TOK, 'tok300.bin');
    let off = 4;
    for (let i = 0; i < 300; i++) off += 8 + tok.buffer.readInt32LE(off + 4);
    tok.buffer = tok.buffer.subarray(0, off);
    await lab.loadLocal([CKPT, tok]);
    expect(await lab.error()).toMatch(/tokenizer has only 300 tokens but the checkpoint expects 512/);
    await earlierResultsSurvive();
  });

  test('an empty prompt', async () => {
    await lab.id('prompt-input').fill('');
    await lab.id('measure-button').click();
    expect(await lab.error()).toMatch(/prompt is empty/);
    await earlierResultsSurvive();
    await lab.dismissError();
  });

  test('a prompt longer than the context', async () => {
    await lab.id('prompt-input').fill('Lily saw a big red ball. '.repeat(120));
    await lab.id('measure-button').click();
    expect(await lab.error()).toMatch(/tokens long; this model's context is 512 tokens/);
    await earlierResultsSurvive();
  });
});
