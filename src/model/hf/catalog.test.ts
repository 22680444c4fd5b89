/** The picker catalog is consistent: known families, honest verification notes, counts from the formulas. */
import { describe, expect, it } from 'vitest';
import { CATALOG, catalogByFamily } from './catalog';
import { FAMILIES } from './families';
import { llama2cParamCount } from '../llama2c/checkpoint';

describe('CATALOG', () => {
  it('has unique entries of known families', () => {
    const keys = CATALOG.map((e) => `${e.id} ${e.label}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of CATALOG) expect(e.family === 'llama2c' || Object.hasOwn(FAMILIES, e.family), e.id).toBe(true);
  });

  it('says how each entry was verified, and claims no files for unverified ones', () => {
    for (const e of CATALOG) {
      expect(e.verified === 'unverified' || e.verified.startsWith('checked'), e.id).toBe(true);
      if (e.verified === 'unverified') expect(e.files.onnx).toEqual([]);
      else expect(e.files.onnx.length + e.files.other.length, e.id).toBeGreaterThan(0);
    }
  });

  it('pairs every external-data file with its graph', () => {
    for (const e of CATALOG) {
      for (const f of e.files.onnx.filter((x) => x.endsWith('.onnx_data'))) expect(e.files.onnx, e.id).toContain(f.replace(/_data$/, ''));
    }
  });

  it('quotes the llama2.c reader\'s counts for the TinyStories models', () => {
    const header = { nHeads: 0, nKvHeads: 0, vocabSize: 32000, sharedClassifier: true };
    const sizes = {
      '15M': { ...header, dim: 288, hiddenDim: 768, nLayers: 6, nHeads: 6, nKvHeads: 6, seqLen: 256 },
      '42M': { ...header, dim: 512, hiddenDim: 1376, nLayers: 8, nHeads: 8, nKvHeads: 8, seqLen: 1024 },
      '110M': { ...header, dim: 768, hiddenDim: 2048, nLayers: 12, nHeads: 12, nKvHeads: 12, seqLen: 1024 },
    };
    for (const [size, c] of Object.entries(sizes)) {
      const entries = CATALOG.filter((e) => e.label.startsWith(`TinyStories ${size} `));
      expect(entries).toHaveLength(2);
      for (const e of entries) expect(e.params, e.label).toBe(llama2cParamCount(c));
    }
    expect(catalogByFamily('llama2c').find((e) => e.label.includes('260K'))!.params).toBe(260_032);
  });
});
