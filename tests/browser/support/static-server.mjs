// A tiny static file server for the browser tests: one directory, GET and HEAD only, on
// 127.0.0.1 and a free port, with the MIME types the page needs (application/wasm lets the
// browser compile the module while it downloads). It records every request it answers.

import { createServer } from 'node:http';
import { stat, readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
};

// Nothing the page loads comes near this; a larger file means something is wrong.
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Serves `root` until close() is called.
 * Returns { origin, requests: [{ method, path, status }], close() }.
 * With `prefix` (say '/intranet/pmo/'), the folder is mounted there instead of at '/', as a
 * static host would serve it under a sub-path: anything outside the prefix is a 404, and the
 * prefix without its trailing slash redirects to it (so relative URLs resolve inside it).
 */
export async function startStaticServer(root, { prefix = '/' } = {}) {
  const base = resolve(root);
  const mount = `/${prefix.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const requests = [];
  const server = createServer(async (request, response) => {
    const record = { method: request.method, path: request.url, status: 0 };
    requests.push(record);
    const send = (status, body = '', type = 'text/plain; charset=utf-8') => {
      record.status = status;
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'method not allowed');
      const url = new URL(request.url, 'http://localhost');
      if (mount !== '/' && url.pathname === mount.slice(0, -1)) {
        record.status = 301;
        response.writeHead(301, { location: mount + url.search, 'cache-control': 'no-store' });
        return response.end();
      }
      if (!url.pathname.startsWith(mount)) return send(404, 'outside the mount prefix');
      let relative = decodeURIComponent(url.pathname.slice(mount.length - 1));
      if (relative.endsWith('/')) relative += 'index.html';
      const file = normalize(join(base, relative));
      if (file !== base && !file.startsWith(base + sep)) return send(403, 'outside the served directory');
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) return send(404, 'not found');
      if (info.size > MAX_FILE_BYTES) return send(413, 'file too large for the test server');
      const body = await readFile(file);
      send(200, body, TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
    } catch (error) {
      send(500, String(error?.message ?? error));
    }
  });
  server.maxConnections = 64;
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 1_000;

  await new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', resolveListen); // port 0: the system picks a free one
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
