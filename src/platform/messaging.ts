// The typed sending side of src/core/protocol.ts, for content scripts and extension pages.
import browser from 'webextension-polyfill';
import type { RequestMap, RequestType, Response } from '../core/protocol';

/** Rejects, never throws: an orphaned content script's runtime throws "Extension context invalidated". */
export async function send<T extends RequestType>(
  type: T,
  data: RequestMap[T]['request'],
): Promise<Response<T>> {
  return browser.runtime.sendMessage({ type, data }) as Promise<Response<T>>;
}
