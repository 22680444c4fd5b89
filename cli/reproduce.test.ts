/** residual-lab reproduce: an exported experiment re-runs to the same numbers; a tampered model file is a hash mismatch. */
import { describe, it, expect } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';
import { STORIES_CKPT, STORIES_TOK } from '../src/testing/shared';

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(args, (s) => (out += s));
  return { code, out };
}

describe('CLI reproduce', () => {
  it('re-runs an exported experiment within the tolerance, and names a tampered model file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reproduce-'));
    const ckpt = join(dir, 'stories260K.bin');
    copyFileSync(STORIES_CKPT, ckpt);
    const spec = { model: { kind: 'llama2c', checkpoint: { local: ckpt }, tokenizer: { local: STORIES_TOK } }, prompts: ['Once upon a time', 'The cat'], measure: { topK: 5 } };
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    expect((await run(['run', join(dir, 'spec.json'), '--out', join(dir, 'results.json')])).code).toBe(0);

    const ok = await run(['reproduce', join(dir, 'results.json'), '--json']);
    expect(ok.code).toBe(0);
    const r = JSON.parse(ok.out);
    expect(r.hashes.ok).toBe(true);
    expect(r.comparison.ok).toBe(true);
    expect(r.comparison.compared).toBeGreaterThan(100);
    expect(r.comparison.maxRelErr).toBeLessThanOrEqual(r.comparison.tolerance);

    // A stored number nudged beyond the tolerance is reported with its path.
    const stored = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    stored.results[1].measurement.entropyNats *= 1 + 1e-3;
    writeFileSync(join(dir, 'nudged.json'), JSON.stringify(stored));
    const nudged = await run(['reproduce', join(dir, 'nudged.json'), '--json']);
    expect(nudged.code).toBe(4);
    expect(JSON.parse(nudged.out).comparison.worst[0].path).toBe('results[1].measurement.entropyNats');

    // Flip one weight byte: the checkpoint no longer matches the manifest's sha256.
    const bytes = readFileSync(ckpt);
    bytes[4096] ^= 0x01;
    writeFileSync(ckpt, bytes);
    const bad = await run(['reproduce', join(dir, 'results.json')]);
    expect(bad.code).toBe(5);
    expect(bad.out).toMatch(/stories260K\.bin: hash mismatch/);
  });
});
