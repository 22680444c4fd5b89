/** Tidy CSV / JSON: export and re-import give the same numbers bit for bit; malformed lines are named. */
import { describe, it, expect } from 'vitest';
import { nodeLab } from '../../cli/node-lab';
import { parseSpec } from './spec';
import { parseTidyCsv, tidyCsv, tidyFromPromptRows, tidyFromResults, tidyJson, TidyFormatError, type TidyRow } from './tidy';
import { STORIES_CKPT, STORIES_TOK } from '../testing/shared';

const bits = (x: number) => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0);
};

describe('tidy export', () => {
  it('a real measurement round-trips through CSV and JSON bit for bit, with its manifest', async () => {
    const lab = nodeLab();
    await lab.load({ source: { kind: 'llama2c', checkpoint: { local: STORIES_CKPT }, tokenizer: { local: STORIES_TOK } }, ep: 'auto' });
    const prompts = ['Once upon a time', 'She said, "hi, Tom"\nand left'];
    const file = await lab.runSpec(parseSpec({ model: lab.modelInfo()!.source, prompts }));
    await lab.unload();
    const rows = tidyFromResults(file, 'stories260K');
    const m = file.results[0].measurement;
    const S = m.ids.length;
    const L = m.nLayers;
    // (L + 1 boundaries + ln_final) x S norms, L x S block gains, G_hf_last, G_hf_penult, total, entropy.
    expect(rows.filter((r) => r.prompt_index === 0)).toHaveLength((L + 2) * S + L * S + 4);
    expect(rows.find((r) => r.definition === 'G_hf_last' && r.prompt_index === 0)!.value).toBe(m.lastToken.G_hf_last);
    const csv = tidyCsv({ manifest: file.manifest, rows });
    const back = parseTidyCsv(csv);
    expect(back.manifest).toEqual(JSON.parse(JSON.stringify(file.manifest)));
    expect(back.rows).toHaveLength(rows.length);
    back.rows.forEach((r, i) => {
      expect(bits(r.value)).toBe(bits(rows[i].value));
      expect(r).toEqual(rows[i]);
    });
    const json = JSON.parse(tidyJson({ manifest: file.manifest, rows })) as { rows: TidyRow[] };
    json.rows.forEach((r, i) => expect(bits(r.value)).toBe(bits(rows[i].value)));
  });

  it('study rows: one row per definition and layer; awkward numbers survive', () => {
    const rows = tidyFromPromptRows('m', [
      { prompt: 'a,b', category: 'Factual', position: 'mean', G_hf_last: 0.1 + 0.2, G_hf_penult: null, G_block_last: 1 / 3, G_block: [1 / 3, 5e-324, 1.7976931348623157e308], total: -0, entropyNats: Math.PI, topToken: 'x', topProb: 2 ** -1074 },
      null,
    ]);
    expect(rows.map((r) => `${r.definition}${r.layer}`)).toEqual(['G_hf_last', 'G_block0', 'G_block1', 'G_block2', '', '', '']);
    const back = parseTidyCsv(tidyCsv({ manifest: { a: 1 }, rows })).rows;
    back.forEach((r, i) => expect(Object.is(r.value, rows[i].value) || bits(r.value) === bits(rows[i].value)).toBe(true));
  });

  it('a malformed file is rejected with the line named', () => {
    const good = tidyCsv({ manifest: {}, rows: tidyFromPromptRows('m', [{ prompt: 'p', category: null, position: 'last', G_hf_last: 1, G_hf_penult: 1, G_block_last: 1, G_block: [1], total: 1, entropyNats: 1, topToken: null, topProb: null }]) });
    const lines = good.trimEnd().split('\n');
    lines[5] = lines[5].replace(/,[^,]*$/, ',lots');
    expect(() => parseTidyCsv(lines.join('\n'))).toThrow(TidyFormatError);
    expect(() => parseTidyCsv(lines.join('\n'))).toThrow(/line 6: value 'lots'/);
    expect(() => parseTidyCsv('model,value\nx,1\n')).toThrow(/missing columns/);
  });
});
