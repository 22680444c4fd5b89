import { describe, expect, it } from 'vitest';
import { autoOnnx, guessRoles, isHfFolder, onnxFiles, relativePath } from './local-files';

describe('guessRoles', () => {
  it('finds the tokenizer by name and size, whatever the order', () => {
    const files = [
      { name: 'stories260K.tok512.bin', bytes: 6227 },
      { name: 'stories260K.bin', bytes: 1056540 },
    ];
    expect(guessRoles(files)).toEqual({ checkpoint: 'stories260K.bin', tokenizer: 'stories260K.tok512.bin' });
    expect(guessRoles([...files].reverse())).toEqual({ checkpoint: 'stories260K.bin', tokenizer: 'stories260K.tok512.bin' });
  });

  it('falls back to the smaller file when no name says tokenizer', () => {
    expect(guessRoles([{ name: 'model.bin', bytes: 5_000_000 }, { name: 'vocab.bin', bytes: 4000 }])).toEqual({ checkpoint: 'model.bin', tokenizer: 'vocab.bin' });
  });
});

describe('folders', () => {
  const folder = [
    { name: 'config.json', bytes: 600 },
    { name: 'tokenizer.json', bytes: 9000 },
    { name: 'onnx/model_q4.onnx', bytes: 100 },
    { name: 'onnx/model.onnx', bytes: 1000 },
    { name: 'onnx/model.onnx_data', bytes: 100000 },
  ];

  it('a folder with config.json is a Hugging Face folder', () => {
    expect(isHfFolder(folder)).toBe(true);
    expect(isHfFolder([{ name: 'stories260K.bin', bytes: 10 }, { name: 'onnx/config.json', bytes: 10 }])).toBe(false);
  });

  it('auto takes the most exact candidate present, else the first graph by name', () => {
    expect(onnxFiles(folder).map((f) => f.name)).toEqual(['onnx/model_q4.onnx', 'onnx/model.onnx']);
    expect(autoOnnx(folder, ['onnx/model.onnx', 'onnx/model_q4.onnx'])).toBe('onnx/model.onnx');
    expect(autoOnnx(folder, ['onnx/decoder_model_merged.onnx'])).toBe('onnx/model.onnx');
    expect(autoOnnx([{ name: 'config.json', bytes: 1 }], ['onnx/model.onnx'])).toBeNull();
  });

  it('paths of a picked folder drop the folder name', () => {
    expect(relativePath('stories260K-hf/onnx/model.onnx', 'model.onnx')).toBe('onnx/model.onnx');
    expect(relativePath('', 'model.bin')).toBe('model.bin');
  });
});
