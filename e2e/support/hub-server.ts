/**
 * A local stand-in for the Hugging Face Hub: serves ../shared files under the Hub's URL layout
 * (`/{repo}/resolve/{revision}/{path}`) on localhost, so the lab's Hub path runs unmocked.
 * Repos: karpathy/tinyllamas (llama2.c), residual-lab/stories260K-hf, and residual-lab/hf-tiny-<family>
 * (config.json at the root, the opset-14 graphs under onnx/, as the Optimum layout has them).
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const shared = resolve(process.cwd(), '../shared');

/** (repo, path in repo) -> file under ../shared, or null. */
function fileFor(repo: string, path: string): string | null {
  if (path.includes('..')) return null;
  if (repo === 'karpathy/tinyllamas') {
    const map: Record<string, string> = { 'stories260K/stories260K.bin': 'models/llama2c/stories260K.bin', 'stories260K/tok512.bin': 'models/llama2c/stories260K.tok512.bin' };
    return map[path] ?? null;
  }
  if (repo === 'residual-lab/stories260K-hf') return `models/stories260K-hf/${path}`;
  const tiny = /^residual-lab\/hf-tiny-(gpt2|gpt_neox|llama|t5)$/.exec(repo);
  if (!tiny) return null;
  if (path === 'config.json') return `fixtures/hf-tiny/${tiny[1]}/config.json`;
  if (path.startsWith('onnx/')) return `fixtures/hf-tiny/${tiny[1]}/opset14/${path.slice(5)}`;
  return /^opset1[47]\/[\w.]+\.onnx$/.test(path) ? `fixtures/hf-tiny/${tiny[1]}/${path}` : null;
  return null;
}

export const HUB_PORT = Number(process.env.HUB_PORT ?? 5174);
export const HUB_URL = `http://localhost:${HUB_PORT}`;

export function startHubServer(port = HUB_PORT): Promise<Server> {
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Length');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return res.end('ok');
    const m = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(decodeURIComponent(url.pathname));
    const rel = m ? fileFor(m[1], m[3]) : null;
    const path = rel ? resolve(shared, rel) : null;
    if (!path || !existsSync(path) || !statSync(path).isFile()) {
      res.statusCode = 404;
      return res.end('Entry not found');
    }
    res.setHeader('Content-Length', statSync(path).size);
    res.setHeader('Content-Type', 'application/octet-stream');
    if (req.method === 'HEAD') return res.end();
    createReadStream(path).pipe(res);
  });
  return new Promise((ok) => server.listen(port, () => ok(server)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void startHubServer().then(() => console.log(`hub stand-in on ${HUB_URL}`));
}
