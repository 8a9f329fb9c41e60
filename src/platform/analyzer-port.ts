// Image bytes go to the analyzer over a one-off port, not runtime.sendMessage: a sent message is
// delivered to, and deserialised by, every extension context (waking the service worker just to
// ignore megabytes), while a port reaches the analyzer alone. A request or reply is a small head
// with the file's bytes attached (src/core/port-frames.ts): as base64 parts on Chrome, whose ports
// carry JSON only, and as they are on Firefox, whose ports carry structured clones (a 2 MB photo reached
// the analyzer ~25 ms sooner there than as base64 parts: ~75 instead of ~100 ms outside the analyzer, two
// runs back to back).
import browser from 'webextension-polyfill';
import { frameReader, postFrames } from '../core/port-frames';
import { isRequest, type RequestMap, type Response } from '../core/protocol';

export const ANALYZER_PORT = 'faceguard-analyzer';

type AnalyzerType = 'check-image' | 'make-copy' | 'analyzer-state' | 'prepare-analyzer';
type Port = browser.Runtime.Port;
type ReplyHead = { result: unknown } | { error: string };

/** What a handler answers: the response, and for a copy its bytes. */
export interface Answer<T extends AnalyzerType> {
  result: Response<T>;
  bytes?: Uint8Array;
}

const binary = __BROWSER__ === 'firefox';

const post = (port: Port, head: unknown, bytes?: Uint8Array) =>
  postFrames((frame) => port.postMessage(frame), head, bytes, { binary });

/** The port closed without a reply: nothing served it (no analyzer running) or its host went away mid-way. */
export class AnalyzerUnavailable extends Error {}

/** Sends one request with the file's bytes attached; resolves with the reply and its bytes. */
export function askAnalyzer<T extends AnalyzerType>(
  type: T,
  data: RequestMap[T]['request'],
  bytes: Uint8Array,
): Promise<Required<Answer<T>>> {
  return new Promise((resolve, reject) => {
    const port = browser.runtime.connect({ name: ANALYZER_PORT });
    port.onMessage.addListener(
      frameReader((whole) => {
        port.disconnect();
        const head = whole?.head as ReplyHead | undefined;
        if (whole && head && 'result' in head)
          resolve({ result: head.result as Response<T>, bytes: whole.bytes });
        else reject(new Error((head && 'error' in head && head.error) || 'bad reply'));
      }),
    );
    // Nobody listening (analyzer not running) or it crashed mid-way. Reading the error marks it as
    // seen: Chrome otherwise logs "Unchecked runtime.lastError" in the page's console.
    port.onDisconnect.addListener(() => {
      const error = browser.runtime.lastError ?? port.error;
      reject(new AnalyzerUnavailable(error?.message ?? 'analyzer unavailable'));
    });
    post(port, { type, data }, bytes).catch(reject);
  });
}

export interface AnalyzerHandlers {
  'check-image': (
    data: RequestMap['check-image']['request'],
    bytes: Uint8Array,
  ) => Promise<Answer<'check-image'>>;
  'make-copy': (data: RequestMap['make-copy']['request'], bytes: Uint8Array) => Promise<Answer<'make-copy'>>;
  'analyzer-state': () => Promise<Answer<'analyzer-state'>>;
  /** Warm the analyzer now (a sign of an upload coming). */
  'prepare-analyzer': () => Promise<Answer<'prepare-analyzer'>>;
}

/** The analyzer's side: answers one request per port, from this extension only. */
export function serveAnalyzer(handlers: AnalyzerHandlers): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== ANALYZER_PORT || port.sender?.id !== browser.runtime.id) return;
    port.onMessage.addListener(
      frameReader(async (whole) => {
        const message = whole?.head;
        let head: ReplyHead;
        let bytes: Uint8Array | undefined;
        if (!whole || !isRequest(message) || !Object.hasOwn(handlers, message.type)) {
          head = { error: 'bad request' };
        } else {
          try {
            const handler = handlers[message.type as AnalyzerType] as (
              data: unknown,
              bytes: Uint8Array,
            ) => Promise<Answer<AnalyzerType>>;
            const answer = await handler(message.data, whole.bytes);
            head = { result: answer.result };
            bytes = answer.bytes;
          } catch (error) {
            head = { error: String(error) };
          }
        }
        // The asking tab may have gone away meanwhile.
        await post(port, head, bytes).catch(() => undefined);
      }),
    );
  });
}
