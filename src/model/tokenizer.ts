/** What the engine needs from any tokenizer (llama2.c's, Hugging Face's). */
export interface Tokenizer {
  readonly vocabSize: number;
  readonly bosId: number;
  readonly eosId: number;
  /** ids of `text`, with BOS prepended as the model was trained */
  encode(text: string): number[];
  /** text of a whole id sequence */
  decode(ids: readonly number[]): string;
  /** display string of one id (for top-k lists and token axes) */
  piece(id: number): string;
}
