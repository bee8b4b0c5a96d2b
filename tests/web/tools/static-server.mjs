// A small static file server for the built app: serves a folder under any base path, the way
// a plain static host would (no rewrites, no special headers beyond the MIME type).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

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
 * `server.setRoot(dir)` (to deploy a new build under the same address). `server.requests`
 * lists the path of every request received, in order (clear it with `length = 0`), and
 * `server.setDown(true)` drops every connection as if the network were gone: unlike a
 * browser context's offline switch, that also reaches a service worker's own fetches.
 * `compress: true` answers with brotli or gzip when the browser accepts it, as most static
 * hosts do (for load-time figures; the tests leave it off).
 */
export async function startServer({ root, base = '/', port = 0, compress = false } = {}) {
  let servedRoot = resolve(root);
  if (!base.endsWith('/')) base += '/';
  const requests = [];
  const compressed = new Map(); // file, encoding, size and time → body
  let down = false;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    if (down) {
      req.socket.destroy();
      return;
    }
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
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      let body = await readFile(file);
      const headers = {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      };
      const accepts = req.headers['accept-encoding'] ?? '';
      if (compress && extname(file) !== '.png') {
        const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
        if (encoding) {
          const key = `${file}\0${encoding}\0${info.size}\0${info.mtimeMs}`;
          if (!compressed.has(key)) compressed.set(key, (encoding === 'br' ? brotliCompressSync : gzipSync)(body));
          body = compressed.get(key);
          headers['content-encoding'] = encoding;
        }
        headers.vary = 'accept-encoding';
      }
      res.writeHead(200, headers);
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
    requests,
    setRoot(dir) {
      servedRoot = resolve(dir);
    },
    setDown(value) {
      down = value;
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
