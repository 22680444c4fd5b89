/** The compact asset round trip: gzip JSON -> WordNetData equal to the direct parse, and names intact. */
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeWordNetAsset, wordNetFromAsset } from './asset';
import { fromCompact, toCompact, WORDNET_ASSET_FORMAT } from './compact';
import { loadWordNetNode } from './node/load-node';
import type { WordNet } from './wordnet';

describe('compact WordNet asset', () => {
  let wn: WordNet;
  beforeAll(() => {
    wn = loadWordNetNode();
  });

  it('round-trips every field of the parse', () => {
    const back = fromCompact(JSON.parse(JSON.stringify(toCompact(wn.data, 'test'))));
    expect(back).toEqual(wn.data);
  });

  it('opens from gzip bytes and from already-decompressed bytes', async () => {
    const json = JSON.stringify(toCompact(wn.data, 'test'));
    const gz = new Uint8Array(gzipSync(Buffer.from(json)));
    const fromGz = await wordNetFromAsset(gz);
    expect(fromGz.count).toBe(wn.count);
    expect(fromGz.names).toEqual(wn.names);
    const plain = await decodeWordNetAsset(new TextEncoder().encode(json));
    expect(plain.format).toBe(WORDNET_ASSET_FORMAT);
    expect(fromGz.synsetsOf('bank').map((i) => fromGz.name(i))).toEqual(wn.synsetsOf('bank').map((i) => wn.name(i)));
  });

  it('rejects another format', () => {
    expect(() => fromCompact({ ...toCompact(wn.data, 'test'), format: 'x' } as never)).toThrow(/format/);
  });
});
