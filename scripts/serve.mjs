// Serves build/web (or the folder given as the first argument) on 127.0.0.1:$PORT (default 8000),
// with the right MIME type for .wasm and the cross-origin isolation headers that WebAssembly
// threads need (COOP same-origin, COEP require-corp; ISOLATE=0 drops them). Used by `make run` and the browser tests.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const root = resolve(process.argv[2] ?? 'build/web');
const port = Number(process.env.PORT ?? 8000);
const host = process.env.HOST ?? '127.0.0.1';
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.data': 'application/octet-stream', '.json': 'application/json',
  '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon',
};

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve: PORT must be a number from 1 to 65535 (0 picks a free one), not '${process.env.PORT}'`);
  process.exit(2);
}
try {
  statSync(join(root, 'index.html'));
} catch {
  console.error(`serve: ${root}/index.html not found: build the web app first (make build)`);
  process.exit(1);
}

const server = createServer((req, res) => {
  // ISOLATE=0 leaves the isolation headers out, to see the app as a plain static host serves it.
  const headers = process.env.ISOLATE === '0' ? { 'Cache-Control': 'no-cache' } : {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    res.writeHead(400, headers).end('bad request');
    return;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403, headers).end('forbidden');
    return;
  }
  let stat;
  try {
    stat = statSync(file);
  } catch {
    stat = null;
  }
  if (!stat || !stat.isFile()) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end(`not found: ${path}`);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Content-Length': stat.size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
});

server.on('error', (err) => {
  console.error(err.code === 'EADDRINUSE' ? `serve: port ${port} is in use: try PORT=${port + 1} make run` : `serve: ${err.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  console.log(`Compute Dojo is served at http://${host}:${server.address().port}/  (Ctrl+C to stop)`);
});
