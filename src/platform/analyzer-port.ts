// Image bytes go to the analyzer over a one-off port, not runtime.sendMessage: a sent message is
// delivered to, and deserialised by, every extension context (waking the service worker just to
// ignore megabytes), while a port reaches the analyzer alone.
import browser from 'webextension-polyfill';
import { isRequest, type RequestMap, type Response } from '../core/protocol';

export const ANALYZER_PORT = 'faceguard-analyzer';

type AnalyzerType = 'check-image' | 'make-copy';
type Reply = { result: unknown } | { error: string };

export function askAnalyzer<T extends AnalyzerType>(
  type: T,
  data: RequestMap[T]['request'],
): Promise<Response<T>> {
  return new Promise((resolve, reject) => {
    const port = browser.runtime.connect({ name: ANALYZER_PORT });
    port.onMessage.addListener((message: unknown) => {
      const reply = message as Reply;
      port.disconnect();
      if ('result' in reply) resolve(reply.result as Response<T>);
      else reject(new Error(reply.error));
    });
    // Nobody listening (analyzer not running) or it crashed mid-way.
    port.onDisconnect.addListener(() => reject(new Error('analyzer unavailable')));
    port.postMessage({ type, data });
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
    port.onMessage.addListener(async (message: unknown) => {
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
        port.postMessage(reply);
      } catch {
        // The asking tab went away meanwhile.
      }
    });
  });
}
