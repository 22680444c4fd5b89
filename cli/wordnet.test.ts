/**
 * residual-lab wordnet on stories260K: the lemmas that are one token, their static rows and
 * definitions through the model, then the relational battery (itself checked against the
 * numpy/scipy/NLTK mirror in src/analysis/wordnet). Here: the wiring, against the tokenizer and the checkpoint.
 */
import { describe, it, expect } from 'vitest';
import { main } from './main';
import { nodeLab } from './node-lab';
import { STORIES_CKPT, STORIES_TOK } from '../src/testing/shared';

describe('CLI wordnet', () => {
  it('matches single-token lemmas with the tokenizer and measures path similarity against cosine', async () => {
    let out = '';
    expect(await main(['wordnet', '--model', STORIES_CKPT, '--tokenizer', STORIES_TOK, '--json'], (s) => (out += s))).toBe(0);
    const r = JSON.parse(out);
    expect(r.format).toBe('residual-lab/wordnet@1');
    expect(r.matched).toBeGreaterThanOrEqual(20);
    expect(r.contextual).toMatch(/blocks\.4\.hook_resid_post/);
    const lab = nodeLab();
    await lab.load({ source: { kind: 'llama2c', checkpoint: { local: STORIES_CKPT }, tokenizer: { local: STORIES_TOK } }, ep: 'auto' });
    try {
      const bos = lab.tokenize('').ids.length;
      for (const e of r.examples as { text: string; synset: string; tokenId: number }[]) {
        expect(e.synset).toMatch(/^[^.]+\.[nvasr]\.\d\d$/);
        expect(lab.tokenize(e.text).ids.slice(bos)).toEqual([e.tokenId]);
      }
    } finally {
      await lab.unload();
    }
    expect(r.run.pairsValid).toBeGreaterThan(1000);
    for (const x of [r.run.pearson.static, r.run.pearson.context, r.run.spearman.static, r.run.spearman.context]) expect(Math.abs(x)).toBeLessThanOrEqual(1);
  }, 60_000);
});
