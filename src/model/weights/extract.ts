/**
 * The weight catalog of a loaded model: every entry of the matching WEIGHT_LAYOUTS table found in
 * its graph(s), fused q/k/v split, each matrix [out, in] row-major and read on demand (so listing
 * the catalog of a large model costs nothing).
 */
import { graphWeights, type GraphWeight } from '../../onnx/weights';
import type { ModelProto } from '../../onnx/proto';
import type { ArchitectureCard } from '../card';
import { WEIGHT_LAYOUTS, weightName, type QkvSplit, type WeightKind, type WeightLayout, type WeightRule } from './catalog';

export interface WeightEntry {
  /** catalog name: `wq.0`, `ln_final`, `encoder.mlp_out.1` */ name: string;
  kind: WeightKind;
  /** layer index, null for embeddings, the LM head and the final norm */ layer: number | null;
  /** '' for decoder-only models; 'encoder' | 'decoder' for T5 */ stack: string;
  rows: number;
  cols: number;
  /** module path and how the file stores it */ source: string;
  /** [rows, cols] row-major float32 ([cols] for a norm vector) */ read(): Float32Array;
}

export interface WeightCatalog {
  layout: string;
  entries: WeightEntry[];
  /** why some expected weights are absent (tied LM head, ...) */ notes: string[];
}

const SHARED_KINDS: ReadonlySet<WeightKind> = new Set(['embed', 'pos_embed', 'unembed']);
const MAX_LAYERS = 1024;

function stacked(rule: WeightRule): boolean {
  return rule.path.includes('{i}') || (!SHARED_KINDS.has(rule.kind as WeightKind) && typeof rule.kind === 'string');
}

/** Rows of a fused [q; k; v] projection that belong to each part. */
function qkvRows(split: QkvSplit, card: Pick<ArchitectureCard, 'nHeads' | 'nKvHeads' | 'dHead'>, totalRows: number): Record<'wq' | 'wk' | 'wv', number[]> {
  const { nHeads, nKvHeads, dHead } = card;
  const range = (a: number, n: number) => Array.from({ length: n }, (_, k) => a + k);
  if (split === 'concat') {
    const q = nHeads * dHead;
    const kv = nKvHeads * dHead;
    if (q + 2 * kv !== totalRows) throw new Error(`fused qkv has ${totalRows} rows; the card says ${q} + 2 x ${kv}`);
    return { wq: range(0, q), wk: range(q, kv), wv: range(q + kv, kv) };
  }
  if (nHeads !== nKvHeads || 3 * nHeads * dHead !== totalRows) throw new Error(`per-head fused qkv has ${totalRows} rows; the card says 3 x ${nHeads} x ${dHead}`);
  const parts = { wq: [] as number[], wk: [] as number[], wv: [] as number[] };
  for (let h = 0; h < nHeads; h++) {
    parts.wq.push(...range(h * 3 * dHead, dHead));
    parts.wk.push(...range(h * 3 * dHead + dHead, dHead));
    parts.wv.push(...range(h * 3 * dHead + 2 * dHead, dHead));
  }
  return parts;
}

function pickRows(w: GraphWeight, rows: number[]): () => Float32Array {
  return () => {
    const all = w.read();
    const out = new Float32Array(rows.length * w.cols);
    rows.forEach((r, k) => out.set(all.subarray(r * w.cols, (r + 1) * w.cols), k * w.cols));
    return out;
  };
}

function entriesOf(layout: WeightLayout, weights: Map<string, GraphWeight>, card: CatalogCard): WeightEntry[] {
  const out: WeightEntry[] = [];
  const seen = new Set<string>();
  const push = (e: WeightEntry) => {
    if (!seen.has(e.name)) {
      seen.add(e.name);
      out.push(e);
    }
  };
  for (const stack of layout.stacks) {
    for (const rule of layout.rules) {
      if (rule.stack !== undefined && rule.stack !== stack) continue;
      const isStacked = stacked(rule);
      if (!isStacked && stack !== layout.stacks[0]) continue;
      const prefix = isStacked && stack ? `${stack}.` : '';
      const layers = rule.path.includes('{i}') ? Array.from({ length: MAX_LAYERS }, (_, i) => i) : [null];
      for (const layer of layers) {
        const path = prefix + (layer === null ? rule.path : rule.path.replace('{i}', String(layer)));
        const w = weights.get(path);
        if (!w) {
          if (layer !== null) break;
          continue;
        }
        const st = isStacked ? stack : '';
        if (typeof rule.kind === 'string') {
          push({ name: weightName(rule.kind, layer, st), kind: rule.kind, layer, stack: st, rows: w.rows, cols: w.cols, source: `${path}: ${w.source}`, read: w.read });
        } else {
          const parts = qkvRows(rule.kind.qkv, card, w.rows);
          for (const kind of ['wq', 'wk', 'wv'] as const) {
            push({ name: weightName(kind, layer, st), kind, layer, stack: st, rows: parts[kind].length, cols: w.cols, source: `${path} (${kind} rows of the fused qkv, ${rule.kind.qkv}): ${w.source}`, read: pickRows(w, parts[kind]) });
          }
        }
      }
    }
  }
  return out;
}

/**
 * The catalog of a model. `graphs` are the model's ONNX graphs with the path prefix of each (a T5
 * encoder file's paths get 'encoder.'); the layout that finds the most weights wins.
 */
export type CatalogCard = Pick<ArchitectureCard, 'nHeads' | 'nKvHeads' | 'dHead' | 'tiedEmbeddings'>;

export function weightCatalog(graphs: readonly { model: ModelProto; prefix?: string }[], card: CatalogCard): WeightCatalog {
  const weights = new Map<string, GraphWeight>();
  for (const g of graphs) for (const [k, w] of graphWeights(g.model, g.prefix ?? '')) if (!weights.has(k)) weights.set(k, w);
  let best: { layout: WeightLayout; entries: WeightEntry[] } | null = null;
  for (const layout of WEIGHT_LAYOUTS) {
    let entries: WeightEntry[];
    try {
      entries = entriesOf(layout, weights, card);
    } catch {
      continue;
    }
    if (!best || entries.length > best.entries.length) best = { layout, entries };
  }
  if (!best || best.entries.length === 0) throw new Error(`no known weight layout matches this graph (looked for ${WEIGHT_LAYOUTS.map((l) => l.name).join(', ')} module paths)`);
  const notes: string[] = [];
  let entries = best.entries;
  if (card.tiedEmbeddings && entries.some((e) => e.kind === 'unembed')) {
    entries = entries.filter((e) => e.kind !== 'unembed');
    notes.push('the LM head is tied to the token embedding: it is listed once, as embed');
  } else if (!entries.some((e) => e.kind === 'unembed') && card.tiedEmbeddings) notes.push('the LM head is tied to the token embedding: it is listed once, as embed');
  return { layout: best.layout.name, entries, notes };
}
