import { describe, expect, it } from 'vitest';
import { droppedFiles, pickedFiles } from './folder-drop';

/** Minimal stand-ins for the File System entries API: a tree of names -> bytes. */
type Tree = { [name: string]: Tree | string };

function entry(name: string, node: Tree | string): FileSystemEntry {
  if (typeof node === 'string') {
    return { name, isFile: true, isDirectory: false, file: (ok: (f: File) => void) => ok(new File([node], name)) } as unknown as FileSystemEntry;
  }
  const children = Object.entries(node).map(([n, c]) => entry(n, c));
  return {
    name,
    isFile: false,
    isDirectory: true,
    // readEntries answers in batches and then with none, as browsers do.
    createReader: () => {
      let at = 0;
      return { readEntries: (ok: (e: FileSystemEntry[]) => void) => ok(children.slice(at, (at += 2))) };
    },
  } as unknown as FileSystemEntry;
}

const drop = (entries: FileSystemEntry[]): DataTransfer =>
  ({ items: entries.map((e) => ({ kind: 'file', webkitGetAsEntry: () => e })), files: [] }) as unknown as DataTransfer;

describe('droppedFiles', () => {
  it('names a dropped folder\'s files relative to it, in every batch and subfolder, hidden files skipped', async () => {
    const folder = entry('stories260K-hf', { 'config.json': '{}', 'tokenizer.json': '{}', '.DS_Store': 'x', onnx: { 'model.onnx': 'abc' }, 'README.md': '#' });
    const got = await droppedFiles(drop([folder]));
    expect(got.map((f) => f.path).sort()).toEqual(['README.md', 'config.json', 'onnx/model.onnx', 'tokenizer.json']);
    expect(got.find((f) => f.path === 'onnx/model.onnx')!.file.size).toBe(3);
  });

  it('loose files keep their names', async () => {
    const got = await droppedFiles(drop([entry('stories260K.bin', 'ab'), entry('tok512.bin', 'c')]));
    expect(got.map((f) => f.path)).toEqual(['stories260K.bin', 'tok512.bin']);
  });
});

describe('pickedFiles', () => {
  it('drops the picked folder\'s name from webkitRelativePath', () => {
    const f = (name: string, rel: string) => Object.assign(new File(['x'], name), { webkitRelativePath: rel });
    const list = [f('model.onnx', 'm/onnx/model.onnx'), f('config.json', 'm/config.json'), f('HEAD', 'm/.git/HEAD')] as unknown as FileList;
    expect(pickedFiles(list).map((p) => p.path)).toEqual(['onnx/model.onnx', 'config.json']);
    expect(pickedFiles([f('a.bin', '')] as unknown as FileList).map((p) => p.path)).toEqual(['a.bin']);
  });
});
