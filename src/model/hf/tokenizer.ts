/** Hugging Face tokenizers (tokenizer.json + tokenizer_config.json) through @huggingface/transformers. */
import { PreTrainedTokenizer } from '@huggingface/transformers';
import type { Tokenizer } from '../tokenizer';

export function hfTokenizer(tokenizerJson: unknown, tokenizerConfig: unknown, vocabSize: number): Tokenizer {
  const t = new PreTrainedTokenizer(tokenizerJson as object, (tokenizerConfig ?? {}) as object);
  return {
    vocabSize,
    bosId: t.bos_token_id ?? -1,
    eosId: t.eos_token_id ?? -1,
    encode: (text) => t.encode(text),
    decode: (ids) => t.decode([...ids], { skip_special_tokens: true }),
    piece: (id) => t.decode([id], { skip_special_tokens: false }),
  };
}
