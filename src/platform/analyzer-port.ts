// Image bytes go to the analyzer over a one-off port, not runtime.sendMessage: a sent message is
// delivered to, and deserialised by, every extension context (waking the service worker just to
// ignore megabytes), while a port reaches the analyzer alone. Each message crosses the port as
// JSON text in chunks: Chrome serialises a message in the sender, the browser process and the
// receiver one after the other, so one 2 MB message takes ~40 ms where eight 256 kB chunks overlap
// those stages and take ~12 ms (measured in Chromium, same run).
import browser from 'webextension-polyfill';
import { isRequest, type RequestMap, type Response } from '../core/protocol';

export const ANALYZER_PORT = 'faceguard-analyzer';

type AnalyzerType = 'check-image' | 'make-copy';
type Reply = { result: unknown } | { error: string };
type Port = browser.Runtime.Port;

/** Characters per chunk. */
const CHUNK = 1 << 18;

interface Chunk {
  chunk: string;
  last: boolean;
}

function postChunked(port: Port, message: unknown): void {
  const text = JSON.stringify(message);
  for (let i = 0; i < text.length || i === 0; i += CHUNK) {
    port.postMessage({ chunk: text.slice(i, i + CHUNK), last: i + CHUNK >= text.length } satisfies Chunk);
  }
}

/** Calls `handle` with each whole message that arrives on the port in chunks. */
function onChunked(port: Port, handle: (message: unknown) => void): void {
  let parts: string[] = [];
  port.onMessage.addListener((raw: unknown) => {
    const piece = raw as Partial<Chunk> | null;
    if (typeof piece?.chunk !== 'string') return;
    parts.push(piece.chunk);
    if (!piece.last) return;
    const text = parts.join('');
    parts = [];
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      message = null;
    }
    handle(message);
  });
}

export function askAnalyzer<T extends AnalyzerType>(
  type: T,
  data: RequestMap[T]['request'],
): Promise<Response<T>> {
  return new Promise((resolve, reject) => {
    const port = browser.runtime.connect({ name: ANALYZER_PORT });
    onChunked(port, (message) => {
      const reply = message as Reply | null;
      port.disconnect();
      if (reply && 'result' in reply) resolve(reply.result as Response<T>);
      else reject(new Error(reply?.error ?? 'bad reply'));
    });
    // Nobody listening (analyzer not running) or it crashed mid-way.
    port.onDisconnect.addListener(() => reject(new Error('analyzer unavailable')));
    postChunked(port, { type, data });
  });
}

export interface AnalyzerHandlers {
  'check-image': (data: RequestMap['check-image']['request']) => Promise<Response<'check-image'>>;
  'make-copy': (data: RequestMap['make-copy']['request']) => Promise<Response<'make-copy'>>;
}

/** The analyzer's side: answers one request per port, from this extension only. */
export function serveAnalyzer(handlers: AnalyzerHandlers): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== ANALYZER_PORT || port.sender?.id !== browser.runtime.id) return;
    onChunked(port, async (message) => {
      let reply: Reply;
      if (!isRequest(message) || !(message.type === 'check-image' || message.type === 'make-copy')) {
        reply = { error: 'bad request' };
      } else {
        try {
          const handler = handlers[message.type] as (data: unknown) => Promise<unknown>;
          reply = { result: await handler(message.data) };
        } catch (error) {
          reply = { error: String(error) };
        }
      }
      try {
        postChunked(port, reply);
      } catch {
        // The asking tab went away meanwhile.
      }
    });
  });
}
