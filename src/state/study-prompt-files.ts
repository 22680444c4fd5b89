/** A prompt set from a file: plain text (one prompt a line, `category<TAB>prompt`) or a saved JSON set. */
import { formatPromptText, parsePromptText, validatePromptSet } from '../io/prompt-sets';
import { loadPromptText } from './study-actions';

export async function importPromptFile(file: File): Promise<void> {
  const text = await file.text();
  const stem = file.name.replace(/\.[^.]+$/, '') || file.name;
  if (/\.json$/i.test(file.name) || text.trimStart().startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new Error(`${file.name}: not valid JSON (${(e as Error).message})`);
    }
    const set = (() => {
      try {
        return validatePromptSet(json);
      } catch (e) {
        throw new Error(`${file.name}: ${(e as Error).message}`);
      }
    })();
    loadPromptText(set.name, formatPromptText(set.prompts));
    return;
  }
  try {
    loadPromptText(stem, formatPromptText(parsePromptText(text)));
  } catch (e) {
    throw new Error(`${file.name}: ${(e as Error).message}`);
  }
}
