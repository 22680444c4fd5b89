/** The WordNet tab's exports: JSON with the lab's manifest, and the statistics table as tidy CSV. */
import Papa from 'papaparse';
import { batteryJson } from '../runtime/weight-battery';
import { sourceLabel } from '../io/spec';
import type { StoredWordNet } from './wordnet-results';
import { statisticRows } from './wordnet-view';

/**
 * The JSON export: the battery's own fields (format residual-lab/wordnet@1, run, stability) after the
 * manifest and the options, then seed 0's thinned pairs behind the scatter figures and the timing.
 */
export function wordnetJson(entry: StoredWordNet): string {
  const { battery, pairs, pairsNote, timing } = entry.result;
  return batteryJson({ manifest: entry.manifest, options: entry.options, ...battery, figurePairs: pairs, figurePairsNote: pairsNote, timing }, 1) + '\n';
}

/** The model's file stem for file names: `stories260K`. */
function stem(entry: StoredWordNet): string {
  const label = sourceLabel(entry.manifest.model.source).replace(/\/+$/, '');
  return label.split('/').pop()!.replace(/\.(bin|onnx)$/i, '').replace(/[^\w.@-]+/g, '_').slice(0, 60) || 'model';
}

export const wordnetFilename = (entry: StoredWordNet): string => `residual-lab-wordnet-${stem(entry)}.json`;
export const wordnetCsvFilename = (entry: StoredWordNet): string => `residual-lab-wordnet-stability-${stem(entry)}.csv`;

export const WORDNET_CSV_FORMAT = 'residual-lab/wordnet-stability-tidy@1';
export const WORDNET_CSV_COLUMNS = ['model', 'contextual', 'statistic', 'representation', 'summary', 'seeds', 'value'] as const;

/**
 * The stability table as tidy CSV: one row per statistic x representation x summary (mean, std_ddof0,
 * std_ddof1, ci95_low, ci95_high, p2_5, p97_5, min, max; 'value' for a single run), `seeds` the seeds
 * that statistic exists in. The manifest rides along as a `# manifest:` comment line (pandas: comment='#').
 */
export function wordnetCsv(entry: StoredWordNet): string {
  const { battery } = entry.result;
  const model = sourceLabel(entry.manifest.model.source);
  const data: (string | number)[][] = [];
  const num = (x: number) => (Object.is(x, -0) ? '-0' : String(x));
  for (const row of statisticRows(battery)) {
    for (const [summary, value] of row.values) {
      if (value === null) continue;
      data.push([model, battery.contextual, row.statistic, row.representation, summary, row.seeds, num(value)]);
    }
  }
  const head = `# ${WORDNET_CSV_FORMAT}\n# ${battery.wordnet}\n# manifest: ${JSON.stringify(entry.manifest)}\n`;
  return head + Papa.unparse({ fields: [...WORDNET_CSV_COLUMNS], data }, { newline: '\n' }) + '\n';
}
