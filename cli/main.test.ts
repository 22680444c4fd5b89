/** The CLI runs the same engine in Node: same numbers as the reference, same text as the published output. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';
import { STORIES_CKPT, STORIES_TOK, PUBLISHED_TEXT, storiesReference, maxRelErr } from '../src/testing/shared';
import { ResultsFileSchema } from '../src/io/results';

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(args, (s) => (out += s));
  return { code, out };
}

const model = ['--model', STORIES_CKPT, '--tokenizer', STORIES_TOK];

describe('residual-lab CLI', () => {
  it('generate prints the published greedy text from BOS', async () => {
    const r = await run(['generate', ...model, '--prompt', '', '--max-new-tokens', '61']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(PUBLISHED_TEXT + '\n');
  });

  it('measure --json prints results matching the reference', async () => {
    const ref = storiesReference().prompts[1];
    const r = await run(['measure', ...model, '--prompt', ref.text!, '--json']);
    const res = ResultsFileSchema.parse(JSON.parse(r.out));
    const m = res.results[0].measurement as unknown as { ids: number[]; lastToken: { G_hf_last: number; G_block: number[] }; entropyNats: number };
    expect(m.ids).toEqual(ref.ids);
    expect(maxRelErr([m.lastToken.G_hf_last, m.entropyNats], [ref.gains_last_token.G_hf_last, ref.entropy_nats])).toBeLessThan(1e-4);
    expect(maxRelErr(m.lastToken.G_block, ref.gains_last_token.G_block)).toBeLessThan(1e-4);
    expect(res.manifest.executionProvider.used).toBe('cpu');
    expect(res.manifest.model.files.map((f) => f.sha256)).toEqual([
      'b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696',
      '037cb335abb25d1fa9e8ecae30ed2a3a8ace9302862ebcdc05d51a6bbb10c312',
    ]);
  });

  it('run SPEC.json --out RESULTS.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-'));
    const spec = {
      model: { kind: 'llama2c', checkpoint: { local: STORIES_CKPT }, tokenizer: { local: STORIES_TOK } },
      prompts: ['Once upon a time', 'He was very happy because'],
      measure: { generate: { maxNewTokens: 8 } },
    };
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    const r = await run(['run', join(dir, 'spec.json'), '--out', join(dir, 'out.json')]);
    expect(r.code).toBe(0);
    const res = ResultsFileSchema.parse(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')));
    expect(res.results).toHaveLength(2);
    expect(res.results[0].generation).toBeDefined();
  });

  it('fails with a clear message on a bad checkpoint', async () => {
    await expect(run(['measure', '--model', STORIES_TOK, '--tokenizer', STORIES_TOK, '--prompt', 'x'])).rejects.toThrow(/stories260K\.tok512\.bin is not a llama2.c checkpoint|inconsistent header/);
  });
});
