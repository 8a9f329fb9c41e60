// Receives every runtime message, validates it against the protocol and checks who sent it before
// dispatching to a handler. Content scripts can never use the page-only types.
import browser from 'webextension-polyfill';
import {
  isRequest,
  PAGE_ONLY_TYPES,
  type Request,
  type RequestMap,
  type RequestType,
} from '../core/protocol';

export type Handlers = {
  [T in RequestType]?: (
    data: RequestMap[T]['request'],
    sender: browser.Runtime.MessageSender,
  ) => Promise<RequestMap[T]['response']>;
};

function fromExtensionPage(sender: browser.Runtime.MessageSender): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL(''));
}

export function listen(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    if (!isRequest(message)) return undefined;
    if (sender.id !== browser.runtime.id) return undefined;
    if (PAGE_ONLY_TYPES.has(message.type) && !fromExtensionPage(sender)) return undefined;
    const handler = handlers[message.type] as
      | ((data: Request['data'], sender: browser.Runtime.MessageSender) => Promise<unknown>)
      | undefined;
    // Returning undefined leaves the message to another listener (the offscreen analyzer on Chrome).
    return handler?.(message.data, sender);
  });
}
