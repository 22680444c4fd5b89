/**
 * Seed notebooks' result files into the study: io/seed-import.ts reads and validates a file into
 * StudyRows (one per model and gain definition); here those rows become StudyModels, one per
 * model of the file, each value under the lab's field for its definition.
 */
import { importSeedFile, type SeedImport, type StudyRow } from '../io/seed-import';
import type { GainField } from './study-fields';
import { EMPTY_ARCH, type GivenLayerCurve, type StudyModel, type StudyPromptValues } from './study-model';
import { addImported, importFinished } from './study-actions';

/** The lab field a StudyRow's definition fills, or null (a G_block(i) of a block other than the last). */
function fieldOf(r: StudyRow): GainField | null {
  if (r.definition === 'G_hf_last') return 'G_hf_last';
  if (r.definition === 'G_hf_penult') return 'G_hf_penult';
  if (r.definition === 'G_block' && r.nLayers !== undefined && r.block === r.nLayers - 1) return 'G_block_last';
  return null;
}

const emptyPrompt = (index: number): StudyPromptValues => ({
  index,
  prompt: `prompt ${index + 1} (text not in the file)`,
  category: null,
  G_hf_last: null,
  G_hf_penult: null,
  G_block_last: null,
  total: null,
  entropyNats: null,
  G_block: null,
  topToken: null,
  topProb: null,
});

export function modelsFromImport(imp: SeedImport): StudyModel[] {
  const byModel = new Map<string, StudyRow[]>();
  for (const r of imp.rows) byModel.set(r.model, [...(byModel.get(r.model) ?? []), r]);
  return [...byModel].map(([name, rows]) => {
    const first = rows[0];
    const prompts = new Map<number, StudyPromptValues>();
    const given: StudyModel['given'] = {};
    const notes = new Set<string>();
    for (const r of rows) {
      const f = fieldOf(r);
      r.source.notes.forEach((n) => notes.add(n));
      if (!f) {
        notes.add(`${r.source.column}: ${r.definition}(${r.block ?? '?'}) is not a last-layer gain; not shown`);
        continue;
      }
      given[f] = { mean: r.gainMean, std: r.gainStd ?? null, ddof: r.gainStdDdof ?? null, n: r.n ?? null };
      for (const p of r.perPrompt ?? []) {
        const v = prompts.get(p.index) ?? emptyPrompt(p.index);
        prompts.set(p.index, {
          ...v,
          ...(p.prompt !== undefined ? { prompt: p.prompt } : {}),
          ...(p.category !== undefined ? { category: p.category } : {}),
          [f]: p.gain,
          ...(p.entropyNats !== undefined ? { entropyNats: p.entropyNats } : {}),
          ...(p.topToken !== undefined ? { topToken: p.topToken } : {}),
          ...(p.topProb !== undefined ? { topProb: p.topProb } : {}),
        });
      }
    }
    const curve = imp.layerCurves.find((c) => c.model === name);
    const layerCurve: GivenLayerCurve | null = curve
      ? { definition: 'all_layer_gains: G_block(i), last point G_hf_last', values: curve.points.map((p) => p.gainMean) }
      : null;
    const warnings = imp.warnings.filter((w) => w.includes(name));
    return {
      key: `${imp.file}#${name}`,
      label: name,
      origin: { kind: 'import', file: imp.file, note: [...notes, ...warnings].join('; ') },
      position: first.position,
      arch: {
        ...EMPTY_ARCH,
        family: first.hfPath ?? null,
        nLayers: first.nLayers ?? null,
        dModel: first.dModel ?? null,
        nHeads: first.nHeads ?? null,
        dHead: first.dHead ?? null,
        rho: first.rho ?? null,
        normType: first.normType ?? null,
      },
      prompts: [...prompts.values()].sort((a, b) => a.index - b.index),
      given,
      layerCurve,
    };
  });
}

/** Read each file; a malformed one is reported (file, line or JSON path, field) and the others still load. */
export async function importStudyFiles(files: readonly File[]): Promise<void> {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const f of files) {
    try {
      const imp = importSeedFile(f.name, await f.text());
      if (imp.rows.length === 0) throw new Error(`${f.name}: no models in the file`);
      addImported(modelsFromImport(imp));
      warnings.push(...imp.warnings.map((w) => `${f.name}: ${w}`));
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  importFinished(errors, warnings);
}
