/**
 * Shortest hypernym paths and path similarity exactly as NLTK computes them (Synset.
 * shortest_path_distance and path_similarity):
 * - each synset's ancestors with their BFS distance, through '@' hypernyms and '@i' instance
 *   hypernyms (the synset itself at 0);
 * - with the simulated root, a fake '*ROOT*' is added to both maps at (largest ancestor distance) + 1,
 *   so synsets of unconnected taxonomies (verbs, adjectives, adverbs, and any two POS) meet there;
 * - distance = min over common ancestors of d1 + d2, 0 for a synset with itself, null when none;
 * - path similarity = 1 / (distance + 1). NLTK simulates the root only when one of the two synsets
 *   is not a noun (its `_needs_root()`), and by default (simulate_root=True).
 * Ancestor maps are cached per synset, so a battery of many pairs costs a merge of two short lists.
 */
import type { WordNet } from './wordnet';

/** One synset's ancestors: ids ascending, with their BFS distances. */
interface Ancestors {
  /** [k] ancestor ids (the synset itself included), ascending */
  ids: Int32Array;
  /** [k] shortest number of hypernym edges from the synset to ids[j] */
  dist: Int32Array;
  /** max(dist): the fake root sits one step beyond */
  maxDist: number;
}

export interface PathOptions {
  /** add NLTK's fake root (default true, as path_similarity); applied only when a synset is not a noun */
  simulateRoot?: boolean;
}

export class PathIndex {
  private readonly cache = new Map<number, Ancestors>();

  constructor(readonly wn: WordNet) {}

  /** Ancestors of `id` with their breadth-first distances (NLTK's _shortest_hypernym_paths without the root). */
  ancestors(id: number): Ancestors {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const seen = new Map<number, number>();
    let frontier = [id];
    for (let depth = 0; frontier.length > 0; depth++) {
      const next: number[] = [];
      for (const s of frontier) {
        if (seen.has(s)) continue;
        seen.set(s, depth);
        for (const h of this.wn.hypernyms(s)) next.push(h);
        for (const h of this.wn.instanceHypernyms(s)) next.push(h);
      }
      frontier = next;
    }
    const ids = Int32Array.from(seen.keys()).sort();
    const dist = Int32Array.from(ids, (s) => seen.get(s)!);
    let maxDist = 0;
    for (const d of dist) if (d > maxDist) maxDist = d;
    const out = { ids, dist, maxDist };
    this.cache.set(id, out);
    return out;
  }

  /** Whether NLTK would simulate the root for this pair under `simulateRoot`. */
  usesRoot(a: number, b: number, simulateRoot = true): boolean {
    return simulateRoot && (this.wn.pos(a) !== 'n' || this.wn.pos(b) !== 'n');
  }

  /**
   * Edges on the shortest path between `a` and `b` through a common ancestor (NLTK's
   * shortest_path_distance with simulate_root as given, default false there), or null when none.
   */
  shortestPathDistance(a: number, b: number, simulateRoot = false): number | null {
    if (a === b) return 0;
    const A = this.ancestors(a);
    const B = this.ancestors(b);
    let best = simulateRoot ? A.maxDist + 1 + (B.maxDist + 1) : Infinity;
    let i = 0;
    let j = 0;
    while (i < A.ids.length && j < B.ids.length) {
      const x = A.ids[i];
      const y = B.ids[j];
      if (x < y) i++;
      else if (x > y) j++;
      else {
        const d = A.dist[i] + B.dist[j];
        if (d < best) best = d;
        i++;
        j++;
      }
    }
    return best === Infinity ? null : best;
  }

  /** NLTK's path_similarity: 1 / (1 + shortest distance), null when no path; the root as in `opts`. */
  pathSimilarity(a: number, b: number, opts: PathOptions = {}): number | null {
    const d = this.shortestPathDistance(a, b, this.usesRoot(a, b, opts.simulateRoot ?? true));
    return d === null ? null : 1 / (d + 1);
  }
}

const shared = new WeakMap<WordNet, PathIndex>();

/** The PathIndex (and its ancestor cache) kept for `wn`. */
export function pathIndex(wn: WordNet): PathIndex {
  let p = shared.get(wn);
  if (!p) shared.set(wn, (p = new PathIndex(wn)));
  return p;
}

/** NLTK's path_similarity between two synsets of `wn` (ids), null when no path. */
export function pathSimilarity(wn: WordNet, a: number, b: number, opts: PathOptions = {}): number | null {
  return pathIndex(wn).pathSimilarity(a, b, opts);
}
