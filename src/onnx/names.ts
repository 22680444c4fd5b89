/** Value names of a graph, so that surgery adds names that shadow nothing (also inside If/Loop bodies). */
import type { GraphProto } from './proto';

/** Every value name in a graph and its subgraphs. */
export function allNames(g: GraphProto, into = new Set<string>()): Set<string> {
  for (const v of [...(g.input ?? []), ...(g.output ?? []), ...(g.initializer ?? [])]) into.add(v.name!);
  for (const n of g.node ?? []) {
    for (const t of [...(n.input ?? []), ...(n.output ?? [])]) if (t) into.add(t);
    for (const a of n.attribute ?? []) {
      if (a.g) allNames(a.g, into);
      for (const sg of a.graphs ?? []) allNames(sg, into);
    }
  }
  return into;
}

/** `base`, or `base_1`, `base_2`, ... : the first that is not taken; it is taken from then on. */
export function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}
