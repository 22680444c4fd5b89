/**
 * WordNet indexed for lookups, with NLTK's names and orders: synset names `lemma.pos.NN` (first
 * lemma lowercased, its sense number), `synsetsOf(lemma)` in NLTK's POS order without morphology,
 * hypernyms sorted by name (NLTK's hypernyms()), and hypernym paths as NLTK's hypernym_paths().
 * Synsets are integer ids (positions in NLTK's all_synsets() order).
 */
import { LEXNAMES } from './lexnames.ts';
import { senseIndex } from './parse.ts';
import { POS_LIST, posFile, type Csr, type Pos, type PosFile, type WordNetData } from './types.ts';

export class WordNet {
  /** [count] NLTK names, e.g. 'dog.n.01' */
  readonly names: string[];
  private readonly byName = new Map<string, number>();
  private readonly index: Map<string, number[]>;
  /** '@' targets per synset, sorted by name */
  private readonly hyper: Int32Array[];
  /** '@i' targets per synset, sorted by name */
  private readonly instance: Int32Array[];

  constructor(readonly data: WordNetData) {
    this.names = new Array<string>(data.count);
    for (let i = 0; i < data.count; i++) {
      const name = `${data.lemmas[i][0].toLowerCase()}.${data.pos[i]}.${String(data.senses[i][0]).padStart(2, '0')}`;
      this.names[i] = name;
      if (this.byName.has(name)) throw new Error(`two synsets are named ${name}`);
      this.byName.set(name, i);
    }
    this.index = senseIndex(data);
    this.hyper = this.sortedRows(data.hypernyms);
    this.instance = this.sortedRows(data.instanceHypernyms);
  }

  private sortedRows(csr: Csr): Int32Array[] {
    const byNameOrder = (a: number, b: number): number => (this.names[a] < this.names[b] ? -1 : this.names[a] > this.names[b] ? 1 : 0);
    return Array.from({ length: this.data.count }, (_, i) => csr.target.slice(csr.start[i], csr.start[i + 1]).sort(byNameOrder));
  }

  get count(): number {
    return this.data.count;
  }

  get version(): string {
    return this.data.version;
  }

  /** Id of the synset called `name` ('dog.n.01'), or -1. */
  find(name: string): number {
    return this.byName.get(name) ?? -1;
  }

  /** Id of the synset called `name`; throws when there is none. */
  synset(name: string): number {
    const id = this.find(name);
    if (id < 0) throw new Error(`no synset named ${name} in WordNet ${this.version}`);
    return id;
  }

  name(id: number): string {
    return this.names[id];
  }

  pos(id: number): Pos {
    return this.data.pos[id] as Pos;
  }

  offset(id: number): number {
    return this.data.offsets[id];
  }

  /** e.g. 'noun.animal' */
  lexname(id: number): string {
    return LEXNAMES[this.data.lexnames[id]];
  }

  definition(id: number): string {
    return this.data.definitions[id];
  }

  lemmaNames(id: number): readonly string[] {
    return this.data.lemmas[id];
  }

  /**
   * Synsets with `lemma` (any case; spaces as underscores) among their lemmas, in NLTK's order of
   * `wn.synsets(lemma, pos)` for a word that morphy leaves unchanged: POS n, v, a (with satellites), r,
   * each by sense number. No morphological analysis: 'dogs' finds nothing.
   */
  synsetsOf(lemma: string, pos?: Pos): number[] {
    const key = lemma.toLowerCase().replace(/ /g, '_');
    const files: readonly PosFile[] = pos ? [posFile(pos)] : POS_LIST;
    return files.flatMap((f) => this.index.get(`${f}:${key}`) ?? []);
  }

  /** '@' hypernyms, sorted by name (NLTK's hypernyms()). */
  hypernyms(id: number): Int32Array {
    return this.hyper[id];
  }

  /** '@i' instance hypernyms, sorted by name (NLTK's instance_hypernyms()). */
  instanceHypernyms(id: number): Int32Array {
    return this.instance[id];
  }

  /**
   * Every path from a root to `id` (NLTK's hypernym_paths(): root first, `id` last), through
   * hypernyms then instance hypernyms, in NLTK's order.
   */
  hypernymPaths(id: number): number[][] {
    const parents = [...this.hyper[id], ...this.instance[id]];
    if (parents.length === 0) return [[id]];
    const out: number[][] = [];
    for (const p of parents) for (const path of this.hypernymPaths(p)) out.push([...path, id]);
    return out;
  }
}
