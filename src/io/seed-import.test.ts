/**
 * Seed result files -> study table, on the synthetic files in fixtures/seed-files (written by
 * make_seed_files.py with the seeds' own serialisation: json.dump, numpy types, pandas to_csv).
 * Expected numbers are read from the files themselves (or, for seed 03, from pandas' own summary
 * in the companion JSON), so each test says "the table shows what the file says, under the right name".
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importSeedFile, SeedImportError } from './seed-import';
import { parseCsv, parsePythonJson } from './seed-formats';
import { SEED01_CANONICAL, SEED02_PROMPTS, SEED03_PROMPTS } from './prompt-sets';

const DIR = fileURLToPath(new URL('../../fixtures/seed-files/', import.meta.url));
const F01 = 'clean_residual_validation_20260105_101500.json';
const F02 = 'pythia_family_NO_FINAL_LN_20260105_103000.json';
const F03 = 'gpt2_layernorm_validation_20260105_120000';
const read = (name: string) => readFileSync(DIR + name, 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const raw = (name: string): any => JSON.parse(read(name));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[], ddof: number) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - ddof));

/** The error thrown by importing `text` as `name`. */
function rejection(name: string, text: string): string {
  try {
    importSeedFile(name, text);
  } catch (e) {
    expect(e).toBeInstanceOf(SeedImportError);
    return (e as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('seed 01: clean_residual_validation_*.json', () => {
  const data = raw(F01);
  const imp = importSeedFile(`some/dir/${F01}`, read(F01));

  it('maps last_layer_gain_* to G_hf_last with the per-prompt values by canonical prompt', () => {
    expect(imp.format).toBe('seed01-json');
    expect(imp.file).toBe(F01);
    expect(imp.warnings).toEqual([]);
    expect(imp.rows.map((r) => r.model)).toEqual(['pythia-1.4b', 'pythia-410m']);
    for (const row of imp.rows) {
      const r = data.results[row.model];
      expect(row).toMatchObject({ definition: 'G_hf_last', position: 'last', gainMean: r.last_layer_gain_mean, gainStd: r.last_layer_gain_std, gainStdDdof: 0, n: 3 });
      expect(row.perPrompt?.map((p) => p.prompt)).toEqual(SEED01_CANONICAL.prompts.map((p) => p.text));
      expect(row.perPrompt?.map((p) => p.gain)).toEqual(SEED01_CANONICAL.prompts.map((p) => r.per_prompt_gains[p.text]));
      // the summary is the population mean / std of the per-prompt values (np.mean, np.std)
      const g = row.perPrompt!.map((p) => p.gain);
      expect(rel(mean(g), row.gainMean)).toBeLessThan(1e-12);
      expect(rel(sd(g, 0), row.gainStd!)).toBeLessThan(1e-12);
      expect(row.source).toMatchObject({ file: F01, format: 'seed01-json', column: `results["${row.model}"].last_layer_gain_mean` });
    }
  });

  it('carries the architecture from the file and the norm type from the model table', () => {
    expect(imp.rows[0]).toMatchObject({ hfPath: 'EleutherAI/pythia-1.4b', nLayers: 24, nHeads: 16, dModel: 2048, dHead: 128, rho: 0.125, normType: 'LayerNorm' });
    expect(imp.rows[1]).toMatchObject({ hfPath: 'EleutherAI/pythia-410m', nHeads: 16, dHead: 64, rho: 0.25 });
  });

  it('reads all_layer_gains as G_block(i) then a final G_hf_last point', () => {
    const curve = imp.layerCurves[0];
    expect(curve.points).toHaveLength(24);
    expect(curve.points.slice(0, 23).every((p, i) => p.definition === 'G_block' && p.layer === i)).toBe(true);
    expect(curve.points[23].definition).toBe('G_hf_last');
    expect(curve.points.map((p) => p.gainMean)).toEqual(data.results['pythia-1.4b'].all_layer_gains);
    expect(rel(curve.points[23].gainMean, imp.rows[0].gainMean)).toBeLessThan(1e-12);
  });
});

describe('seed 02: pythia_family_NO_FINAL_LN_*.json', () => {
  const data = raw(F02);
  const imp = importSeedFile(F02, read(F02));

  it('maps residual_gain_* to G_hf_penult and gain_with_ln_* to G_hf_last', () => {
    expect(imp.format).toBe('seed02-json');
    expect(imp.warnings).toEqual([]);
    expect(imp.rows.map((r) => `${r.model} ${r.definition}`)).toEqual([
      'pythia-70m G_hf_penult', 'pythia-70m G_hf_last', 'pythia-160m G_hf_penult', 'pythia-160m G_hf_last', 'pythia-410m G_hf_penult', 'pythia-410m G_hf_last',
    ]);
    data.models.forEach((m: Record<string, number>, k: number) => {
      const [penult, last] = imp.rows.slice(2 * k, 2 * k + 2);
      expect(penult).toMatchObject({ gainMean: m.residual_gain_mean, gainStd: m.residual_gain_std, gainStdDdof: 0, n: 25, rho: m.rho, nLayers: m.n_layers, normType: 'LayerNorm' });
      expect(last).toMatchObject({ gainMean: m.gain_with_ln_mean, gainStd: m.gain_with_ln_std, n: 25 });
      expect(last.perPrompt).toBeUndefined();
      expect(penult.source.column).toBe(`models[${k}].residual_gain_mean`);
      expect(imp.layerCurves[k].points).toHaveLength(m.n_layers);
    });
  });

  it('pairs residual_gain_all with the seed 02 prompts by position', () => {
    const row = imp.rows[2];
    expect(row.perPrompt?.map((p) => p.gain)).toEqual(data.models[1].residual_gain_all);
    expect(row.perPrompt?.map((p) => [p.prompt, p.category])).toEqual(SEED02_PROMPTS.prompts.map((p) => [p.text, p.category]));
  });

  it('imports a one-block model once, as G_hf_last (the seed\'s fallback)', () => {
    const d = raw(F02);
    Object.assign(d.models[0], { n_layers: 1, all_layer_gains: [d.models[0].gain_with_ln_mean] });
    const out = importSeedFile(F02, JSON.stringify(d));
    expect(out.rows.filter((r) => r.model === 'pythia-70m').map((r) => [r.definition, r.gainMean, r.n])).toEqual([['G_hf_last', d.models[0].residual_gain_mean, 25]]);
    expect(out.layerCurves[0].points).toEqual([{ layer: 0, definition: 'G_hf_last', gainMean: d.models[0].gain_with_ln_mean }]);
    expect(out.warnings).toEqual(['models[0] has 1 layer: its residual_gain is G_hf_last (the seed\'s fallback), imported once']);
  });

  it('does not pair prompts when the file has another count, and says so', () => {
    const d = raw(F02);
    d.n_prompts = 3;
    d.models.forEach((m: { residual_gain_all: number[] }) => m.residual_gain_all.splice(3));
    const out = importSeedFile(F02, JSON.stringify(d));
    expect(out.rows[0].perPrompt?.[0]).toEqual({ index: 0, gain: d.models[0].residual_gain_all[0] });
    expect(out.warnings.join('\n')).toMatch(/models\[0\]\.residual_gain_all has 3 values .* not paired/);
    expect(out.warnings.join('\n')).toMatch(/residual_gain_mean is .* in the file but .* from its values/);
  });
});

describe('seed 03: gpt2_layernorm_validation_*.csv and .json', () => {
  const json = raw(`${F03}.json`);
  const csv = importSeedFile(`${F03}.csv`, read(`${F03}.csv`));
  const fromJson = importSeedFile(`${F03}.json`, read(`${F03}.json`));

  it('maps Last_Gain to G_block(L-1) and reproduces pandas\' own per-model mean and std', () => {
    expect(csv.format).toBe('seed03-csv');
    expect(csv.warnings).toEqual([]);
    expect(csv.rows.map((r) => [r.model, r.definition, r.block, r.n])).toEqual([['GPT2-Large', 'G_block', 35, 25], ['GPT2-Medium', 'G_block', 23, 25]]);
    for (const row of csv.rows) {
      const v = json.validation_results.find((x: { Model: string }) => x.Model === row.model);
      expect(rel(row.gainMean, json.base_levels[row.model])).toBeLessThan(1e-12);
      expect(rel(row.gainStd!, v.Std)).toBeLessThan(1e-12);
      expect(row.gainStdDdof).toBe(1);
    }
    expect(csv.rows[0]).toMatchObject({ hfPath: 'gpt2-large', nLayers: 36, nHeads: 20, dModel: 1280, dHead: 64, rho: 0.3125, normType: 'LayerNorm' });
  });

  it('keeps every per-prompt column, including tokens pandas had to quote', () => {
    const row = csv.rows[1];
    const first = json.all_results.find((r: { Model: string }) => r.Model === 'GPT2-Medium');
    expect(row.perPrompt?.[0]).toEqual({
      index: 0, prompt: first.Prompt, category: first.Category, gain: first.Last_Gain, entropyNats: first.Entropy,
      topToken: first.Top_Token, topProb: first.Top_Prob, ampAfterBlock0: first.Total_Amp,
    });
    expect(row.perPrompt?.map((p) => [p.prompt, p.category])).toEqual(SEED03_PROMPTS.prompts.map((p) => [p.text, p.category]));
    expect(csv.rows[0].perPrompt?.slice(0, 4).map((p) => p.topToken)).toEqual([' Paris', '\n', '"', ',']);
  });

  it('the JSON gives the same table as the CSV, and reports what it leaves out', () => {
    expect(fromJson.rows.map(({ source: _s, ...r }) => r)).toEqual(csv.rows.map(({ source: _s, ...r }) => r));
    expect(fromJson.warnings).toEqual([
      'GPT2-XL is in models_tested but has no measurements (it failed in the notebook)',
      'reference_models not imported (Pythia-6.9B 0.8, Mistral-7B 1.11, LLaMA-3.1-8B 1.48, Gemma-7B 2.31): the file does not say which gain definition they use',
    ]);
  });
});

describe('malformed files are rejected with the line or field named', () => {
  it('JSON: a missing field, a wrong type, a NaN, a length that contradicts n_layers', () => {
    const d1 = raw(F01);
    delete d1.results['pythia-410m'].last_layer_gain_mean;
    expect(rejection(F01, JSON.stringify(d1))).toBe(`${F01} at results["pythia-410m"]: field 'last_layer_gain_mean' is missing`);
    const d2 = raw(F02);
    d2.models[1].rho = '0.1875';
    expect(rejection(F02, JSON.stringify(d2))).toBe(`${F02} at models[1].rho: expected number, got string '0.1875'`);
    const nan = read(F02).replace(/"residual_gain_mean": [^,]+,/, '"residual_gain_mean": NaN,');
    expect(rejection(F02, nan)).toMatch(/at models\[0\]\.residual_gain_mean: expected number, got NaN/);
    const d3 = raw(F01);
    d3.results['pythia-1.4b'].all_layer_gains.pop();
    expect(rejection(F01, JSON.stringify(d3))).toBe(`${F01} at results["pythia-1.4b"].all_layer_gains: has 23 entries but n_layers is 24 (got array of 23)`);
    const d4 = raw(`${F03}.json`);
    d4.all_results[7].Last_Gain = 'abc';
    expect(rejection(`${F03}.json`, JSON.stringify(d4))).toBe(`${F03}.json at all_results[7].Last_Gain: expected number, got string 'abc'`);
  });

  it('JSON: not a seed file, or not JSON', () => {
    expect(rejection('results.json', '{"experiment": "Something else"}')).toMatch(/results\.json at experiment: not a seed result file: experiment is string 'Something else'/);
    expect(rejection(F01, '{"experiment": "Clean Residual Gain Validation",\n "results": }')).toMatch(/^clean_residual_validation_20260105_101500\.json.*: not valid JSON/);
    // without its title the file name decides, and the schema names what is missing
    const d = raw(F01);
    delete d.experiment;
    expect(rejection(F01, JSON.stringify(d))).toBe(`${F01} at (root): field 'experiment' is missing`);
  });

  /** The CSV fixture with `edit` applied to the physical line holding `needle` (1-based line returned). */
  function editCsvLine(needle: string, edit: (line: string) => string): { text: string; line: number } {
    const lines = read(`${F03}.csv`).split('\n');
    const i = lines.findIndex((l) => l.startsWith(needle));
    lines[i] = edit(lines[i]);
    return { text: lines.join('\n'), line: i + 1 };
  }

  it('CSV: a bad number, an empty number, a short row, a bad enum, a missing column', () => {
    // below two records that span two lines (a newline token), so record index != line number
    const bad = editCsvLine('GPT2-Medium,LayerNorm,355M,LayerNorm Validation (Small),Factual,1,The currency', (l) => l.replace(/,(\d\.\d+),(\d\.\d+),/, ',$1,abc,'));
    expect(bad.line).toBeGreaterThan(30);
    expect(rejection(`${F03}.csv`, bad.text)).toBe(`${F03}.csv line ${bad.line}: column 'Last_Gain' is not a number ('abc')`);
    const empty = editCsvLine('GPT2-Large,LayerNorm,774M,LayerNorm Validation (Medium),Cliche,2,Time heals all', (l) => l.replace(/,\d+$/, ','));
    expect(rejection(`${F03}.csv`, empty.text)).toBe(`${F03}.csv line ${empty.line}: column 'N_Layers' is empty (pandas writes NaN as an empty field)`);
    const short = editCsvLine('GPT2-Large,LayerNorm,774M,LayerNorm Validation (Medium),Nonsense,3,Window', (l) => l.replace(/,[^,]*$/, ''));
    expect(rejection(`${F03}.csv`, short.text)).toBe(`${F03}.csv line ${short.line}: 13 fields, but the header has 14`);
    const norm = editCsvLine('GPT2-Medium,LayerNorm,355M,LayerNorm Validation (Small),Nonsense', (l) => l.replace('GPT2-Medium,LayerNorm,', 'GPT2-Medium,BatchNorm,'));
    expect(rejection(`${F03}.csv`, norm.text)).toMatch(new RegExp(`line ${norm.line} column 'Norm_Type': Invalid option.*got string 'BatchNorm'`));
    const header = editCsvLine('Model,', (l) => l.replace('Last_Gain', 'Gain'));
    expect(rejection(`${F03}.csv`, header.text)).toBe(`${F03}.csv line 1: missing column 'Last_Gain'`);
  });

  it('CSV: quoting errors and rows that contradict each other', () => {
    const open = editCsvLine('GPT2-Large,LayerNorm,774M,LayerNorm Validation (Medium),Cliche,2,Actions', (l) => l.replace('Actions speak', '"Actions speak'));
    expect(rejection(`${F03}.csv`, open.text)).toBe(`${F03}.csv line ${open.line}: the quoted field opened here closes on line ${open.line + 1}, followed by 'I'`);
    const stray = editCsvLine('GPT2-Large,LayerNorm,774M,LayerNorm Validation (Medium),Cliche,2,Actions', (l) => l.replace('Actions speak', 'Actions "speak'));
    expect(rejection(`${F03}.csv`, stray.text)).toBe(`${F03}.csv line ${stray.line}: a quote inside an unquoted field`);
    const layers = editCsvLine('GPT2-Medium,LayerNorm,355M,LayerNorm Validation (Small),Novel,4,The epis', (l) => l.replace(/,24$/, ',25'));
    expect(rejection(`${F03}.csv`, layers.text)).toBe(`${F03}.csv line ${layers.line}: N_Layers is 25 but 24 in the other rows of GPT2-Medium`);
    expect(rejection(`${F03}.csv`, read(`${F03}.csv`).split('\n')[0] + '\n')).toBe(`${F03}.csv line 2: no measurements after the header`);
  });
});

describe('the dialects', () => {
  it('parsePythonJson reads NaN and Infinity outside strings only', () => {
    const v = parsePythonJson('{"a": NaN, "b": "NaN and -Infinity \\" NaN", "c": [-Infinity, Infinity]}') as { a: number; b: string; c: number[] };
    expect(v.a).toBeNaN();
    expect(v.b).toBe('NaN and -Infinity " NaN');
    expect(v.c).toEqual([-Infinity, Infinity]);
  });

  it('parseCsv: quoted newlines keep the starting line, CRLF and a BOM are accepted', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x\ny",2\r\n"say ""hi""",\r\n\r\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\ny', '2'] },
      { line: 4, cells: ['say "hi"', ''] },
    ]);
  });
});
