import { describe, it, expect } from 'vitest';
import { promptRow, summarize, meanStd, type MeasuredPrompt } from './aggregate';
import { gainsAt } from './gains';

/** Two positions, L = 2 blocks, hand-made norms. */
function measured(prompt: string, category: string, scale: number): MeasuredPrompt {
  const n = { boundaries: [[1, 2], [2, 2 * scale], [3, 4]], finalNorm: [6, 8] };
  return { prompt, category, gainsPerToken: [gainsAt(n, 0), gainsAt(n, 1)], entropyNats: scale, top: { token: 'x', prob: 0.5 } };
}

describe('study aggregates', () => {
  it('last token vs mean over tokens', () => {
    const m = measured('a', 'c1', 1);
    const last = promptRow(m, 'last');
    const mean = promptRow(m, 'mean');
    expect(last.G_block).toEqual([1, 2]); // 2/2, 4/2
    expect(last.G_block_last).toBe(2);
    expect(mean.G_block).toEqual([(2 + 1) / 2, (1.5 + 2) / 2]);
    expect(last.G_hf_last).toBe(8 / 2);
    expect(last.G_hf_penult).toBe(1); // = G_block(L-2) at the last token
    expect(last.total).toBe(4 / 2);
  });

  it('summaries: mean, sample std, per layer, per category', () => {
    const rows = [measured('a', 'c1', 1), measured('b', 'c1', 2), measured('c', 'c2', 4)].map((m) => promptRow(m, 'last'));
    const s = summarize(rows);
    expect(s.nPrompts).toBe(3);
    expect(s.perLayer).toHaveLength(2);
    expect(s.perLayer[0].mean).toBeCloseTo((1 + 2 + 4) / 3, 12);
    expect(s.perLayer[0].std).toBeCloseTo(Math.sqrt(((1 - 7 / 3) ** 2 + (2 - 7 / 3) ** 2 + (4 - 7 / 3) ** 2) / 2), 12);
    expect(s.perCategory.c1.n).toBe(2);
    expect(s.perCategory.c2.std).toBeNull();
    expect(meanStd([5]).std).toBeNull();
  });
});
