/**
 * A local stand-in for the Hugging Face Hub: serves ../shared files under the Hub's URL layout
 * (`/{repo}/resolve/{revision}/{path}`) on localhost, so the lab's Hub path runs unmocked.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const shared = resolve(process.cwd(), '../shared');
/** repo -> (path in repo -> file under ../shared) */
const repos: Record<string, Record<string, string>> = {
  'karpathy/tinyllamas': {
    'stories260K/stories260K.bin': 'models/llama2c/stories260K.bin',
    'stories260K/tok512.bin': 'models/llama2c/stories260K.tok512.bin',
  },
};

export const HUB_PORT = Number(process.env.HUB_PORT ?? 5174);
export const HUB_URL = `http://localhost:${HUB_PORT}`;

export function startHubServer(port = HUB_PORT): Promise<Server> {
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Length');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return res.end('ok');
    const m = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(decodeURIComponent(url.pathname));
    const file = m ? repos[m[1]]?.[m[3]] : undefined;
    if (!file) {
      res.statusCode = 404;
      return res.end('Entry not found');
    }
    const path = resolve(shared, file);
    res.setHeader('Content-Length', statSync(path).size);
    res.setHeader('Content-Type', 'application/octet-stream');
    createReadStream(path).pipe(res);
  });
  return new Promise((ok) => server.listen(port, () => ok(server)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void startHubServer().then(() => console.log(`hub stand-in on ${HUB_URL}`));
}
