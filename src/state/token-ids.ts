/**
 * The prompt box of a model without a tokenizer holds token ids: whole numbers separated by
 * commas and/or spaces ("5, 17 42,9"). Parsing says exactly which piece is wrong.
 */
export function parseTokenIds(text: string): number[] {
  const pieces = text.split(/[\s,]+/).filter((p) => p.length > 0);
  if (pieces.length === 0) throw new Error('no token ids: this model has no tokenizer, so type token ids separated by commas or spaces (e.g. 5, 17, 42, 9)');
  return pieces.map((p) => {
    if (!/^\d+$/.test(p)) throw new Error(`'${p}' is not a token id: this model has no tokenizer, so the prompt must be whole numbers separated by commas or spaces`);
    return Number(p);
  });
}

/** The canonical text of an id sequence ("5,17,42,9"): how an id measurement names its input. */
export const idsText = (ids: readonly number[]): string => ids.join(',');
