/** The WordNet tab's derived rows and exports: every statistic once, summaries equal to the battery's, tidy CSV that reads back. */
import { beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { mirrorResult } from '../analysis/wordnet/testing/battery-result';
import { runRows, splitStatistic, statisticLabel, statisticRows, SUMMARY_FIELDS } from './wordnet-view';
import { wordnetCsv, wordnetCsvFilename, wordnetFilename, wordnetJson, WORDNET_CSV_COLUMNS } from './wordnet-export';
import { setWordNetSeeds, setWordNetLayer, wordnetCancelled, wordnetFailed, wordnetFinished, wordnetStarted } from './wordnet-actions';
import { initialWordNetState, useWordNet } from './wordnet-store';
import type { StoredWordNet } from './wordnet-results';
import type { Manifest } from '../io/results';

const manifest = { model: { source: { kind: 'llama2c', checkpoint: { local: '/x/stories260K.bin' }, tokenizer: { local: '/x/tok512.bin' } }, files: [] } } as unknown as Manifest;

describe('WordNet view rows and exports', () => {
  let single: Awaited<ReturnType<typeof mirrorResult>>;
  let multi: Awaited<ReturnType<typeof mirrorResult>>;
  beforeAll(async () => {
    single = await mirrorResult(1);
    multi = await mirrorResult(4);
  }, 30_000);

  it('splits statistic names into measure and representation', () => {
    expect(splitStatistic('band_high_context')).toEqual({ statistic: 'band_high', representation: 'context' });
    expect(splitStatistic('static_vol_mean')).toEqual({ statistic: 'vol_mean', representation: 'static' });
    expect(splitStatistic('decay_1_5_static')).toEqual({ statistic: 'decay_1_5', representation: 'static' });
    expect(statisticLabel('hyp_depth3')).toMatch(/depth 3/);
  });

  it('summarises every statistic of the stability run, with the battery\'s own numbers', () => {
    const rows = statisticRows(multi.battery);
    const st = multi.battery.stability!;
    expect(rows.map((r) => r.name)).toEqual(Object.keys(st.summary));
    for (const r of rows) {
      const s = st.summary[r.name];
      expect(r.values.map(([f]) => f)).toEqual([...SUMMARY_FIELDS]);
      if (!s) continue;
      const v = Object.fromEntries(r.values);
      expect([v.mean, v.std_ddof1, v.ci95_low, v.ci95_high, v.p2_5]).toEqual([s.mean, s.stdSample, s.ci95Mean![0], s.ci95Mean![1], s.percentile95[0]]);
      expect(v.ci95_low!).toBeLessThanOrEqual(v.mean!);
      expect(v.min!).toBeLessThanOrEqual(v.p2_5!);
      expect(r.seeds).toBe(4);
    }
  });

  it('gives a single run\'s values, and the run table\'s rows', () => {
    const rows = statisticRows(single.battery);
    expect(rows.every((r) => r.values.length === 1 && r.values[0][0] === 'value')).toBe(true);
    expect(rows.find((r) => r.name === 'context_pearson')!.values[0][1]).toBe(single.battery.run.pearson.context);
    const run = runRows(single.battery);
    expect(run[0]).toMatchObject({ field: 'pearson', n: single.battery.run.pairsValid, static: single.battery.run.pearson.static });
    expect(run.map((r) => r.field)).toContain('hyp_depth5');
  });

  it('exports JSON with the manifest and tidy CSV that reads back to the same numbers', () => {
    const entry: StoredWordNet = { result: { battery: multi.battery, pairs: multi.pairs, pairsNote: null, timing: { wordnetMs: 1, encodeMs: 2, totalMs: 3, lemmaIdsKept: false } }, manifest, options: { layer: null, seeds: 4, byteIds: false } };
    expect(wordnetFilename(entry)).toBe('residual-lab-wordnet-stories260K.json');
    expect(wordnetCsvFilename(entry)).toBe('residual-lab-wordnet-stability-stories260K.csv');
    const j = JSON.parse(wordnetJson(entry));
    expect(j.manifest).toEqual(manifest);
    expect(j.format).toBe('residual-lab/wordnet@1');
    expect(j.stability.summary.context_pearson.mean).toBe(multi.battery.stability!.summary.context_pearson!.mean);
    expect(j.figurePairs.similarity).toHaveLength(500);
    const csv = wordnetCsv(entry);
    const lines = csv.split('\n');
    expect(lines[0]).toBe('# residual-lab/wordnet-stability-tidy@1');
    expect(JSON.parse(lines[2].replace(/^# manifest: /, ''))).toEqual(manifest);
    const parsed = Papa.parse<Record<string, string>>(lines.filter((l) => !l.startsWith('#')).join('\n'), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual([...WORDNET_CSV_COLUMNS]);
    const mean = parsed.data.find((r) => r.statistic === 'pearson' && r.representation === 'context' && r.summary === 'mean')!;
    expect(Number(mean.value)).toBe(multi.battery.stability!.summary.context_pearson!.mean);
    expect(parsed.data.every((r) => Number.isFinite(Number(r.value)))).toBe(true);
  });
});

describe('WordNet run lifecycle', () => {
  it('keeps the last complete result through a cancelled run, ignores stale jobs, bounds the seeds', () => {
    useWordNet.setState(initialWordNetState());
    wordnetStarted('a');
    wordnetFinished('a', 'r1', { label: 'm', key: 'k' });
    wordnetStarted('b');
    wordnetFinished('zzz', 'r2', { label: 'm', key: 'k' });
    wordnetCancelled('b');
    const s = useWordNet.getState();
    expect(s.run).toMatchObject({ status: 'cancelled', resultId: 'r1', jobId: null });
    expect(s.run.note).toMatch(/cancelled.*last complete result/);
    wordnetStarted('c');
    wordnetFailed('c', 'only 3 WordNet lemmas are one token');
    expect(useWordNet.getState().run).toMatchObject({ status: 'failed', resultId: 'r1', note: 'WordNet battery failed: only 3 WordNet lemmas are one token' });
    setWordNetSeeds(0);
    expect(useWordNet.getState().seeds).toBe(50);
    setWordNetSeeds(5);
    setWordNetLayer(2);
    expect(useWordNet.getState()).toMatchObject({ seeds: 5, layer: 2 });
  });
});
