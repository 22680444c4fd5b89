/**
 * Prompt sets as data: the seed notebooks' sets as presets, plus sets the user writes, imports
 * (plain text, see `parsePromptText`) and saves (JSON, see `PromptSetSchema`).
 *
 * The preset strings are copied verbatim from the seed notebooks (`../shared/seeds/`): a changed
 * space or comma changes the tokens and so every number measured on them.
 */
import { z } from 'zod';

/** Per-category facts a seed states beside its prompts (seed 03's CATEGORY_METADATA). */
export const CategoryInfoSchema = z.object({
  name: z.string().min(1),
  /** seed 03's "expected_entropy" label: 'low' | 'medium' | 'high' | 'very_high' */
  expectedEntropy: z.string().min(1).optional(),
  /** seed 03's "complexity" rank (1 = simplest) */
  complexity: z.number().int().optional(),
});
export type CategoryInfo = z.infer<typeof CategoryInfoSchema>;

export const PromptEntrySchema = z.object({
  /** the prompt exactly as it is tokenized (no trimming is applied to saved sets) */
  text: z.string().min(1, 'empty prompt'),
  category: z.string().min(1, 'empty category').optional(),
});
export type PromptEntry = z.infer<typeof PromptEntrySchema>;

/** A prompt set as saved to and loaded from JSON. */
export const PromptSetSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'id: letters, digits, ".", "_" or "-"'),
  name: z.string().min(1),
  /** where the set comes from: 'seed 02', 'user', a file name */
  source: z.string().min(1),
  prompts: z.array(PromptEntrySchema).min(1, 'a prompt set needs at least one prompt'),
  /** optional per-category metadata; when present it must cover every category used */
  categories: z.array(CategoryInfoSchema).optional(),
});
export type PromptSet = z.infer<typeof PromptSetSchema>;

/**
 * Checks a prompt set (e.g. parsed from a saved JSON file) and returns it typed.
 * Beyond the schema: prompt texts are unique (per-prompt results are keyed by text, as in
 * seed 01's `per_prompt_gains`), and category metadata, when given, names exactly the categories used.
 * Throws an Error naming the field, e.g. `prompts.3.text: empty prompt`.
 */
export function validatePromptSet(json: unknown): PromptSet {
  const r = PromptSetSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`invalid prompt set: ${issues}`);
  }
  const set = r.data;
  const seen = new Map<string, number>();
  set.prompts.forEach((p, i) => {
    const first = seen.get(p.text);
    if (first !== undefined) throw new Error(`invalid prompt set: prompts.${i}.text repeats prompts.${first}.text ("${p.text}")`);
    seen.set(p.text, i);
  });
  if (set.categories) {
    const declared = new Set(set.categories.map((c) => c.name));
    if (declared.size !== set.categories.length) throw new Error('invalid prompt set: categories: a category is listed twice');
    set.prompts.forEach((p, i) => {
      if (p.category !== undefined && !declared.has(p.category)) {
        throw new Error(`invalid prompt set: prompts.${i}.category "${p.category}" is not in categories`);
      }
    });
  }
  return set;
}

/**
 * Parses a user's prompt list. The rule, one line at a time:
 * - a blank (whitespace-only) line is skipped;
 * - a line without a TAB is one prompt, without category;
 * - a line with one TAB is `category<TAB>prompt`;
 * - a line with two or more TABs is an error (a prompt containing a TAB needs the JSON form).
 * Category and prompt are trimmed of surrounding whitespace (a pasted trailing space would
 * otherwise change the last token silently); CRLF line ends are accepted.
 * Tab-separated rather than CSV because prompts are full of commas and quotes (seed 03's are),
 * and a TAB is what a spreadsheet copy puts between two cells.
 * Throws an Error naming the 1-based line, e.g. `line 4: empty prompt after the tab`.
 */
export function parsePromptText(text: string): PromptEntry[] {
  const out: PromptEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const cells = raw.split('\t');
    if (cells.length > 2) throw new Error(`line ${line}: ${cells.length - 1} tabs; write category<TAB>prompt with one tab`);
    if (cells.length === 1) {
      out.push({ text: raw.trim() });
      return;
    }
    const category = cells[0].trim();
    const prompt = cells[1].trim();
    if (category === '') throw new Error(`line ${line}: empty category before the tab`);
    if (prompt === '') throw new Error(`line ${line}: empty prompt after the tab`);
    out.push({ text: prompt, category });
  });
  if (out.length === 0) throw new Error('no prompts: every line is blank');
  return out;
}

/** The inverse of `parsePromptText`, for editing a set as text. */
export function formatPromptText(prompts: readonly PromptEntry[]): string {
  return prompts.map((p) => (p.category !== undefined ? `${p.category}\t${p.text}` : p.text)).join('\n') + '\n';
}

/** Category names in first-appearance order with their prompt counts. */
export function categoryCounts(set: PromptSet): { category: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const p of set.prompts) if (p.category !== undefined) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
  return [...counts].map(([category, count]) => ({ category, count }));
}

/** Builds entries from seed-style `{ category: [prompts] }` tables, keeping their order. */
function byCategory(table: Record<string, string[]>): PromptEntry[] {
  return Object.entries(table).flatMap(([category, texts]) => texts.map((text) => ({ text, category })));
}

/** Seed 01, `CANONICAL_PROMPTS`: "EXACTLY the same prompts for ALL experiments". */
export const SEED01_CANONICAL: PromptSet = {
  id: 'seed01-canonical',
  name: 'Seed 01: 3 canonical prompts',
  source: 'seed 01',
  prompts: ['The capital of France is', 'Water freezes at', 'The quick brown fox'].map((text) => ({ text })),
};

/**
 * Seed 02, `TEST_PROMPTS`: a flat list of 25 whose categories are only comments in the notebook
 * (`# Factual`, `# Syntactic`, ...); the list order is kept because seed 02's result file stores
 * per-prompt gains by position (`residual_gain_all`), not by text.
 */
export const SEED02_PROMPTS: PromptSet = {
  id: 'seed02-25',
  name: 'Seed 02: 25 prompts, 5 categories',
  source: 'seed 02',
  prompts: byCategory({
    Factual: [
      'The capital of France is',
      'Water freezes at a temperature of',
      'The largest planet in our solar system is',
      'Einstein is famous for the theory of',
      'The chemical symbol for gold is',
    ],
    Syntactic: [
      'The man who saw the woman who wore the hat that was red and had feathers left the party early because',
      'Despite the rain that had been falling for three days straight the team decided to continue their journey through the forest which seemed to stretch on endlessly and the leader said',
      'After the meeting that was scheduled for Tuesday but moved to Wednesday due to the holiday which fell on Monday the committee announced their decision which was to',
      'The book which the author who won the prize wrote during the summer after the accident happened tells the story of a young girl who discovers that she has the ability to',
      'Although the evidence suggested otherwise and the witnesses testified against him and the prosecutor demanded the harshest penalty the jury surprisingly decided to',
    ],
    Cliche: [
      'Actions speak louder than',
      'The early bird catches the',
      'A stitch in time saves',
      'When in Rome do as the Romans',
      'Birds of a feather flock',
    ],
    Novel: [
      'The epistemological implications of quantum decoherence suggest that consciousness might be fundamentally',
      "The Voynich manuscript's undeciphered text has led some researchers to propose that it represents a constructed language designed to",
      'The Banach-Tarski paradox demonstrates that in mathematics with the axiom of choice one can decompose a sphere and reassemble it into',
      'The Mpemba effect remains controversial because it challenges our intuition about thermal dynamics by suggesting that under certain conditions hot water can',
      'The Riemann hypothesis if proven true would have profound implications for our understanding of the distribution of',
    ],
    Nonsense: [
      'Table sky run blue jump',
      'Syntax of purple dreams calculates the',
      'When squared thoughts evaporate into crystalline networks the',
      'If democracy could photosynthesize under marginal propensity then',
      'The hypotenuse of existential dread interpolates between',
    ],
  }),
};

/** Seed 03, `PROMPT_DATASET` with `CATEGORY_METADATA`; a different 25 from seed 02's despite the shared names. */
export const SEED03_PROMPTS: PromptSet = {
  id: 'seed03-25',
  name: 'Seed 03: 25 prompts, 5 categories with metadata',
  source: 'seed 03',
  prompts: byCategory({
    Factual: [
      'The capital city of France is',
      'The atomic number of oxygen is',
      'Water boils at a temperature of',
      'The largest planet in our solar system is',
      'The currency used in Japan is',
    ],
    Syntactic: [
      'The agreement, which, notwithstanding the fact that it was signed only yesterday, effectively binds all parties immediately, stipulates that',
      'Although the weather was extremely cold, and despite the fact that they had no coats, the children decided to',
      'The professor, having reviewed the complex derivation multiple times without finding the error, finally realized that',
      'To imply that such a fundamental shift in policy could occur without significant public debate is to suggest that',
      'Not only did the experiment fail to yield the expected results, but it also demonstrated that the initial hypothesis was',
    ],
    Cliche: [
      'The true meaning of happiness is often found in',
      'Actions speak louder than',
      'It is what it is, and we must simply',
      'Time heals all',
      'Life is a journey, not a',
    ],
    Novel: [
      'The epistemological implications of quantum decoherence suggest that the observer is',
      'If consciousness creates reality, then the paradox of the unobserved electron implies',
      'The intersection of baroque architecture and cybernetic theory creates a space where',
      'Calculating the trajectory of a hyperspace jump requires factoring in the variability of',
      'The symbiotic relationship between fungal mycelium and digital neural networks results in',
    ],
    Nonsense: [
      'Table sky run blue jump quickly under over',
      'Purple idea furiously sleep colorless green',
      'Clock river dance potato seven fast',
      'Window eat loud tomorrow yellow under',
      'Fish bicycle logic cloud mountain swim',
    ],
  }),
  categories: [
    { name: 'Factual', expectedEntropy: 'medium', complexity: 1 },
    { name: 'Syntactic', expectedEntropy: 'medium', complexity: 5 },
    { name: 'Cliche', expectedEntropy: 'low', complexity: 2 },
    { name: 'Novel', expectedEntropy: 'high', complexity: 4 },
    { name: 'Nonsense', expectedEntropy: 'very_high', complexity: 3 },
  ],
};

/** The presets, in the order the UI lists them. */
export const PROMPT_SET_PRESETS: readonly PromptSet[] = [SEED01_CANONICAL, SEED02_PROMPTS, SEED03_PROMPTS];

/** A preset by id, or undefined. */
export function findPreset(id: string): PromptSet | undefined {
  return PROMPT_SET_PRESETS.find((p) => p.id === id);
}
