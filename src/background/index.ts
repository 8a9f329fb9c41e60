// The background: routes messages, keeps recent checks, opens extension pages. Listeners are added
// synchronously at top level so a restarted service worker still receives the message that woke it.
import browser from 'webextension-polyfill';
import { clearRecent, readRecent, recordCheck } from './recent-checks';
import { listen } from './router';

listen({
  'record-check': async (summary) => {
    await recordCheck(summary);
    return null;
  },
  'get-recent': () => readRecent(),
  'clear-recent': async () => {
    await clearRecent();
    return null;
  },
  'open-page': async ({ page }) => {
    await browser.tabs.create({ url: browser.runtime.getURL(`${page}.html`) });
    return null;
  },
});
