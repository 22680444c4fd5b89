/**
 * Which dropped file is the llama2.c checkpoint and which the tokenizer: tokenizer files are
 * small (< 1 MB) and usually named tok*.bin or *.tok*.bin. The user can override both guesses.
 */
import type { LocalFileMeta } from './store';

export const TOKENIZER_MAX_BYTES = 1024 * 1024;
const TOKENIZER_NAME = /(^|[./_-])tok[^/\\]*\.bin$/i;

export function guessRoles(files: readonly LocalFileMeta[]): { checkpoint: string | null; tokenizer: string | null } {
  const named = files.filter((f) => TOKENIZER_NAME.test(f.name));
  const small = files.filter((f) => f.bytes < TOKENIZER_MAX_BYTES);
  const tokenizer =
    named.find((f) => f.bytes < TOKENIZER_MAX_BYTES) ?? named[0] ?? [...small].sort((a, b) => a.bytes - b.bytes)[0] ?? null;
  const rest = files.filter((f) => f !== tokenizer);
  // The checkpoint is the largest of the rest, preferring .bin files.
  const bins = rest.filter((f) => /\.bin$/i.test(f.name));
  const checkpoint = [...(bins.length ? bins : rest)].sort((a, b) => b.bytes - a.bytes)[0] ?? null;
  return { checkpoint: checkpoint?.name ?? null, tokenizer: tokenizer?.name ?? null };
}

/** Files merged by name (a re-dropped file replaces the earlier one). */
export function mergeFiles(old: readonly LocalFileMeta[], added: readonly LocalFileMeta[]): LocalFileMeta[] {
  const byName = new Map(old.map((f) => [f.name, f]));
  for (const f of added) byName.set(f.name, f);
  return [...byName.values()];
}

/** Dropped files that hold a config.json at the top are a Hugging Face model folder. */
export function isHfFolder(files: readonly LocalFileMeta[]): boolean {
  return files.some((f) => f.name === 'config.json');
}

/** The ONNX graphs of a local folder (external-data files excluded). */
export function onnxFiles(files: readonly LocalFileMeta[]): LocalFileMeta[] {
  return files.filter((f) => /\.onnx$/i.test(f.name));
}

/**
 * The graph the loader would take from this folder: the first of `candidates` (most exact first)
 * that is present, else the first ONNX file by name, else null.
 */
export function autoOnnx(files: readonly LocalFileMeta[], candidates: readonly string[]): string | null {
  const names = new Set(files.map((f) => f.name));
  return candidates.find((c) => names.has(c)) ?? onnxFiles(files).map((f) => f.name).sort()[0] ?? null;
}

/**
 * Paths of files picked with a folder input: `webkitRelativePath` without the picked folder's own
 * name ('stories260K-hf/onnx/model.onnx' -> 'onnx/model.onnx'); plain picks keep their names.
 */
export function relativePath(webkitRelativePath: string, name: string): string {
  const parts = webkitRelativePath.split('/');
  return parts.length > 1 ? parts.slice(1).join('/') : name;
}
