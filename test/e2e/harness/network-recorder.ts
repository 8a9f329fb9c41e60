// Every e2e browser is started with this recorder as its HTTP/HTTPS/WebSocket proxy, so any request
// for a non-local address, from any context of the browser (pages, service worker, background page,
// offscreen document), reaches it. It refuses and records each one; tests then assert the list.
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { closeServer, listenLocal, quietSockets } from '../../quiet-sockets.mjs';

export interface OutsideRequest {
  method: string;
  target: string;
}

export interface NetworkRecorder {
  port: number;
  outside: OutsideRequest[];
  close(): Promise<void>;
}

export async function startNetworkRecorder(): Promise<NetworkRecorder> {
  const outside: OutsideRequest[] = [];
  const server = quietSockets(
    createServer((req, res) => {
      outside.push({ method: req.method ?? '?', target: req.url ?? '?' });
      res.writeHead(403);
      res.end();
    }),
  );
  // CONNECT (HTTPS, WebSocket over TLS) and Upgrade (plain WebSocket) hand over the raw socket, outside
  // the server's own request handling: it gets its own error handler.
  const refuse = (method: string) => (req: { url?: string | undefined }, socket: Socket) => {
    socket.on('error', () => undefined);
    outside.push({ method, target: req.url ?? '?' });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  };
  server.on('connect', refuse('CONNECT'));
  server.on('upgrade', refuse('UPGRADE'));
  return { port: await listenLocal(server), outside, close: () => closeServer(server) };
}

/**
 * Hosts the browsers contact on their own, with or without any extension (update checks, account
 * services). They carry no extension data; everything else leaving the machine fails the test.
 */
const BROWSER_OWN_HOSTS: Record<'chromium' | 'firefox', RegExp[]> = {
  chromium: [
    /^update\.googleapis\.com(:\d+)?$/,
    /^accounts\.google\.com(:\d+)?$/,
    /^clients\d*\.google\.com(:\d+)?$/,
    // The component updater's download redirector (seen in sessions longer than a few minutes).
    /^redirector\.gvt1\.com(:\d+)?$/,
    // Autofill asks about the form fields of a page someone types in (field signatures, not the text).
    /^content-autofill\.googleapis\.com(:\d+)?$/,
  ],
  firefox: [/\.mozilla\.(com|org|net)(:\d+)?$/, /\.firefox\.com(:\d+)?$/, /\.mozaws\.net(:\d+)?$/],
};

/** Requests that break the privacy promise: anything leaving the machine that the browser itself did not make. */
export function forbiddenRequests(
  recorder: NetworkRecorder,
  browser: 'chromium' | 'firefox',
): OutsideRequest[] {
  return recorder.outside.filter(({ target }) => {
    const host = target.startsWith('http') ? new URL(target).host : target;
    return !BROWSER_OWN_HOSTS[browser].some((re) => re.test(host));
  });
}
