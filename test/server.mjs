#!/usr/bin/env node
// A tiny local web server for the demo composer and the upload test pages, on 127.0.0.1 only.
//   GET  /                 the demo composer (test/demo/)
//   GET  /pages/...        upload scenario pages (test/pages/)
//   GET  /pages/editors/NAME.bundle.js   test/pages/editors/NAME.js bundled with its npm editor (esbuild,
//                          in memory, once per server): the rich editors of the ID-number pages
//   POST /upload           a stub "server" that stores what it received (name, size, sha256)
//   GET  /uploads          what /upload received, as JSON;  POST /uploads/reset clears it
// Run alone with `node test/server.mjs [port]`; tests import startServer().
import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { closeServer, listenLocal, quietSockets } from './quiet-sockets.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOTS = { '/pages/': join(HERE, 'pages'), '/': join(HERE, 'demo') };
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json',
};

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Splits a multipart/form-data body into its file parts (enough for test uploads). */
function fileParts(body, contentType) {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
  if (!boundary) return [{ name: null, size: body.length, sha256: sha256(body) }];
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts = [];
  let start = body.indexOf(marker);
  while (start !== -1) {
    const next = body.indexOf(marker, start + marker.length);
    if (next === -1) break;
    const part = body.subarray(start + marker.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const filename = /filename="([^"]*)"/.exec(headers);
    if (filename?.[1]) {
      const data = part.subarray(headerEnd + 4);
      parts.push({ name: filename[1], size: data.length, sha256: sha256(data) });
    }
    start = next;
  }
  return parts;
}

/** Bundles one editor page script with the npm packages it imports. */
async function editorBundle(name) {
  const entry = join(HERE, 'pages', 'editors', `${name}.js`);
  await access(entry);
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['chrome120', 'firefox128'],
    // Draft.js's helpers (fbjs) read Node's `global`.
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    logLevel: 'warning',
  });
  return result.outputFiles[0].contents;
}

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

export async function startServer(port = 0) {
  const received = [];
  const bundles = new Map();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (req.method === 'POST' && url.pathname === '/upload') {
        const body = await readBody(req);
        const files = fileParts(body, req.headers['content-type']);
        received.push({ time: Date.now(), path: url.search, files });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, files }));
        return;
      }
      if (url.pathname === '/uploads') {
        if (req.method === 'POST') received.length = 0;
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(received));
        return;
      }
      const bundle = /^\/pages\/editors\/([a-z]+)\.bundle\.js$/.exec(url.pathname);
      if (bundle) {
        const name = bundle[1];
        if (!bundles.has(name)) bundles.set(name, editorBundle(name));
        const data = await bundles.get(name).catch((error) => {
          bundles.delete(name);
          throw error;
        });
        res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' });
        res.end(data);
        return;
      }
      const [prefix, root] = Object.entries(ROOTS).find(([p]) => url.pathname.startsWith(p));
      let rel = normalize(decodeURIComponent(url.pathname.slice(prefix.length)));
      if (rel.startsWith('..')) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if (rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
      const data = await readFile(join(root, rel));
      res.writeHead(200, {
        'content-type': TYPES[extname(rel)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(data);
    } catch (error) {
      // The browser may have gone already (an aborted upload): then there is no one to answer.
      if (res.headersSent || res.destroyed) return;
      res.writeHead(error.code === 'ENOENT' || error.code === 'EISDIR' ? 404 : 500);
      res.end();
    }
  });
  quietSockets(server);
  const actual = await listenLocal(server, port);
  return {
    origin: `http://127.0.0.1:${actual}`,
    port: actual,
    received,
    close: () => closeServer(server),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { origin } = await startServer(Number(process.argv[2] ?? 8419));
  console.log(`FaceGuard demo: ${origin}/`);
}
