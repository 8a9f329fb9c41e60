// Serves the warning preview: the page, its esbuild bundle (built in memory on start) and, at test time,
// the face photos of ../shared/testdata/faces (read from there, never copied into the repo).
//   npx tsx test/e2e/warning-preview/server.ts [port]   then open http://127.0.0.1:PORT/?scenario=single
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { esbuildMessagesPlugin } from '../../../scripts/locales.mjs';
import { closeServer, listenLocal, quietSockets } from '../../quiet-sockets.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const FACES_DIR = fileURLToPath(new URL('../../../../shared/testdata/faces/', import.meta.url));

export async function buildPreview(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(HERE, 'preview.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['chrome120', 'firefox128'],
    define: { __BROWSER__: '"chrome"', 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    plugins: [
      esbuildMessagesPlugin(),
      {
        // The UI's extension-API module is swapped for a stub: the preview is a plain web page.
        name: 'warning-platform-stub',
        setup(build) {
          build.onResolve({ filter: /^\.\/platform$/ }, (args) =>
            args.importer.includes(join('src', 'content', 'warning'))
              ? { path: join(HERE, 'platform-stub.ts') }
              : undefined,
          );
        },
      },
    ],
  });
  return result.outputFiles[0]!.text;
}

export interface PreviewServer {
  origin: string;
  close(): Promise<void>;
}

export async function startPreviewServer(port = 0): Promise<PreviewServer> {
  const script = await buildPreview();
  const html = readFileSync(join(HERE, 'index.html'));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    } else if (path === '/preview.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else if (path.startsWith('/faces/') && /^dev_\d+\.(jpg|png)$/.test(basename(path))) {
      const file = join(FACES_DIR, basename(path));
      if (!existsSync(file)) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': file.endsWith('.png') ? 'image/png' : 'image/jpeg' });
      res.end(readFileSync(file));
    } else if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  quietSockets(server);
  const actual = await listenLocal(server, port);
  return { origin: `http://127.0.0.1:${actual}`, close: () => closeServer(server) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const preview = await startPreviewServer(Number(process.argv[2] ?? 0));
  console.log(`${preview.origin}/?scenario=single&lang=en`);
}
