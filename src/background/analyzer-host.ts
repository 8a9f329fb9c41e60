// Where the analyzer runs. Chrome: an offscreen document, created on the first upload and kept while
// the browser runs so its workers (and the model in them) stay warm. Firefox: this background page
// itself (it can start workers), so it serves the analyzer port; the build drops the branch the
// browser does not use.
import browser from 'webextension-polyfill';
import { serveAnalyzer } from '../platform/analyzer-port';
import type { Handlers } from './router';

let creating: Promise<void> | null = null;

async function ensureOffscreenDocument(): Promise<void> {
  const url = browser.runtime.getURL('offscreen.html');
  const existing = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
  if (existing.some((context) => context.documentUrl === url)) return;
  creating ??= chrome.offscreen
    .createDocument({
      url,
      reasons: ['WORKERS'],
      justification: 'Starts the workers that check photos for faces on the device, off the page.',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

if (__BROWSER__ === 'firefox') {
  // The event page is the analyzer's host; its workers start on the first image, not at start.
  // (A dynamic import, so Chrome's service worker bundle leaves the analyzer out.)
  const analyzer = () => import('../analysis/analyzer');
  serveAnalyzer({
    'check-image': async (data, bytes) => (await analyzer()).handleCheck(data, bytes),
    'make-copy': async (data, bytes) => (await analyzer()).handleCopy(data, bytes),
  });
}

export const analyzerHandlers: Handlers = {
  'prepare-analyzer': async () => {
    if (__BROWSER__ === 'chrome') await ensureOffscreenDocument();
    return null;
  },
};
