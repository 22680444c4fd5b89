/**
 * Files from a drop or a picker, each with its path inside the dropped folder: a dropped folder is
 * walked with the File System entries API (`webkitGetAsEntry`), a folder picked with
 * `<input webkitdirectory>` names its files by `webkitRelativePath`. Paths drop the folder's own
 * name ('onnx/model.onnx'); loose files keep their names. Hidden files (.git, .DS_Store) are skipped.
 */
import { relativePath } from '../../state/local-files';

export interface PathFile {
  path: string;
  file: File;
}

const hidden = (name: string): boolean => name.startsWith('.');

const fileOf = (entry: FileSystemFileEntry): Promise<File> => new Promise((ok, fail) => entry.file(ok, fail));

/** One directory's entries: readEntries answers in batches (about 100) until it returns none. */
async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) return out;
    out.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, prefix: string, out: PathFile[]): Promise<void> {
  if (hidden(entry.name)) return;
  if (entry.isFile) out.push({ path: `${prefix}${entry.name}`, file: await fileOf(entry as FileSystemFileEntry) });
  else if (entry.isDirectory) {
    for (const child of await readAll(entry as FileSystemDirectoryEntry)) await walk(child, `${prefix}${entry.name}/`, out);
  }
}

/**
 * The entries of a drop. Call it inside the drop handler, before any await: the browser empties
 * the DataTransfer when the event returns, so the entries are taken synchronously here.
 */
export function droppedFiles(dt: DataTransfer): Promise<PathFile[]> {
  const entries = [...dt.items].filter((i) => i.kind === 'file').map((i) => i.webkitGetAsEntry());
  if (entries.length === 0 || entries.some((e) => e === null)) return Promise.resolve(pickedFiles(dt.files));
  return (async () => {
    const out: PathFile[] = [];
    for (const e of entries as FileSystemEntry[]) {
      if (e.isDirectory) {
        // A dropped folder: its files are named relative to it.
        for (const child of await readAll(e as FileSystemDirectoryEntry)) await walk(child, '', out);
      } else await walk(e, '', out);
    }
    return out;
  })();
}

/** Files from an `<input type=file>` (with or without webkitdirectory). */
export function pickedFiles(list: FileList | null): PathFile[] {
  return [...(list ?? [])]
    .map((file) => ({ path: relativePath(file.webkitRelativePath, file.name), file }))
    .filter((f) => !f.path.split('/').some(hidden));
}
