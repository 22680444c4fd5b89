/**
 * Reproduce an exported experiment (issue 8, item 3): the model files must be the ones the manifest
 * names (sha256), and the re-run numbers must equal the stored ones within a stated tolerance.
 * Pure: the CLI and the lab load and run; this compares.
 */
import type { FileDigest } from '../model/prepared';
import type { ResultsFile } from './results';

/**
 * Default tolerance, relative (|a - b| / max(|a|, floor)): the one the lab's references use. float32
 * runs on another execution provider or machine differ by ~1e-6 in norms and gains and up to ~1e-5 in
 * top-k probabilities (exp amplifies the logits' rounding), measured WASM in Chromium vs onnxruntime-node.
 */
export const REPRODUCE_TOLERANCE = 1e-4;
const FLOOR = 1e-12;

export interface HashCheck {
  ok: boolean;
  /** one line per file that differs or is missing */
  problems: string[];
}

/** Compare the manifest's file digests with the files just loaded (by name). */
export function checkHashes(expected: readonly FileDigest[], loaded: readonly FileDigest[]): HashCheck {
  const problems: string[] = [];
  const byName = new Map(loaded.map((f) => [f.name, f]));
  for (const e of expected) {
    const got = byName.get(e.name);
    if (!got) problems.push(`${e.name}: not loaded (the manifest lists it, sha256 ${e.sha256})`);
    else if (got.sha256 !== e.sha256) problems.push(`${e.name}: hash mismatch: the manifest says sha256 ${e.sha256} (${e.bytes} bytes), the file loaded now is ${got.sha256} (${got.bytes} bytes)`);
  }
  return { ok: problems.length === 0, problems };
}

export interface NumberDiff {
  /** where in the results: `results[0].measurement.norms.blocks.2.hook_resid_pre[5]` */ path: string;
  stored: number;
  fresh: number;
  relErr: number;
}

export interface ReproduceReport {
  ok: boolean;
  tolerance: number;
  /** how many numbers were compared */ compared: number;
  maxRelErr: number;
  /** the largest differences, worst first (at most 20) */ worst: NumberDiff[];
  /** numbers over the tolerance */ over: number;
  /** structural differences: a prompt or a field present on one side only, different ids or top tokens */ structure: string[];
}

/** Walk two JSON-like values in parallel, comparing numbers and reporting structure differences. */
function walk(a: unknown, b: unknown, path: string, out: { diffs: NumberDiff[]; structure: string[]; compared: number }): void {
  if (typeof a === 'number' && typeof b === 'number') {
    out.compared++;
    const relErr = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), FLOOR);
    if (relErr > 0) out.diffs.push({ path, stored: a, fresh: b, relErr });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.structure.push(`${path}: ${a.length} entries stored, ${b.length} now`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a as object);
    const kb = new Set(Object.keys(b as object));
    for (const k of ka) {
      if (!kb.has(k)) out.structure.push(`${path}.${k}: stored, missing now`);
      else walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
    }
    for (const k of kb) if (!ka.includes(k)) out.structure.push(`${path}.${k}: new now, not stored`);
    return;
  }
  if (a !== b) out.structure.push(`${path}: ${JSON.stringify(a)} stored, ${JSON.stringify(b)} now`);
}

/** Compare the stored results with a fresh run of the same spec. Token ids, pieces and top-k ids must match exactly; numbers within `tolerance`. */
export function compareResults(stored: Pick<ResultsFile, 'results'>, fresh: Pick<ResultsFile, 'results'>, tolerance = REPRODUCE_TOLERANCE): ReproduceReport {
  const out = { diffs: [] as NumberDiff[], structure: [] as string[], compared: 0 };
  walk(stored.results, fresh.results, 'results', out);
  // Ids and top-k ids are numbers too, but they are identities, not measurements: any change is structural.
  const identity = /\.ids\[\d+\]$|\.topK\[\d+\]\.id$|\.promptLength$/;
  const structural = out.diffs.filter((d) => identity.test(d.path));
  for (const d of structural) out.structure.push(`${d.path}: ${d.stored} stored, ${d.fresh} now`);
  const numeric = out.diffs.filter((d) => !identity.test(d.path)).sort((x, y) => y.relErr - x.relErr);
  const over = numeric.filter((d) => d.relErr > tolerance).length;
  return {
    ok: over === 0 && out.structure.length === 0,
    tolerance,
    compared: out.compared,
    maxRelErr: numeric[0]?.relErr ?? 0,
    worst: numeric.slice(0, 20),
    over,
    structure: out.structure,
  };
}
