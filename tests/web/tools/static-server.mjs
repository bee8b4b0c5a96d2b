// A small static file server for the built app: serves a folder under any base path, the way
// a plain static host would (no rewrites, no special headers beyond the MIME type).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` at `http://127.0.0.1:<port><base>`. `root` can be changed later with
 * `server.setRoot(dir)` (to deploy a new build under the same address).
 */
export async function startServer({ root, base = '/', port = 0 } = {}) {
  let servedRoot = resolve(root);
  if (!base.endsWith('/')) base += '/';
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404).end('not found');
      return;
    }
    path = path.slice(base.length);
    if (path === '' || path.endsWith('/')) path += 'index.html';
    const file = normalize(join(servedRoot, path));
    if (!file.startsWith(servedRoot)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + base,
    setRoot(dir) {
      servedRoot = resolve(dir);
    },
    close: () => new Promise((ok) => server.close(ok)),
  };
}

// `node static-server.mjs <dir> [base] [port]` serves by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = 'dist', base = '/', port = '8080'] = process.argv.slice(2);
  const server = await startServer({ root, base, port: Number(port) });
  console.log(`serving ${root} at ${server.url}`);
}
