/** WordNet figures hold the result's numbers: every kept pair, each depth's mean and interval, every statistic's mean. */
import { beforeAll, describe, expect, it } from 'vitest';
import { mirrorResult } from '../../analysis/wordnet/testing/battery-result';
import { depthFigure, scatterFigure, stabilityFigure } from './figures';

describe('WordNet figures', () => {
  let single: Awaited<ReturnType<typeof mirrorResult>>;
  let multi: Awaited<ReturnType<typeof mirrorResult>>;
  beforeAll(async () => {
    single = await mirrorResult(1);
    multi = await mirrorResult(3);
  }, 30_000);

  it('scatters every kept pair: x path similarity, y the chosen cosine', () => {
    const { battery, pairs } = single;
    for (const side of ['static', 'context'] as const) {
      const f = scatterFigure(battery, pairs, side);
      expect(f.data[0].x).toEqual(Array.from(pairs.similarity));
      expect(f.data[0].y).toEqual(Array.from(side === 'static' ? pairs.cosStatic : pairs.cosContext));
      expect(f.caption).toContain(`${pairs.measured} measured pairs`);
      expect(f.filename).toBe(`wordnet-scatter-${side}`);
    }
  });

  it('draws the run\'s hypernym depths, or the seeds\' means with their intervals', () => {
    const one = depthFigure(single.battery);
    const want = single.battery.run.hypernymDepths.filter((h) => h.static !== null);
    expect(one.data[0].x).toEqual(want.map((h) => h.depth));
    expect(one.data[0].y).toEqual(want.map((h) => h.static));
    expect(one.data[0].error_y).toBeUndefined();
    const many = depthFigure(multi.battery);
    const s = multi.battery.stability!.summary.hyp_depth1_context!;
    expect(many.data[1].y![0]).toBe(s.mean);
    expect(many.data[1].error_y!.array[0]).toBeCloseTo(s.ci95Mean![1] - s.mean, 14);
    const none = depthFigure({ ...single.battery, run: { ...single.battery.run, chains: { available: 0, used: 0 }, hypernymDepths: single.battery.run.hypernymDepths.map((h) => ({ ...h, n: 0, static: null, context: null })) } });
    expect(none.data.map((t) => t.y!.length)).toEqual([0, 0]);
    expect(none.caption).toMatch(/No hypernym chain/);
  });

  it('shows every statistic but the volumes with its mean and 95% interval over the seeds', () => {
    expect(stabilityFigure(single.battery)).toBeNull();
    const f = stabilityFigure(multi.battery)!;
    const sum = multi.battery.stability!.summary;
    const contextNames = Object.keys(sum).filter((k) => k.split('_').includes('context') && !k.includes('vol_mean') && sum[k]);
    expect(contextNames).toEqual(expect.arrayContaining(['context_pearson', 'context_spearman', 'context_cv', 'band_high_context', 'hyp_depth1_context']));
    const all = Object.keys(sum).filter((k) => !k.includes('vol_mean') && sum[k]);
    expect(f.data[0].y!.length + f.data[1].y!.length).toBe(all.length);
    expect(f.data[1].y).toEqual(contextNames.map((k) => sum[k]!.mean));
    f.data[1].error_y!.array.forEach((e, i) => expect(e).toBeCloseTo(sum[contextNames[i]]!.ci95Mean![1] - sum[contextNames[i]]!.mean, 14));
    expect(f.data.every((t) => t.x!.length === t.y!.length)).toBe(true);
  });
});
