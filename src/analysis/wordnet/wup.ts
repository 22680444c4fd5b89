/**
 * Wu-Palmer similarity exactly as NLTK computes it (Synset.wup_similarity, NLTK 3.x), the similarity
 * seed 05 section 8 builds its geometric target from:
 * - the simulated root is used only when a synset is not a noun (as path similarity);
 * - candidates are the common hypernyms (each synset counts among its own, instance hypernyms
 *   included), plus NLTK's fake '*ROOT*' (min depth 0) with the root; the lowest common hypernyms are
 *   those of the largest min_depth (NLTK's use_min_depth=True), sorted by name, so '*ROOT*' comes
 *   first when it ties with a real top synset;
 * - the subsumer is `a` when it is among them, else the first; depth = max_depth(subsumer) + 1 (1 for
 *   the fake root); len_x = shortest path distance from x to the subsumer (to the fake root: x's
 *   farthest ancestor distance + 1) plus depth; wup = 2 depth / (len_a + len_b); null when there is none.
 */
import { pathIndex } from './path';
import type { WordNet } from './wordnet';

const ROOT = -1;
const ROOT_NAME = '*ROOT*';

/** min_depth and max_depth (NLTK): shortest and longest hypernym path to a top synset, memoised per WordNet. */
class Depths {
  private readonly min = new Map<number, number>();
  private readonly max = new Map<number, number>();

  constructor(private readonly wn: WordNet) {}

  private parents(id: number): number[] {
    return [...this.wn.hypernyms(id), ...this.wn.instanceHypernyms(id)];
  }

  minDepth(id: number): number {
    let d = this.min.get(id);
    if (d === undefined) {
      const p = this.parents(id);
      d = p.length === 0 ? 0 : 1 + Math.min(...p.map((h) => this.minDepth(h)));
      this.min.set(id, d);
    }
    return d;
  }

  maxDepth(id: number): number {
    let d = this.max.get(id);
    if (d === undefined) {
      const p = this.parents(id);
      d = p.length === 0 ? 0 : 1 + Math.max(...p.map((h) => this.maxDepth(h)));
      this.max.set(id, d);
    }
    return d;
  }
}

const depthsOf = new WeakMap<WordNet, Depths>();

function depths(wn: WordNet): Depths {
  let d = depthsOf.get(wn);
  if (!d) depthsOf.set(wn, (d = new Depths(wn)));
  return d;
}

/** NLTK's min_depth of a synset: edges on the shortest hypernym path to a top synset. */
export function minDepth(wn: WordNet, id: number): number {
  return depths(wn).minDepth(id);
}

/** NLTK's max_depth of a synset: edges on the longest hypernym path to a top synset. */
export function maxDepth(wn: WordNet, id: number): number {
  return depths(wn).maxDepth(id);
}

export interface WupOptions {
  /** NLTK's simulate_root (default true); applied only when a synset is not a noun */
  simulateRoot?: boolean;
}

/** NLTK's wup_similarity between synsets `a` and `b` of `wn` (see the file comment), null when undefined. */
export function wupSimilarity(wn: WordNet, a: number, b: number, opts: WupOptions = {}): number | null {
  const paths = pathIndex(wn);
  const dep = depths(wn);
  const root = paths.usesRoot(a, b, opts.simulateRoot ?? true);
  const A = paths.ancestors(a);
  const B = paths.ancestors(b);
  let best = -1;
  let lowest: number[] = [];
  for (let i = 0, j = 0; i < A.ids.length && j < B.ids.length; ) {
    if (A.ids[i] < B.ids[j]) i++;
    else if (A.ids[i] > B.ids[j]) j++;
    else {
      const x = A.ids[i];
      const md = dep.minDepth(x);
      if (md > best) [best, lowest] = [md, [x]];
      else if (md === best) lowest.push(x);
      i++;
      j++;
    }
  }
  if (root) {
    if (best < 0) [best, lowest] = [0, [ROOT]];
    else if (best === 0) lowest.push(ROOT);
  }
  if (lowest.length === 0) return null;
  const name = (s: number): string => (s === ROOT ? ROOT_NAME : wn.name(s));
  lowest.sort((x, y) => (name(x) < name(y) ? -1 : name(x) > name(y) ? 1 : 0));
  const subsumer = lowest.includes(a) ? a : lowest[0];
  if (subsumer === ROOT) return 2 / (A.maxDist + 1 + 1 + (B.maxDist + 1 + 1));
  const depth = dep.maxDepth(subsumer) + 1;
  const la = paths.shortestPathDistance(a, subsumer, root);
  const lb = paths.shortestPathDistance(b, subsumer, root);
  if (la === null || lb === null) return null;
  return (2 * depth) / (la + depth + (lb + depth));
}
