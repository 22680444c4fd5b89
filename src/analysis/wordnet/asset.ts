/**
 * Loading the compact WordNet asset that vite/wordnet-plugin.ts emits at build time: gzipped JSON,
 * decompressed with the platform's DecompressionStream (browsers, workers and Node >= 18). A server
 * that already undid the gzip (Content-Encoding) is fine: the bytes are sniffed, not trusted by name.
 */
import { fromCompact, type CompactWordNet } from './compact.ts';
import { WordNet } from './wordnet.ts';

/** Path of the asset under the app's base URL. */
export const WORDNET_ASSET_PATH = 'wordnet/wordnet-3.1.json.gz';

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The asset's JSON, from gzip or plain bytes. */
export async function decodeWordNetAsset(bytes: Uint8Array): Promise<CompactWordNet> {
  const isGzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const raw = isGzip ? await gunzip(bytes) : bytes;
  return JSON.parse(new TextDecoder().decode(raw)) as CompactWordNet;
}

/** WordNet from the asset's bytes. */
export async function wordNetFromAsset(bytes: Uint8Array): Promise<WordNet> {
  return new WordNet(fromCompact(await decodeWordNetAsset(bytes)));
}

/** Fetches and opens the asset at `url` (e.g. `${import.meta.env.BASE_URL}${WORDNET_ASSET_PATH}`). */
export async function fetchWordNet(url: string, signal?: AbortSignal): Promise<WordNet> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`WordNet asset ${url}: HTTP ${res.status}`);
  return wordNetFromAsset(new Uint8Array(await res.arrayBuffer()));
}
