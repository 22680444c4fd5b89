/**
 * The definition -> lemma examples of the alpha training (seed 05 section 9): the WordNet lemmas that
 * are one token of the model (matchSingleTokenLemmas, the relational battery's matching), in match order.
 * - Decoder-only models, as a continuation: input = BOS + tokens of definition + separator, the label is
 *   the lemma's token as the next token.
 * - Encoder-decoder models (T5), the seed's own task: encoder input = prefix ("summarize: ") +
 *   definition, cut to the first maxTokens ids (the seed's MAX_INPUT_LEN 128); labels = the lemma's
 *   tokens then EOS, as the seed's tokenizer appends </s> to the target.
 */
import type { WordNet } from '../../wordnet/wordnet';
import { matchSingleTokenLemmas } from '../../wordnet/lemmas';

/**
 * Appended to every definition on the decoder-only path so the lemma reads as the next word: "... a
 * power tool for cutting wood. It is called" -> " saw". Short, made of pieces a TinyStories
 * vocabulary has, and fixed.
 */
export const TRAIN_ALPHA_SEPARATOR = '. It is called';

/** One definition -> lemma example. */
export interface AlphaExample {
  lemma: string;
  /** NLTK name, e.g. 'saw.n.02' */ synset: string;
  definition: string;
  /** decoder-only: BOS + tokens of definition + separator; encoder-decoder: the encoder input (prefix + definition) */ ids: number[];
  /** the lemma's single token */ label: number;
  /** what the loss predicts: decoder-only [label]; encoder-decoder the decoder labels [label, EOS] */ labels: number[];
}

/** Decoder-only examples; `encode` is the model's tokenizer, BOS first (its BOS is measured on ''). */
export function alphaExamples(wn: WordNet, encode: (text: string) => number[], separator = TRAIN_ALPHA_SEPARATOR, maxExamples?: number): AlphaExample[] {
  const nBos = encode('').length;
  const matched = matchSingleTokenLemmas(wn, (t) => encode(t).slice(nBos));
  const kept = maxExamples === undefined ? matched : matched.slice(0, maxExamples);
  return kept.map((m) => {
    const definition = wn.definition(m.synset);
    return { lemma: m.text, synset: wn.name(m.synset), definition, ids: encode(definition + separator), label: m.tokenId, labels: [m.tokenId] };
  });
}

export interface Seq2SeqExampleOptions {
  /** appended to the labels (T5: </s>) */ eosId: number;
  /** ids at or above it are no token (a byte beyond a small vocabulary) */ vocabSize: number;
  /** put before each definition (the seed: "summarize: ") */ prefix: string;
  /** keep the first this many encoder ids */ maxTokens: number;
  /** keep only the first N matched lemmas (match order) */ maxExamples?: number;
}

/** Encoder-decoder examples; `encode` gives ids without special tokens (or UTF-8 bytes as ids). */
export function seq2seqExamples(wn: WordNet, encode: (text: string) => number[], o: Seq2SeqExampleOptions): AlphaExample[] {
  const matched = matchSingleTokenLemmas(wn, (t) => {
    const ids = encode(t);
    return ids.length === 1 && ids[0] >= o.vocabSize ? [] : ids;
  });
  const kept = o.maxExamples === undefined ? matched : matched.slice(0, o.maxExamples);
  return kept.map((m) => {
    const definition = wn.definition(m.synset);
    const ids = encode(o.prefix + definition).slice(0, o.maxTokens);
    return { lemma: m.text, synset: wn.name(m.synset), definition, ids, label: m.tokenId, labels: [m.tokenId, o.eosId] };
  });
}
