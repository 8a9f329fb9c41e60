// Where the analyzer runs. Chrome: an offscreen document, created on the first upload or on a sign of
// one coming (src/content/intent.ts) and closed again once the analyzer has been idle for a while
// (src/analysis/analyzer.ts asks for that), so nothing stays in memory between posts. Firefox: this
// background page itself (it can start workers), so it serves the analyzer port; its workers stop
// after the same idle period. The build drops the branch the browser does not use.
import browser from 'webextension-polyfill';
import { serveAnalyzer } from '../platform/analyzer-port';
import type { Handlers } from './router';

let creating: Promise<void> | null = null;

/** The open offscreen document's id, '' when it has none, null when none is open. */
async function offscreenDocument(): Promise<string | null> {
  const url = browser.runtime.getURL('offscreen.html');
  const existing = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
  const open = existing.find((context) => context.documentUrl === url);
  return open ? (open.documentId ?? '') : null;
}

async function ensureOffscreenDocument(): Promise<void> {
  if (creating) return creating;
  if ((await offscreenDocument()) !== null) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: browser.runtime.getURL('offscreen.html'),
      reasons: ['WORKERS'],
      justification: 'Starts the workers that check photos for faces on the device, off the page.',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

/**
 * The document `asker` asks for this once its workers are stopped. One being created meanwhile is kept,
 * and so is a newer one: the request of a document closed since (by a crash or the browser) may arrive
 * after its successor opened.
 */
async function closeOffscreenDocument(asker: string | undefined): Promise<void> {
  if (creating) return;
  const open = await offscreenDocument();
  if (open === null || (asker && open && open !== asker)) return;
  await chrome.offscreen.closeDocument().catch(() => undefined);
}

// The event page is the analyzer's host; its workers start on the first image or warm-up, not at start.
// (A dynamic import, so Chrome's service worker bundle leaves the analyzer out.)
const analyzer = () => import('../analysis/analyzer');
if (__BROWSER__ === 'firefox') {
  serveAnalyzer({
    'check-image': async (data, bytes) => (await analyzer()).handleCheck(data, bytes),
    'make-copy': async (data, bytes) => (await analyzer()).handleCopy(data, bytes),
    'analyzer-state': async () => ({ result: (await analyzer()).analyzerState() }),
    'prepare-analyzer': async () => {
      (await analyzer()).warmAnalyzer();
      return { result: null };
    },
  });
}

export const analyzerHandlers: Handlers = {
  'prepare-analyzer': async () => {
    if (__BROWSER__ === 'chrome') await ensureOffscreenDocument();
    else (await analyzer()).warmAnalyzer();
    return null;
  },
  'release-analyzer': async (_, sender) => {
    // Chrome names the sending document (MessageSender.documentId, Chrome 106+).
    if (__BROWSER__ === 'chrome')
      await closeOffscreenDocument((sender as { documentId?: string }).documentId);
    return null;
  },
};
