/**
 * UTF-8 bytes as token ids, for studies that give text prompts to models that ship no tokenizer
 * (the hf-tiny fixtures, vocab 256). One id per byte, no BOS: the ids say nothing about how such a
 * model was trained, so a sweep only does this when asked, and every row it makes says so.
 */
export const BYTE_IDS_LABEL = 'UTF-8 bytes as ids (the model ships no tokenizer)';

/** The ids of `text`: its UTF-8 bytes. Throws when the vocabulary cannot hold every byte value. */
export function utf8ByteIds(text: string, vocabSize: number): number[] {
  if (vocabSize < 256) throw new Error(`byte ids need a vocabulary of at least 256 ids; this model has ${vocabSize}`);
  return Array.from(new TextEncoder().encode(text));
}
